package memserver

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Webhooks. An API refers to webhooks in its hook_references; the Dashboard
// embeds each referenced webhook into the API's event_handlers, which is
// what the gateway reads. Both stay in step with the webhook: changing or
// deleting a webhook changes every API that refers to it, in the same
// transaction.
func hookRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/hooks", Section: "hooks", Handle: listHooks},
		{Method: "POST", Path: "/api/hooks", Section: "hooks", Write: true, Handle: createHook},
		{Method: "GET", Path: "/api/hooks/{id}", Section: "hooks", Handle: getHook},
		{Method: "PUT", Path: "/api/hooks/{id}", Section: "hooks", Write: true, Handle: updateHook},
		{Method: "DELETE", Path: "/api/hooks/{id}", Section: "hooks", Write: true, Handle: deleteHook},
	}
}

const (
	msgHookNotFound = "Could not retrieve webhook detail."
	msgHookInvalid  = "Webhook object validation failed: "
	// webhookHandler is the event handler name of a webhook.
	webhookHandler = "eh_web_hook_handler"
)

func (c *call) findHook(tx store.DefinitionsReader, id string) (*model.WebHookHandlerConf, error) {
	h, err := tx.GetWebhook(id)
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(h.OrgID) {
		return nil, store.ErrNotFound
	}
	return h, nil
}

// publicHook gives a webhook the members the Dashboard always shows.
func publicHook(h *model.WebHookHandlerConf) *model.WebHookHandlerConf {
	out := *h
	if out.HeaderList == nil {
		out.HeaderList = map[string]string{}
	}
	if len(out.APIModel) == 0 {
		out.APIModel = emptyObject
	}
	return &out
}

// checkHook validates a webhook: a method and an absolute http(s) target.
func checkHook(h *model.WebHookHandlerConf) error {
	h.Method = strings.ToUpper(strings.TrimSpace(h.Method))
	switch h.Method {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
	case "":
		return errors.New("method is required")
	default:
		return fmt.Errorf("method %q is not an HTTP method", h.Method)
	}
	u, err := url.Parse(strings.TrimSpace(h.TargetPath))
	if h.TargetPath == "" {
		return errors.New("target_path is required")
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("target_path %q is not an absolute http(s) URL", h.TargetPath)
	}
	if h.EventTimeout < 0 {
		return errors.New("event_timeout must not be negative")
	}
	return nil
}

func listHooks(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	var page store.Page[model.WebHookHandlerConf]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListWebhooks(c.orgID, opts)
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, "Could not retrieve webhooks.") {
		return
	}
	hooks := make([]model.WebHookHandlerConf, 0, len(page.Items))
	for i := range page.Items {
		hooks = append(hooks, *publicHook(&page.Items[i]))
	}
	c.json(http.StatusOK, model.WebHookListResponse{Hooks: hooks, Pages: int64(page.Pages)})
}

func getHook(c *call) {
	var h *model.WebHookHandlerConf
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		h, err = c.findHook(tx, c.PathValue("id"))
		return err
	})
	// 400 for a missing webhook, as the Dashboard answers.
	if c.storeFailed(err, http.StatusBadRequest, msgHookNotFound) {
		return
	}
	c.json(http.StatusOK, publicHook(h))
}

// webhookIDTaken reports whether another webhook of org has webhookID.
func webhookIDTaken(tx store.DefinitionsReader, org, webhookID, self string) (bool, error) {
	if webhookID == "" {
		return false, nil
	}
	all, err := tx.ListWebhooks(org, store.ListOptions{Page: 0})
	if err != nil {
		return false, err
	}
	for _, h := range all.Items {
		if h.WebhookID == webhookID && h.ID != self {
			return true, nil
		}
	}
	return false, nil
}

func createHook(c *call) {
	var h model.WebHookHandlerConf
	if !decodeChecked(c, &h, checkHook, msgHookInvalid) {
		return
	}
	h.ID = c.s.ids.ObjectID() // a stale id in the body is ignored
	h.OrgID = c.orgFor(h.OrgID)
	if h.WebhookID == "" {
		h.WebhookID = c.s.ids.Hex(16)
	}
	if h.HeaderList == nil {
		h.HeaderList = map[string]string{}
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if taken, err := webhookIDTaken(tx, h.OrgID, h.WebhookID, ""); err != nil || taken {
			if err == nil {
				err = c.failTx(http.StatusConflict, "Duplicate webhook_id.")
			}
			return err
		}
		return tx.InsertWebhook(&h)
	})
	if c.storeFailed(err, http.StatusBadRequest, msgHookNotFound) {
		return
	}
	// The Dashboard says no id here; clients find the webhook by listing.
	c.ok("Webhook created", "")
}

func updateHook(c *call) {
	var in model.WebHookHandlerConf
	if !c.decode(&in) {
		return
	}
	id := c.PathValue("id")
	if in.ID != "" && in.ID != id {
		c.fail(http.StatusBadRequest, "the webhook id in the body does not match the path")
		return
	}
	if err := checkHook(&in); err != nil {
		c.fail(http.StatusBadRequest, msgHookInvalid+err.Error())
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		old, err := c.findHook(tx, id)
		if err != nil {
			return err
		}
		in.ID, in.OrgID = old.ID, old.OrgID
		if in.WebhookID == "" {
			in.WebhookID = old.WebhookID
		}
		if in.HeaderList == nil {
			in.HeaderList = map[string]string{}
		}
		if taken, err := webhookIDTaken(tx, in.OrgID, in.WebhookID, in.ID); err != nil || taken {
			if err == nil {
				err = c.failTx(http.StatusConflict, "Duplicate webhook_id.")
			}
			return err
		}
		if err := tx.UpdateWebhook(&in); err != nil {
			return err
		}
		return syncHookInAPIs(tx, in.OrgID, in.ID, &in)
	})
	if c.storeFailed(err, http.StatusBadRequest, "Webhook not found.") {
		return
	}
	c.ok("Webhook updated", "")
}

