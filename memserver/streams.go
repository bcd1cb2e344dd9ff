package memserver

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/store"
)

// Tyk Streams APIs (section apis): Tyk OAS documents that also carry
// x-tyk-streaming, the streams (inputs, processors, outputs) the gateway
// runs. They are stored as OAS APIs marked is_streams, so that GET
// /api/apis lists them with the others. The memserver keeps and validates
// the definitions; it runs no stream and reaches no broker (a real
// Dashboard needs a licence with streams and a gateway for that).
func streamsRoutes() []route {
	return []route{
		{Method: "POST", Path: "/api/apis/streams", Section: "apis", Write: true, Handle: createStreams},
		{Method: "GET", Path: "/api/apis/streams/{apiId}", Section: "apis", Handle: getStreams},
		{Method: "PUT", Path: "/api/apis/streams/{apiId}", Section: "apis", Write: true, Handle: updateStreams},
		{Method: "PATCH", Path: "/api/apis/streams/{apiId}", Section: "apis", Write: true, Handle: patchStreams},
		{Method: "DELETE", Path: "/api/apis/streams/{apiId}", Section: "apis", Write: true, Handle: deleteStreams},
	}
}

// streamingKey is the top-level member of a Tyk Streams API that holds its
// streams (schema XTykStreaming).
const streamingKey = "x-tyk-streaming"

// The Dashboard's messages, from the official description.
const (
	msgStreamsNoExtension = "The payload should contain x-tyk-api-gateway and/or x-tyk-streaming."
	msgStreamsNotFound    = "Could not retrieve API detail."
	msgStreamsDeleted     = "API deleted."
	msgStreamsUpdated     = "API updated."
)

// isStreamsDoc reports whether a stored OAS document is a Streams API's.
func isStreamsDoc(doc json.RawMessage) bool {
	if len(doc) == 0 {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(doc, &top) != nil {
		return false
	}
	_, ok := top[streamingKey]
	return ok
}

// oasVariant is a kind of Tyk OAS API with routes of its own (Streams APIs,
// MCP proxies): how it is recognised, marked and checked beyond the OAS
// rules, and what it keeps at the top level besides the OAS members.
type oasVariant struct {
	is       func(w *model.APIDefinitionWrapper) bool
	mark     func(w *model.APIDefinitionWrapper)
	check    func(doc *oas.Document) error
	keep     string // a top-level member kept besides a Tyk OAS API's
	notFound string
}

var streamsVariant = &oasVariant{
	is:       func(w *model.APIDefinitionWrapper) bool { return w.IsStreams || isStreamsDoc(w.OAS) },
	mark:     func(w *model.APIDefinitionWrapper) { w.IsStreams = true },
	check:    checkStreaming,
	keep:     streamingKey,
	notFound: msgStreamsNotFound,
}

// checkStreaming validates x-tyk-streaming as the description's
// XTykStreaming says: an object whose streams, when present, is an object
// of named streams, each an object.
func checkStreaming(doc *oas.Document) error {
	v, ok := doc.Root().Get(streamingKey)
	if !ok {
		return fmt.Errorf("%s is required: %s", streamingKey, msgStreamsNoExtension)
	}
	obj, ok := v.(*oas.Object)
	if !ok {
		return fmt.Errorf("%s must be an object", streamingKey)
	}
	s, ok := obj.Get("streams")
	if !ok {
		return nil
	}
	streams, ok := s.(*oas.Object)
	if !ok {
		return fmt.Errorf("%s.streams must be an object of named streams", streamingKey)
	}
	for name, stream := range streams.All() {
		if _, ok := stream.(*oas.Object); !ok {
			return fmt.Errorf("%s.streams.%s must be an object (input, pipeline, output)", streamingKey, name)
		}
	}
	return nil
}

// variantWrapper builds the stored form of a variant's document: the OAS
// wrapper with the member the variant keeps written back, and its mark.
func (c *call) variantWrapper(v *oasVariant, doc *oas.Document, dbID, apiID, org string) (*model.APIDefinitionWrapper, error) {
	var kept any
	if v.keep != "" {
		kept, _ = doc.Root().Get(v.keep)
	}
	w, err := c.s.oasWrapper(doc, dbID, apiID, org)
	if err != nil {
		return nil, err
	}
	if kept != nil {
		doc.Root().Set(v.keep, kept)
		w.OAS = doc.JSON()
	}
	v.mark(w)
	return w, nil
}

// createVariant stores a new API of the variant and answers the create
// envelope with message msg.
func (c *call) createVariant(v *oasVariant, doc *oas.Document, msg string) {
	if err := v.check(doc); err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return
	}
	if !c.validateOAS(doc) {
		return
	}
	org := c.orgFor("")
	apiID := doc.APIID()
	if apiID == "" {
		apiID = c.s.ids.APIID()
	}
	w, err := c.variantWrapper(v, doc, c.s.ids.ObjectID(), apiID, org)
	if err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return
	}
	now := c.s.now().UTC()
	w.CreatedAt, w.UpdatedAt = &now, &now
	fillEmpty(w)
	err = c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetAPIByAPIID(apiID); err == nil {
			return c.failTx(http.StatusConflict, "Found API with the same ID.")
		}
		return tx.InsertAPI(w)
	})
	if c.storeFailed(err, http.StatusBadRequest, msg) {
		return
	}
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: msg, Meta: w.APIDefinition.ID, ID: apiID})
}

