package memserver_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// testCert is a self-signed certificate made for a test, with its key.
type testCert struct {
	certPEM, keyPEM []byte
	fingerprint     string // hex SHA-256 of the DER, as the gateway forms ids
}

func newTestCert(t testing.TB, cn string, notAfter time.Time, isCA bool) testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"dashkit tests"}, Country: []string{"GB"}},
		DNSNames:     []string{cn, "*." + cn},
		NotBefore:    notAfter.Add(-24 * time.Hour * 365),
		NotAfter:     notAfter,
		IsCA:         isCA, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	return testCert{
		certPEM:     pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		keyPEM:      pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}),
		fingerprint: hex.EncodeToString(sum[:]),
	}
}

// uploadMultipart posts data as the "file" part of a form, as the
// Dashboard's UI and the description's FormDataFile do.
func uploadMultipart(t testing.TB, srv *memserver.Server, secret string, data []byte) answer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "cert.pem")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest("POST", srv.URL+"/api/certs", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", secret)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return send(t, req)
}

func uploadCert(t testing.TB, srv *memserver.Server, data []byte) string {
	t.Helper()
	a := call(t, srv, "POST", "/api/certs", string(data))
	want(t, a, http.StatusOK)
	var m model.CertificateStatusMessage
	a.Into(t, &m)
	return m.ID
}

func TestCertificateLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	expires := time.Now().Add(90 * 24 * time.Hour).UTC().Truncate(time.Second)
	plain := newTestCert(t, "plain.example", expires, false)
	withKey := newTestCert(t, "keyed.example", expires, true)

	// Raw body, certificate only.
	a := call(t, srv, "POST", "/api/certs", string(plain.certPEM))
	want(t, a, http.StatusOK)
	var added model.CertificateStatusMessage
	a.Into(t, &added)
	if added.ID != srv.OrgID+plain.fingerprint || added.Status != "ok" || added.Message != "Certificate added." {
		t.Fatalf("upload answer %+v, want id %s", added, srv.OrgID+plain.fingerprint)
	}
	// Multipart, certificate and key in one file.
	a = uploadMultipart(t, srv, srv.Secret, append(append([]byte{}, withKey.certPEM...), withKey.keyPEM...))
	want(t, a, http.StatusOK)
	keyedID := srv.OrgID + withKey.fingerprint
	if !strings.Contains(string(a.Body), keyedID) {
		t.Fatalf("multipart upload: %s", a.Body)
	}
	// The same certificate again: the description's 404.
	wantError(t, call(t, srv, "POST", "/api/certs", string(plain.certPEM)), http.StatusNotFound, "already exists")

	var ids model.CertificateList
	call(t, srv, "GET", "/api/certs", nil).Into(t, &ids)
	if len(ids.Certs) != 2 || ids.Certs[0] != added.ID || ids.Certs[1] != keyedID || ids.Pages != 1 {
		t.Fatalf("list: %+v", ids)
	}
	var basics model.CertificateBasicsList
	call(t, srv, "GET", "/api/certs?mode=detailed", nil).Into(t, &basics)
	if len(basics.CertBasics) != 2 || basics.CertBasics[0].SubjectCN != "plain.example" || basics.CertBasics[1].HasPrivateKey != true ||
		!basics.CertBasics[1].IsCA || !basics.CertBasics[0].NotAfter.Equal(expires) {
		t.Fatalf("detailed list: %+v", basics)
	}
	call(t, srv, "GET", "/api/certs?mode=detailed&filter=with_pk", nil).Into(t, &basics)
	if len(basics.CertBasics) != 1 || basics.CertBasics[0].ID != keyedID {
		t.Fatalf("with_pk: %+v", basics)
	}
	call(t, srv, "GET", "/api/certs?mode=detailed&filter=without_pk", nil).Into(t, &basics)
	if len(basics.CertBasics) != 1 || basics.CertBasics[0].ID != added.ID {
		t.Fatalf("without_pk: %+v", basics)
	}
	wantError(t, call(t, srv, "GET", "/api/certs?mode=full", nil), http.StatusBadRequest, "mode")

	var details model.CertificateDetailedList
	call(t, srv, "GET", "/api/certs/details", nil).Into(t, &details)
	if len(details.Certificates) != 2 || details.Certificates[1].Fingerprint != withKey.fingerprint {
		t.Fatalf("details: %+v", details)
	}

	var meta model.CertificateMeta
	a = call(t, srv, "GET", "/api/certs/"+added.ID, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &meta)
	if meta.ID != added.ID || meta.Fingerprint != plain.fingerprint || meta.Subject.CommonName != "plain.example" ||
		meta.Issuer.CommonName != "plain.example" || len(meta.Subject.Organization) != 1 || meta.HasPrivateKey ||
		strings.Join(meta.DNSNames, ",") != "plain.example,*.plain.example" || !meta.NotAfter.Equal(expires) {
		t.Fatalf("meta: %+v", meta)
	}
	// The bare fingerprint names the certificate of the caller's org.
	want(t, call(t, srv, "GET", "/api/certs/"+plain.fingerprint, nil), http.StatusOK)

	wantError(t, call(t, srv, "GET", "/api/certs/"+srv.OrgID+strings.Repeat("0", 64), nil), http.StatusNotFound, "not found")
	want(t, call(t, srv, "DELETE", "/api/certs/"+added.ID, nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/certs/"+added.ID, nil), http.StatusNotFound, "not found")
	wantError(t, call(t, srv, "DELETE", "/api/certs/"+added.ID, nil), http.StatusNotFound, "Could not delete certificate.")
	call(t, srv, "GET", "/api/certs", nil).Into(t, &ids)
	if len(ids.Certs) != 1 || ids.Certs[0] != keyedID {
		t.Fatalf("list after delete: %+v", ids)
	}
}

func TestCertificateBadUploads(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	good := newTestCert(t, "good.example", time.Now().Add(time.Hour), false)
	other := newTestCert(t, "other.example", time.Now().Add(time.Hour), false)
	expired := newTestCert(t, "old.example", time.Now().Add(-time.Hour), false)
	pub := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("not a key")})
	cases := []struct {
		name string
		body []byte
		msg  string
	}{
		{"not PEM", []byte("hello"), "It should be PEM encoded"},
		{"expired", expired.certPEM, "certificate is expired"},
		{"key of another certificate", append(append([]byte{}, good.certPEM...), other.keyPEM...), "private key does not match"},
		{"two keys", append(append(append([]byte{}, good.certPEM...), good.keyPEM...), good.keyPEM...), "multiple private keys"},
		{"certificate and public key", append(append([]byte{}, good.certPEM...), pub...), "Public keys can't be combined"},
		{"broken certificate", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("junk")}), "parsing certificate"},
	}
	for _, tc := range cases {
		a := call(t, srv, "POST", "/api/certs", string(tc.body))
		if a.Status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404: %s", tc.name, a.Status, a.Body)
			continue
		}
		wantError(t, a, http.StatusNotFound, tc.msg)
	}
	// The description answers a body without a certificate 500.
	wantError(t, call(t, srv, "POST", "/api/certs", nil), http.StatusInternalServerError, "body empty")
	var ids model.CertificateList
	call(t, srv, "GET", "/api/certs", nil).Into(t, &ids)
	if len(ids.Certs) != 0 {
		t.Fatalf("a refused upload was stored: %v", ids.Certs)
	}
	wantError(t, call(t, srv, "GET", "/api/certs?p=x", nil), http.StatusBadRequest, "page number")
}

