package memserver

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/store"
)

// Certificates (section certs). A certificate is stored per org under the
// org id followed by its SHA-256 fingerprint, as the gateway's certs package
// forms the id; everything the routes answer about it is read from the PEM
// itself. Which APIs use a certificate is answered by the store's index of
// the certificate ids APIs name (store.APIQuery.Certificate), which follows
// every API write.
func certRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/certs", Section: "certs", Handle: listCerts},
		{Method: "POST", Path: "/api/certs", Section: "certs", Write: true, Handle: uploadCert},
		{Method: "GET", Path: "/api/certs/details", Section: "certs", Handle: listCertDetails},
		{Method: "GET", Path: "/api/certs/{certId}", Section: "certs", Handle: getCert},
		{Method: "DELETE", Path: "/api/certs/{certId}", Section: "certs", Write: true, Handle: deleteCert},
		{Method: "GET", Path: "/api/certs/{certId}/apis", Section: "certs", Handle: certAPIs},
		{Method: "GET", Path: "/api/certs/dependencies/{certId}", Section: "certs", Handle: getCertDependencies},
		{Method: "DELETE", Path: "/api/certs/dependencies/{certId}", Section: "certs", Write: true, Handle: deleteCertDependencies},
	}
}

// The Dashboard's messages, from the official description.
const (
	msgCertCreateFailed  = "Could not create certificate. "
	msgCertNotFound      = "Could not retrieve certificate details. Certificate with given SHA256 fingerprint not found."
	msgCertNotOwned      = "Attempted access to non-owned certificate."
	msgCertDeleteFailed  = "Could not delete certificate."
	msgCertAPIsNotFound  = "Certificate not found or access denied"
	msgCertEmptyBody     = "Failed to read response body, body empty."
	msgCertDependencies  = "Certificate dependencies deletion successfully attempted."
	msgCertAdded         = "Certificate added."
	certListFilterOmit   = "omit"
	certListFilterWithPK = "with_pk"
	certListFilterNoPK   = "without_pk"
)

// fingerprintOnly is a certificate id without its org: 64 hex.
var fingerprintOnly = regexp.MustCompile(`^[0-9a-f]{64}$`)

// certID resolves the certId of the path for the caller: a bare fingerprint
// is taken as one of the caller's org (the Dashboard's UI has sent both
// forms); an id of another org is refused without a look-up, as the
// Dashboard refuses a non-owned certificate, so nothing about another org's
// certificates is learnt.
func (c *call) certID(notOwnedStatus int, notOwnedMsg string) (string, bool) {
	id := strings.ToLower(c.PathValue("certId"))
	if fingerprintOnly.MatchString(id) && c.orgID != "" {
		return c.orgID + id, true
	}
	if c.orgID != "" && !strings.HasPrefix(id, c.orgID) {
		c.fail(notOwnedStatus, notOwnedMsg)
		return "", false
	}
	return id, true
}

// findCert reads a certificate of the caller's org.
func (c *call) findCert(tx store.DefinitionsReader, id string) (*store.Certificate, error) {
	cert, err := tx.GetCertificate(id)
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(cert.OrgID) {
		return nil, store.ErrNotFound
	}
	return cert, nil
}

// uploadedPEM reads the upload: the "file" part of a multipart form (the
// description's FormDataFile), or else the raw body.
func (c *call) uploadedPEM() ([]byte, bool) {
	mt, params, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return c.body, true
	}
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			c.fail(http.StatusBadRequest, msgCertCreateFailed+`the multipart form has no "file" part`)
			return nil, false
		}
		if err != nil {
			c.fail(http.StatusBadRequest, msgCertCreateFailed+"malformed multipart form: "+err.Error())
			return nil, false
		}
		if part.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			c.fail(http.StatusBadRequest, msgCertCreateFailed+"read the file part: "+err.Error())
			return nil, false
		}
		return data, true
	}
}

