package memserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/store"
)

// MCP proxies: Tyk OAS APIs that proxy a Model Context Protocol server.
// As the gateway does (apidef MarkAsMCP), an API created through these
// routes is marked in its classic form with application_protocol "mcp" and
// json_rpc_version "2.0". They are listed by GET /api/mcps only: Tyk's "MCP
// API extensions" page (ai-management/mcp-gateway/mcp-api-extensions) says
// they are managed through their own resource paths and excluded from the
// standard /api/apis listings (the gateway's /system/apis still serves
// them, as the gateway runs them). The memserver stores and validates
// them; it runs no MCP upstream.
//
// Their permission section is "mcp", not "apis": the official description
// names none, and Tyk's "Managing MCP proxies using the Dashboard" page
// (ai-management/mcp-gateway/managing-proxies, Permissions) says access to
// MCP proxy management is controlled by the mcp permission, read to view
// and write to create, edit and delete.
func mcpRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/mcps", Section: sectionMCP, Handle: listMCPs},
		{Method: "POST", Path: "/api/mcps", Section: sectionMCP, Write: true, Handle: createMCP},
		{Method: "GET", Path: "/api/mcps/{apiId}", Section: sectionMCP, Handle: getMCP},
		{Method: "PUT", Path: "/api/mcps/{apiId}", Section: sectionMCP, Write: true, Handle: updateMCP},
		{Method: "DELETE", Path: "/api/mcps/{apiId}", Section: sectionMCP, Write: true, Handle: deleteMCP},
	}
}

const sectionMCP = "mcp"

// The gateway's and the description's messages.
const (
	msgMCPNoExtension = "the payload should contain x-tyk-api-gateway"
	msgMCPNotFound    = "MCP Proxy definition not found"
	msgMCPWrongKind   = "Not an MCP Proxy definition"
	msgMCPCreated     = "MCP Proxy definition created"
	msgMCPUpdated     = "MCP Proxy definition updated"
	msgMCPDeleted     = "MCP Proxy definition deleted"
)

// mcpRestricted are the middleware an MCP proxy may not use, per operation
// or per MCP primitive (the description of POST /api/mcps).
var mcpRestricted = []string{"transformRequestMethod", "transformResponseBody", "urlRewrite", "internal",
	"cache", "validateRequest", "mockResponse"}

// mcpPrimitiveGroups are the middleware maps of MCP primitives
// (x-tyk-api-gateway.middleware), beside operations.
var mcpPrimitiveGroups = []string{"operations", "mcpTools", "mcpResources", "mcpPrompts", "mcpOperations"}

func isMCP(w *model.APIDefinitionWrapper) bool { return model.IsMCPProxy(w.APIDefinition) }

func markMCP(w *model.APIDefinitionWrapper) { model.MarkMCPProxy(w.APIDefinition) }

// checkMCP refuses the restricted middleware anywhere an operation or an MCP
// primitive configures middleware, naming where.
func checkMCP(doc *oas.Document) error {
	ext, ok := doc.Extension()
	if !ok {
		return errors.New(msgMCPNoExtension)
	}
	mw, ok := ext.Object("middleware")
	if !ok {
		return nil
	}
	var problems []string
	for _, group := range mcpPrimitiveGroups {
		items, ok := mw.Object(group)
		if !ok {
			continue
		}
		for name, item := range items.All() {
			conf, ok := item.(*oas.Object)
			if !ok {
				continue
			}
			for _, r := range mcpRestricted {
				if conf.Has(r) {
					problems = append(problems, fmt.Sprintf("/%s/middleware/%s/%s/%s", oas.ExtensionKey, group, name, r))
				}
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("MCP proxies cannot use the middleware at %s", strings.Join(problems, ", "))
	}
	return nil
}

var mcpVariant = &oasVariant{is: isMCP, mark: markMCP, check: checkMCP, notFound: msgMCPNotFound}

func createMCP(c *call) {
	doc, ok := c.parseOAS(c.body)
	if !ok {
		return
	}
	// createVariant's check refuses a document without x-tyk-api-gateway.
	c.createVariant(mcpVariant, doc, msgMCPCreated)
}

func getMCP(c *call) {
	c.getVariant(mcpVariant, http.StatusNotFound, http.StatusBadRequest, msgMCPWrongKind)
}

func updateMCP(c *call) {
	doc, ok := c.parseOAS(c.body)
	if !ok {
		return
	}
	if !doc.HasExtension() {
		c.fail(http.StatusBadRequest, msgMCPNoExtension)
		return
	}
	c.replaceVariant(mcpVariant, doc, nil, msgMCPUpdated)
}

func deleteMCP(c *call) { c.deleteVariant(mcpVariant, msgMCPDeleted) }

// listMCPs answers the caller's MCP proxies, each its Tyk OAS document: a
// page of the store's MCP kind of API (store.APIKindMCP), paged there.
func listMCPs(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	var page store.Page[model.APIDefinitionWrapper]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListAPIs(c.orgID, store.APIQuery{Kind: store.APIKindMCP, ListOptions: opts})
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, "Could not retrieve MCP Proxy definitions.") {
		return
	}
	items := make([]json.RawMessage, 0, len(page.Items))
	for i := range page.Items {
		items = append(items, page.Items[i].OAS)
	}
	c.json(http.StatusOK, model.MCPListResponse{MCPs: items, Pages: int64(page.Pages)})
}
