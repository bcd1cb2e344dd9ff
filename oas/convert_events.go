package oas

import (
	"encoding/json"

	"github.com/dashkit/dashkit/model"
)

// Event handlers. A classic definition lists, per event, handlers named by
// the gateway's handler names with free-form metadata; a Tyk OAS API lists
// handlers in server.eventHandlers, each with its trigger and a type. As in
// the gateway, webhooks and JavaScript handlers are mapped; log handlers too,
// which newer gateways also accept. Other handlers (custom plugins' event
// handlers) are not.

// The classic handler names and the Tyk OAS types they map to.
const (
	classicWebhookHandler = "eh_web_hook_handler"
	classicJSVMHandler    = "eh_dynamic_handler"
	classicLogHandler     = "eh_log_handler"
	eventTypeWebhook      = "webhook"
	eventTypeJSVM         = "custom"
	eventTypeLog          = "log"
)

// convHandlerMeta is the metadata of the mapped classic handlers: webhook
// (id, name, method, target_path, template_path, header_map,
// event_timeout), JavaScript (id, name, path) and log (prefix).
type convHandlerMeta struct {
	Disabled bool   `json:"disabled,omitempty"`
	ID       string `json:"id,omitempty"`
	// DBID is the database id of a Dashboard webhook, which Dashboards write
	// in place of id.
	DBID         string            `json:"_id,omitempty"`
	Name         string            `json:"name,omitempty"`
	Method       string            `json:"method,omitempty"`
	TargetPath   string            `json:"target_path,omitempty"`
	TemplatePath string            `json:"template_path,omitempty"`
	HeaderMap    map[string]string `json:"header_map,omitempty"`
	EventTimeout int64             `json:"event_timeout,omitempty"`
	Path         string            `json:"path,omitempty"`
	Prefix       string            `json:"prefix,omitempty"`
}

func classicEventHandlers(events map[string][]model.EventHandlerTriggerConfig) []model.XTykEventHandler {
	var out []model.XTykEventHandler
	for _, trigger := range convSortedKeys(events) {
		for _, h := range events[trigger] {
			var meta convHandlerMeta
			raw, err := json.Marshal(h.HandlerMeta)
			if err != nil || json.Unmarshal(raw, &meta) != nil {
				continue // metadata of another shape: not a handler we map
			}
			eh := model.XTykEventHandler{Enabled: !meta.Disabled, Trigger: trigger, ID: convOr(meta.ID, meta.DBID)}
			switch h.Handler {
			case classicWebhookHandler:
				eh.Type, eh.Name = eventTypeWebhook, meta.Name
				eh.URL, eh.Method, eh.BodyTemplate = meta.TargetPath, meta.Method, meta.TemplatePath
				// The schema requires a cool-down, "0s" for none.
				eh.CooldownPeriod = convSeconds(float64(meta.EventTimeout))
				for _, n := range convSortedKeys(meta.HeaderMap) {
					eh.Headers = append(eh.Headers, model.XTykHeader{Name: n, Value: meta.HeaderMap[n]})
				}
			case classicJSVMHandler:
				// JavaScript handlers have no name of their own; the gateway
				// reuses the function name.
				eh.Type, eh.Name, eh.FunctionName, eh.Path = eventTypeJSVM, meta.Name, meta.Name, meta.Path
			case classicLogHandler:
				eh.Type, eh.Name, eh.LogPrefix = eventTypeLog, convOr(meta.Name, trigger), meta.Prefix
			default:
				continue
			}
			out = append(out, eh)
		}
	}
	return out
}

func extractEventHandlers(handlers []model.XTykEventHandler, api *model.APIDefinition) {
	for _, eh := range handlers {
		meta := convHandlerMeta{Disabled: !eh.Enabled, ID: eh.ID}
		var handler string
		switch eh.Type {
		case eventTypeWebhook:
			handler = classicWebhookHandler
			meta.Name, meta.Method, meta.TargetPath, meta.TemplatePath = eh.Name, eh.Method, eh.URL, eh.BodyTemplate
			meta.EventTimeout = int64(convParseSeconds(eh.CooldownPeriod))
			if len(eh.Headers) > 0 {
				meta.HeaderMap = map[string]string{}
				for _, h := range eh.Headers {
					meta.HeaderMap[h.Name] = h.Value
				}
			}
		case eventTypeJSVM:
			handler = classicJSVMHandler
			meta.Name, meta.Path = eh.FunctionName, eh.Path
		case eventTypeLog:
			handler = classicLogHandler
			meta.Name, meta.Prefix = eh.Name, eh.LogPrefix
		default:
			continue
		}
		raw, _ := json.Marshal(meta)
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		if api.EventHandlers.Events == nil {
			api.EventHandlers.Events = map[string][]model.EventHandlerTriggerConfig{}
		}
		api.EventHandlers.Events[eh.Trigger] = append(api.EventHandlers.Events[eh.Trigger],
			model.EventHandlerTriggerConfig{Handler: handler, HandlerMeta: m})
	}
}