// uploadCert answers POST /api/certs. The description answers an upload
// the Dashboard cannot store (a PEM that does not parse, an expired
// certificate, a private key of another certificate, an id already taken)
// with 404 "Could not create certificate. ...", and an empty body with 500.
func uploadCert(c *call) {
	data, ok := c.uploadedPEM()
	if !ok {
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		c.fail(http.StatusInternalServerError, msgCertEmptyBody)
		return
	}
	up, err := model.ParseCertificateUpload(data, c.s.now())
	if err != nil {
		c.fail(http.StatusNotFound, msgCertCreateFailed+err.Error())
		return
	}
	org := c.orgFor(c.query("org_id"))
	cert := &store.Certificate{ID: org + up.Fingerprint, OrgID: org, PEM: up.PEM}
	err = c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetCertificate(cert.ID); err == nil {
			return c.failTx(http.StatusNotFound, msgCertCreateFailed+"Certificate with "+cert.ID+" ID already exists.")
		}
		return tx.InsertCertificate(cert)
	})
	if c.storeFailed(err, http.StatusNotFound, msgCertCreateFailed) {
		return
	}
	c.json(http.StatusOK, model.CertificateStatusMessage{ID: cert.ID, Message: msgCertAdded, Status: "ok"})
}

// orgCerts lists the caller's certificates, the page of the p parameter
// (below 1: all of them).
func (c *call) orgCerts(all bool) (store.Page[store.Certificate], bool) {
	opts, ok := c.listOptions()
	if !ok {
		return store.Page[store.Certificate]{}, false
	}
	opts.Query, opts.Sort = "", ""
	if all {
		opts.Page = 0
	}
	var page store.Page[store.Certificate]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListCertificates(c.orgID, opts)
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, "Could not retrieve certs.") {
		return page, false
	}
	return page, true
}

// metas describes every certificate of certs; a stored PEM that no longer
// parses is a bug of the store, answered 500.
func (c *call) metas(certs []store.Certificate) ([]model.CertificateMeta, bool) {
	out := make([]model.CertificateMeta, 0, len(certs))
	for _, cert := range certs {
		m, err := model.CertificateMetaOf(cert.ID, cert.PEM)
		if err != nil {
			c.fail(http.StatusInternalServerError, "certificate "+cert.ID+": "+err.Error())
			return nil, false
		}
		out = append(out, *m)
	}
	return out, true
}

// listCerts answers GET /api/certs: the ids of a page, or with
// mode=detailed their basics, which filter=with_pk / without_pk narrows to
// the certificates with or without a private key.
func listCerts(c *call) {
	mode, filter := c.query("mode"), c.query("filter")
	switch mode {
	case "", "detailed":
	default:
		c.fail(http.StatusBadRequest, `query parameter mode must be "detailed" or empty, got "`+mode+`"`)
		return
	}
	switch filter {
	case "", certListFilterOmit, certListFilterWithPK, certListFilterNoPK:
	default:
		c.fail(http.StatusBadRequest, `query parameter filter must be "omit", "with_pk" or "without_pk", got "`+filter+`"`)
		return
	}
	if mode == "" {
		page, ok := c.orgCerts(false)
		if !ok {
			return
		}
		ids := make([]string, 0, len(page.Items))
		for _, cert := range page.Items {
			ids = append(ids, cert.ID)
		}
		c.json(http.StatusOK, model.CertificateList{Certs: ids, Pages: int64(page.Pages)})
		return
	}
	filtered := filter == certListFilterWithPK || filter == certListFilterNoPK
	page, ok := c.orgCerts(filtered)
	if !ok {
		return
	}
	metas, ok := c.metas(page.Items)
	if !ok {
		return
	}
	basics := make([]model.CertificateBasics, 0, len(metas))
	for _, m := range metas {
		if filtered && m.HasPrivateKey != (filter == certListFilterWithPK) {
			continue
		}
		basics = append(basics, m.Basics())
	}
	pages := int64(page.Pages)
	if filtered {
		// The filter needs each certificate read, so it pages after.
		opts, _ := c.listOptions()
		p := paginate(basics, store.ListOptions{Page: opts.Page, PageSize: opts.PageSize})
		basics, pages = p.Items, int64(p.Pages)
	}
	c.json(http.StatusOK, model.CertificateBasicsList{CertBasics: basics, Pages: pages})
}

