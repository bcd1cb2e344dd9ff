package model

import "time"

// AnalyticsRecord is one request a gateway recorded: what the Dashboard's
// activity routes aggregate. The memserver receives these from tests, since
// no gateway sends any.
type AnalyticsRecord struct {
	Method       string    `json:"method"`
	Path         string    `json:"path"`
	ResponseCode int64     `json:"response_code"`
	APIKey       string    `json:"api_key"`
	TimeStamp    time.Time `json:"timestamp"`
	APIName      string    `json:"api_name"`
	APIID        string    `json:"api_id"`
	OrgID        string    `json:"org_id"`
	OauthID      string    `json:"oauth_id"`
	RequestTime  int64     `json:"request_time"`
}
