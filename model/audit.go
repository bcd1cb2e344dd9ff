package model

// AuditLog is one audited request to the Dashboard API (schema AuditLog).
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
	Diff      string `json:"diff,omitempty"`
}
