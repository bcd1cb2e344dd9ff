package model

import "encoding/json"

// WebHookHandlerConf is a webhook that API event handlers can call
// (schema WebHookHandlerConf).
type WebHookHandlerConf struct {
	ID           string            `json:"id"`
	OrgID        string            `json:"org_id"`
	Name         string            `json:"name"`
	Method       string            `json:"method"`
	TargetPath   string            `json:"target_path"`
	TemplatePath string            `json:"template_path"`
	HeaderList   map[string]string `json:"header_map"`
	EventTimeout int64             `json:"event_timeout"`
	WebhookID    string            `json:"webhook_id"`
	APIModel     json.RawMessage   `json:"api_model,omitempty"`

	Extra Extra `json:"-"`
}

// HookReference attaches a webhook to an event of an API (schema HookReference).
type HookReference struct {
	EventName    string             `json:"event_name"`
	EventTimeout int64              `json:"event_timeout"`
	Hook         WebHookHandlerConf `json:"hook"`

	Extra Extra `json:"-"`
}