// findVariant finds an API of the variant by api_id or db id; an API of
// another kind answers wrongKind.
func (c *call) findVariant(tx store.DefinitionsReader, v *oasVariant, wrongKind error) (*model.APIDefinitionWrapper, error) {
	w, err := c.findAPI(tx, c.PathValue("apiId"))
	if err != nil {
		return nil, err
	}
	if !w.APIDefinition.IsOAS || len(w.OAS) == 0 || !v.is(w) {
		return nil, wrongKind
	}
	return w, nil
}

// getVariant answers the stored document of an API of the variant.
func (c *call) getVariant(v *oasVariant, notFound, wrongKind int, wrongKindMsg string) {
	var w *model.APIDefinitionWrapper
	errWrongKind := fmt.Errorf("not this kind of API: %w", errAnswered)
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findVariant(tx, v, errWrongKind)
		return err
	})
	if err == errWrongKind {
		c.fail(wrongKind, wrongKindMsg)
		return
	}
	if c.storeFailed(err, notFound, v.notFound) {
		return
	}
	c.raw(http.StatusOK, "application/json", w.OAS)
}

// replaceVariant stores doc as the new version of the variant API in the
// path, keeping its db id, org, categories, owners and creation time. When
// fill is set, it completes doc from the stored one first (what the body
// leaves out is kept).
func (c *call) replaceVariant(v *oasVariant, doc *oas.Document, fill func(stored, doc *oas.Document) error, msg string) {
	notThis := fmt.Errorf("not this kind of API: %w", store.ErrNotFound)
	err := c.update(func(tx store.DefinitionsTx) error {
		old, err := c.findVariant(tx, v, notThis)
		if err != nil {
			return err
		}
		if fill != nil {
			stored, err := oas.Parse(old.OAS)
			if err != nil {
				return err
			}
			if err := fill(stored, doc); err != nil {
				return c.failTx(http.StatusBadRequest, err.Error())
			}
		}
		if err := v.check(doc); err != nil {
			return c.failTx(http.StatusBadRequest, err.Error())
		}
		if err := oas.Validate(doc); err != nil {
			return c.failTx(http.StatusBadRequest, err.Error())
		}
		dbID, apiID := old.APIDefinition.ID, old.APIDefinition.APIID
		if id := doc.APIID(); id != "" && id != apiID {
			return c.failTx(http.StatusBadRequest, "Invalid `ID` value: the document's x-tyk-api-gateway.info.id is "+id+", the API's is "+apiID)
		}
		w, err := c.variantWrapper(v, doc, dbID, apiID, old.APIDefinition.OrgID)
		if err != nil {
			return c.failTx(http.StatusBadRequest, err.Error())
		}
		now := c.s.now().UTC()
		w.CreatedAt, w.UpdatedAt = old.CreatedAt, &now
		w.Categories, w.HookReferences = old.Categories, old.HookReferences
		w.UserOwners, w.UserGroupOwners = old.UserOwners, old.UserGroupOwners
		fillEmpty(w)
		return tx.UpdateAPI(w)
	})
	if c.storeFailed(err, http.StatusNotFound, v.notFound) {
		return
	}
	c.ok(msg, nil)
}