// listCertDetails answers GET /api/certs/details.
func listCertDetails(c *call) {
	page, ok := c.orgCerts(false)
	if !ok {
		return
	}
	metas, ok := c.metas(page.Items)
	if !ok {
		return
	}
	c.json(http.StatusOK, model.CertificateDetailedList{Certificates: metas, Pages: int64(page.Pages)})
}

func getCert(c *call) {
	id, ok := c.certID(http.StatusBadRequest, msgCertNotOwned)
	if !ok {
		return
	}
	var cert *store.Certificate
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		cert, err = c.findCert(tx, id)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgCertNotFound) {
		return
	}
	metas, ok := c.metas([]store.Certificate{*cert})
	if !ok {
		return
	}
	c.json(http.StatusOK, metas[0])
}

// deleteCert answers DELETE /api/certs/{certId}. As the description says,
// the certificate goes whether or not APIs still name it: what names it is
// removed by DELETE /api/certs/dependencies/{certId}.
func deleteCert(c *call) {
	id, ok := c.certID(http.StatusBadRequest, msgCertNotOwned)
	if !ok {
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := c.findCert(tx, id); err != nil {
			return err
		}
		return tx.DeleteCertificate(id)
	})
	if c.storeFailed(err, http.StatusNotFound, msgCertDeleteFailed) {
		return
	}
	c.json(http.StatusOK, model.StatusMessage{Status: "ok", Message: "removed"})
}

// apisUsing lists every API of org that names the certificate.
func apisUsing(tx store.DefinitionsReader, org, certID string) ([]model.APIDefinitionWrapper, error) {
	page, err := tx.ListAPIs(org, store.APIQuery{ListOptions: store.ListOptions{Page: 0}, Certificate: certID})
	return page.Items, err
}

// tykAPIType names the kind of an API as the description's TykApiType does.
func tykAPIType(w *model.APIDefinitionWrapper) string {
	def := w.APIDefinition
	switch {
	case w.IsStreams || isStreamsDoc(w.OAS):
		return "Tyk Streams"
	case def.IsOAS:
		return "Tyk OAS"
	case def.Protocol == "tcp" || def.Protocol == "tls":
		return "TCP"
	case def.GraphQL.Enabled:
		switch def.GraphQL.ExecutionMode {
		case "executionEngine":
			return "Tyk UDG"
		case "subgraph":
			return "Subgraph"
		case "supergraph":
			return "Supergraph"
		}
		return "Tyk GraphQL"
	}
	return "Tyk Classic"
}

// certAPIs answers GET /api/certs/{certId}/apis: a page of the APIs that use
// the certificate, each with how.
func certAPIs(c *call) {
	id, ok := c.certID(http.StatusNotFound, msgCertAPIsNotFound)
	if !ok {
		return
	}
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	var page store.Page[model.APIDefinitionWrapper]
	err := c.view(func(tx store.DefinitionsReader) error {
		cert, err := c.findCert(tx, id)
		if err != nil {
			return err
		}
		page, err = tx.ListAPIs(cert.OrgID, store.APIQuery{ListOptions: store.ListOptions{Page: opts.Page, PageSize: opts.PageSize}, Certificate: id})
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgCertAPIsNotFound) {
		return
	}
	out := model.APIsUsingCertificate{CertID: id, APIs: []model.APIUsageSummary{}, Pages: int64(page.Pages)}
	for i := range page.Items {
		w := &page.Items[i]
		out.APIs = append(out.APIs, model.APIUsageSummary{
			APIID: w.APIDefinition.APIID, Name: w.APIDefinition.Name,
			UsageType: model.APICertificateUses(w.APIDefinition)[id], TykAPIType: tykAPIType(w),
		})
	}
	c.json(http.StatusOK, out)
}

// certKeyID is the id of the key the gateway binds to a certificate: the
// org id followed by the certificate id.
func certKeyID(org, certID string) string { return org + certID }

func getCertDependencies(c *call) {
	id, ok := c.certID(http.StatusBadRequest, msgCertNotOwned)
	if !ok {
		return
	}
	var cert *store.Certificate
	var apis []model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		if cert, err = c.findCert(tx, id); err != nil {
			return err
		}
		apis, err = apisUsing(tx, cert.OrgID, id)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgCertNotFound) {
		return
	}
	dep := model.CertificateDependencies{CertID: id, ClientCertAPIs: []string{}, ClientCertAPINames: []string{},
		UpstreamCertAPIs: []string{}, UpstreamCertAPINames: []string{}}
	for _, w := range apis {
		def := w.APIDefinition
		if slices.Contains(def.ClientCertificates, id) {
			dep.ClientCertAPIs = append(dep.ClientCertAPIs, def.APIID)
			dep.ClientCertAPINames = append(dep.ClientCertAPINames, def.Name)
		}
		for _, u := range def.UpstreamCertificates {
			if u == id {
				dep.UpstreamCertAPIs = append(dep.UpstreamCertAPIs, def.APIID)
				dep.UpstreamCertAPINames = append(dep.UpstreamCertAPINames, def.Name)
				break
			}
		}
	}
	keyID := certKeyID(cert.OrgID, id)
	err = c.viewSessions(func(tx store.SessionsReader) error {
		_, err := tx.GetKey(keyID)
		return err
	})
	if err == nil {
		dep.KeyCert = keyID
	} else if !errors.Is(err, store.ErrNotFound) {
		c.storeFailed(err, http.StatusNotFound, msgCertNotFound)
		return
	}
	c.json(http.StatusOK, dep)
}