func deleteHook(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		h, err := c.findHook(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		if err := tx.DeleteWebhook(h.ID); err != nil {
			return err
		}
		return syncHookInAPIs(tx, h.OrgID, h.ID, nil)
	})
	if c.storeFailed(err, http.StatusNotFound, msgHookNotFound) {
		return
	}
	c.ok("Webhook deleted", "")
}

// syncHookInAPIs brings the APIs of org that refer to webhook id in step
// with it: h is its new state, or nil when it was deleted (the references
// go).
func syncHookInAPIs(tx store.DefinitionsTx, org, id string, h *model.WebHookHandlerConf) error {
	all, err := tx.ListAPIs(org, store.APIQuery{ListOptions: store.ListOptions{Page: 0}})
	if err != nil {
		return err
	}
	for i := range all.Items {
		w := &all.Items[i]
		refs := w.HookReferences[:0:0]
		found := false
		for _, ref := range w.HookReferences {
			if ref.Hook.ID != id {
				refs = append(refs, ref)
				continue
			}
			found = true
			if h != nil {
				ref.Hook = referencedHook(ref, h)
				refs = append(refs, ref)
			}
		}
		if !found {
			continue
		}
		w.HookReferences = refs
		embedHookHandlers(w)
		if err := tx.UpdateAPI(w); err != nil {
			return err
		}
	}
	return nil
}

// embedHooks resolves the hook_references of an API about to be stored:
// each must name a webhook of the API's org, whose current state replaces
// what the body said, and every reference becomes an event handler of the
// definition. An unknown webhook is an error the caller answers with 400.
func embedHooks(tx store.DefinitionsReader, w *model.APIDefinitionWrapper) error {
	if w.APIDefinition == nil {
		return nil
	}
	for i := range w.HookReferences {
		ref := &w.HookReferences[i]
		if strings.TrimSpace(ref.EventName) == "" {
			return fmt.Errorf("hook_references[%d]: event_name is required", i)
		}
		h, err := tx.GetWebhook(ref.Hook.ID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && h.OrgID != w.APIDefinition.OrgID) {
			return fmt.Errorf("hook_references[%d]: webhook %q does not exist", i, ref.Hook.ID)
		}
		if err != nil {
			return err
		}
		ref.Hook = referencedHook(*ref, h)
	}
	embedHookHandlers(w)
	return nil
}

// referencedHook is the webhook a reference carries: the stored webhook,
// except for an event_timeout of the reference's own, which real exports
// carry (60) where the stored webhook may have none.
func referencedHook(ref model.HookReference, stored *model.WebHookHandlerConf) model.WebHookHandlerConf {
	h := *publicHook(stored)
	if ref.Hook.EventTimeout != 0 {
		h.EventTimeout = ref.Hook.EventTimeout
	}
	return h
}

// hookHandlerIDs are the ids a webhook handler's handler_meta names its
// webhook by: _id (as this Server embeds it and the guide shows), or id
// and webhook_id (as real exports carry it).
func hookHandlerIDs(meta map[string]any) []string {
	var ids []string
	for _, k := range []string{"_id", "id", "webhook_id"} {
		if s, ok := meta[k].(string); ok && s != "" {
			ids = append(ids, s)
		}
	}
	return ids
}

// embedHookHandlers rewrites the webhook handlers that come from
// hook_references: those whose handler_meta carries a webhook's _id, and
// those that name a referenced webhook of the same event by id or
// webhook_id (an exported API holds its webhooks in that form, and
// re-importing it must not double them). Handlers written into
// event_handlers by hand are kept as they are.
func embedHookHandlers(w *model.APIDefinitionWrapper) {
	def := w.APIDefinition
	if def == nil {
		return
	}
	referenced := map[string]bool{} // event + sep + webhook id or webhook_id
	for _, ref := range w.HookReferences {
		for _, id := range []string{ref.Hook.ID, ref.Hook.WebhookID} {
			if id != "" {
				referenced[ref.EventName+"\x00"+id] = true
			}
		}
	}
	events := map[string][]model.EventHandlerTriggerConfig{}
	for name, hs := range def.EventHandlers.Events {
		for _, h := range hs {
			if h.Handler == webhookHandler {
				if h.HandlerMeta["_id"] != nil {
					continue
				}
				dup := false
				for _, id := range hookHandlerIDs(h.HandlerMeta) {
					dup = dup || referenced[name+"\x00"+id]
				}
				if dup {
					continue
				}
			}
			events[name] = append(events[name], h)
		}
	}
	for _, ref := range w.HookReferences {
		timeout := ref.EventTimeout
		if timeout == 0 {
			timeout = ref.Hook.EventTimeout
		}
		headers := map[string]any{}
		for k, v := range ref.Hook.HeaderList {
			headers[k] = v
		}
		events[ref.EventName] = append(events[ref.EventName], model.EventHandlerTriggerConfig{
			Handler: webhookHandler,
			HandlerMeta: map[string]any{
				"_id":           ref.Hook.ID,
				"event_timeout": timeout,
				"header_map":    headers,
				"method":        ref.Hook.Method,
				"name":          ref.Hook.Name,
				"org_id":        ref.Hook.OrgID,
				"target_path":   ref.Hook.TargetPath,
				"template_path": ref.Hook.TemplatePath,
			},
		})
	}
	def.EventHandlers.Events = events
}