// deleteVariant deletes an API of the variant.
func (c *call) deleteVariant(v *oasVariant, msg string) {
	notThis := fmt.Errorf("not this kind of API: %w", store.ErrNotFound)
	var apiID string
	err := c.update(func(tx store.DefinitionsTx) error {
		w, err := c.findVariant(tx, v, notThis)
		if err != nil {
			return err
		}
		apiID = w.APIDefinition.APIID
		return tx.DeleteAPI(w.APIDefinition.ID)
	})
	if c.storeFailed(err, http.StatusNotFound, v.notFound) {
		return
	}
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: msg, ID: apiID})
}

// keepStoredStreaming completes a PUT or PATCH body from the stored API:
// a body without x-tyk-api-gateway keeps the stored one, a body without
// x-tyk-streaming the stored streams (the description's "and/or").
func keepStoredStreaming(stored, doc *oas.Document) error {
	if !doc.HasExtension() {
		ext, _ := stored.Extension()
		if err := doc.SetExtension(ext); err != nil {
			return err
		}
	}
	if !doc.Root().Has(streamingKey) {
		if v, ok := stored.Root().Get(streamingKey); ok {
			doc.Root().Set(streamingKey, v)
		}
	}
	return nil
}

func createStreams(c *call) {
	doc, ok := c.parseOAS(c.body)
	if !ok {
		return
	}
	if !doc.HasExtension() {
		c.fail(http.StatusBadRequest, msgStreamsNoExtension)
		return
	}
	c.createVariant(streamsVariant, doc, model.MsgAPICreated)
}

func getStreams(c *call) {
	c.getVariant(streamsVariant, http.StatusBadRequest, http.StatusBadRequest, msgStreamsNotFound)
}

func updateStreams(c *call) {
	doc, ok := c.parseOAS(c.body)
	if !ok {
		return
	}
	if !doc.HasExtension() && !doc.Root().Has(streamingKey) {
		c.fail(http.StatusBadRequest, msgStreamsNoExtension)
		return
	}
	c.replaceVariant(streamsVariant, doc, keepStoredStreaming, msgStreamsUpdated)
}

// patchStreams replaces the OpenAPI part of a Streams API with the body's
// document (JSON, YAML or a multipart file), keeping what the body leaves
// out, then applies the import options of the query, as the OAS PATCH does.
func patchStreams(c *call) {
	doc, ok := c.importedDocument()
	if !ok {
		return
	}
	opts := c.importOptions()
	c.replaceVariant(streamsVariant, doc, func(stored, doc *oas.Document) error {
		if err := keepStoredStreaming(stored, doc); err != nil {
			return err
		}
		streaming, _ := doc.Root().Get(streamingKey)
		out, err := oas.ApplyImportDefaults(doc, opts)
		if err != nil {
			return err
		}
		*doc = *out
		if streaming != nil {
			doc.Root().Set(streamingKey, streaming)
		}
		return nil
	}, "API updated")
}

func deleteStreams(c *call) { c.deleteVariant(streamsVariant, msgStreamsDeleted) }