func TestCertificateUsersAndOrgs(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	cert := newTestCert(t, "ours.example", time.Now().Add(time.Hour), false)
	id := uploadCert(t, srv, cert.certPEM)

	_, reader := newUser(t, srv, "certs-reader@example.com", map[string]string{"certs": "read"})
	want(t, callAs(t, srv, reader, "GET", "/api/certs/"+id, nil), http.StatusOK)
	want(t, callAs(t, srv, reader, "GET", "/api/certs/"+id+"/apis", nil), http.StatusOK)
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/certs/"+id, nil), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "POST", "/api/certs", string(newTestCert(t, "r.example", time.Now().Add(time.Hour), false).certPEM)), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/certs/dependencies/"+id, nil), http.StatusForbidden, "access denied")
	_, denied := newUser(t, srv, "no-certs@example.com", map[string]string{"apis": "write"})
	wantError(t, callAs(t, srv, denied, "GET", "/api/certs", nil), http.StatusForbidden, "access denied")

	// Another org: our id is not theirs, our fingerprint is not in their
	// org, and the same certificate uploads there under their own id.
	wantError(t, callAs(t, srv, "their-admin", "GET", "/api/certs/"+id, nil), http.StatusBadRequest, "non-owned")
	wantError(t, callAs(t, srv, "their-admin", "DELETE", "/api/certs/"+id, nil), http.StatusBadRequest, "non-owned")
	wantError(t, callAs(t, srv, "their-admin", "GET", "/api/certs/"+cert.fingerprint, nil), http.StatusNotFound, "not found")
	wantError(t, callAs(t, srv, "their-admin", "GET", "/api/certs/"+id+"/apis", nil), http.StatusNotFound, "not found")
	var ids model.CertificateList
	callAs(t, srv, "their-admin", "GET", "/api/certs", nil).Into(t, &ids)
	if len(ids.Certs) != 0 {
		t.Fatalf("another org lists our certificates: %v", ids.Certs)
	}
	a := callAs(t, srv, "their-admin", "POST", "/api/certs", string(cert.certPEM))
	want(t, a, http.StatusOK)
	if !strings.Contains(string(a.Body), otherOrg+cert.fingerprint) {
		t.Fatalf("their upload: %s", a.Body)
	}
	want(t, call(t, srv, "GET", "/api/certs/"+id, nil), http.StatusOK)
}