// deleteCertDependencies answers DELETE /api/certs/dependencies/{certId}:
// the certificate leaves the client and upstream certificates of every API
// of its org (an OAS API's document too), in one transaction, and the key
// bound to it is deleted. The certificate itself stays.
func deleteCertDependencies(c *call) {
	id, ok := c.certID(http.StatusBadRequest, msgCertNotOwned)
	if !ok {
		return
	}
	var org string
	err := c.update(func(tx store.DefinitionsTx) error {
		cert, err := c.findCert(tx, id)
		if err != nil {
			return err
		}
		org = cert.OrgID
		apis, err := apisUsing(tx, org, id)
		if err != nil {
			return err
		}
		for i := range apis {
			w := &apis[i]
			if !dropCertificate(w, id) {
				continue
			}
			w.UpdatedAt = ptrTime(c.s.now().UTC())
			if err := tx.UpdateAPI(w); err != nil {
				return err
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, msgCertNotFound) {
		return
	}
	err = c.updateSessions(func(tx store.SessionsTx) error {
		err := tx.DeleteKey(certKeyID(org, id))
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	if c.storeFailed(err, http.StatusInternalServerError, msgCertDependencies) {
		return
	}
	c.ok(msgCertDependencies, nil)
}

// dropCertificate removes id from the client and upstream certificates of
// w, and reports whether anything changed. An OAS API changes in its
// document, from which its classic form is derived again.
func dropCertificate(w *model.APIDefinitionWrapper, id string) bool {
	def := w.APIDefinition
	changed := false
	if i := slices.Index(def.ClientCertificates, id); i >= 0 {
		def.ClientCertificates = slices.DeleteFunc(def.ClientCertificates, func(s string) bool { return s == id })
		changed = true
	}
	for host, u := range def.UpstreamCertificates {
		if u == id {
			delete(def.UpstreamCertificates, host)
			changed = true
		}
	}
	if !changed || !def.IsOAS || len(w.OAS) == 0 {
		return changed
	}
	doc, err := oas.Parse(w.OAS)
	if err != nil {
		return changed
	}
	g, err := doc.Gateway()
	if err != nil {
		return changed
	}
	if g.Server != nil && g.Server.ClientCertificates != nil {
		cc := g.Server.ClientCertificates
		cc.Allowlist = slices.DeleteFunc(cc.Allowlist, func(s string) bool { return s == id })
	}
	if g.Upstream != nil && g.Upstream.MutualTLS != nil {
		m := g.Upstream.MutualTLS
		m.DomainToCertificateMapping = slices.DeleteFunc(m.DomainToCertificateMapping, func(d model.XTykDomainToCertificate) bool {
			return d.Certificate == id
		})
	}
	if err := doc.SetGateway(g); err != nil {
		return changed
	}
	w.OAS = doc.JSON()
	if err := syncOASIDs(w); err != nil {
		return changed
	}
	return true
}

func ptrTime(t time.Time) *time.Time { return &t }
