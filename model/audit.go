package model

// AuditLog is one audited request to the Dashboard API (schema AuditLog).
// Date is the request's time as text; Timestamp the same in Unix seconds.
type AuditLog struct {
	MID       string `json:"_id"`
	ReqID     string `json:"req_id"`
	OrgID     string `json:"org_id"`
	Date      string `json:"date"`
	Timestamp int64  `json:"timestamp"`
	IP        string `json:"ip"`
	User      string `json:"user"`
	Action    string `json:"action"`
	Method    string `json:"method"`
	URL       string `json:"url"`
	Status    int64  `json:"status"`
	// Diff is the change an update made, where the Dashboard records it.
	Diff string `json:"diff,omitempty"`

	Extra Extra `json:"-"`
}