func TestCertificateUsedByAPIs(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	cert := newTestCert(t, "mtls.example", time.Now().Add(time.Hour), false)
	id := uploadCert(t, srv, cert.certPEM)
	other := uploadCert(t, srv, newTestCert(t, "other.example", time.Now().Add(time.Hour), false).certPEM)

	classic := classicAPI("mtls-classic", "/mtls-classic/")
	def := classic["api_definition"].(map[string]any)
	def["use_mutual_tls_auth"] = true
	def["client_certificates"] = []string{id}
	def["upstream_certificates"] = map[string]string{"*.upstream.example": id, "other.example": other}
	a := call(t, srv, "POST", "/api/apis", classic)
	want(t, a, http.StatusOK)
	classicID, classicDB := a.JSON(t)["ID"].(string), a.JSON(t)["Meta"].(string)

	doc := tykOAS("mtls-oas", "/mtls-oas/")
	doc["x-tyk-api-gateway"].(map[string]any)["server"].(map[string]any)["clientCertificates"] = map[string]any{"enabled": true, "allowlist": []string{id}}
	oasDB, oasID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", doc))
	createClassic(t, srv, "unrelated")

	var using model.APIsUsingCertificate
	a = call(t, srv, "GET", "/api/certs/"+id+"/apis", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &using)
	if using.CertID != id || len(using.APIs) != 2 || using.Pages != 1 {
		t.Fatalf("APIs using the certificate: %s", a.Body)
	}
	if u := using.APIs[0]; u.APIID != classicID || strings.Join(u.UsageType, ",") != "client,upstream" || u.TykAPIType != "Tyk Classic" {
		t.Errorf("classic use: %+v", u)
	}
	if u := using.APIs[1]; u.APIID != oasID || strings.Join(u.UsageType, ",") != "client" || u.TykAPIType != "Tyk OAS" {
		t.Errorf("OAS use: %+v", u)
	}

	var dep model.CertificateDependencies
	call(t, srv, "GET", "/api/certs/dependencies/"+id, nil).Into(t, &dep)
	if strings.Join(dep.ClientCertAPIs, ",") != classicID+","+oasID || strings.Join(dep.UpstreamCertAPIs, ",") != classicID ||
		strings.Join(dep.UpstreamCertAPINames, ",") != "mtls-classic" || dep.KeyCert != "" {
		t.Fatalf("dependencies: %+v", dep)
	}

	// Deleting the dependencies takes the certificate out of both APIs
	// (the OAS API's document included) and leaves the other certificate.
	a = call(t, srv, "DELETE", "/api/certs/dependencies/"+id, nil)
	want(t, a, http.StatusOK)
	if a.JSON(t)["Message"] != "Certificate dependencies deletion successfully attempted." {
		t.Fatalf("dependencies delete: %s", a.Body)
	}
	call(t, srv, "GET", "/api/certs/"+id+"/apis", nil).Into(t, &using)
	if len(using.APIs) != 0 {
		t.Fatalf("APIs still use the certificate: %+v", using.APIs)
	}
	var w model.APIDefinitionWrapper
	call(t, srv, "GET", "/api/apis/"+classicDB, nil).Into(t, &w)
	if len(w.APIDefinition.ClientCertificates) != 0 || w.APIDefinition.UpstreamCertificates["other.example"] != other ||
		len(w.APIDefinition.UpstreamCertificates) != 1 {
		t.Fatalf("classic API after: client %v upstream %v", w.APIDefinition.ClientCertificates, w.APIDefinition.UpstreamCertificates)
	}
	got := call(t, srv, "GET", "/api/apis/oas/"+oasDB, nil)
	if strings.Contains(string(got.Body), id) {
		t.Fatalf("OAS document still names the certificate: %s", got.Body)
	}
	call(t, srv, "GET", "/api/certs/"+other+"/apis", nil).Into(t, &using)
	if len(using.APIs) != 1 || strings.Join(using.APIs[0].UsageType, ",") != "upstream" {
		t.Fatalf("the other certificate: %+v", using.APIs)
	}
	// The certificate itself stays; deleting it does not need the APIs.
	want(t, call(t, srv, "GET", "/api/certs/"+id, nil), http.StatusOK)
	want(t, call(t, srv, "DELETE", "/api/certs/"+other, nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/certs/dependencies/"+other, nil), http.StatusNotFound, "not found")
}
