package client_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

// selfSigned makes a certificate for cn and its key, both PEM, and the
// certificate's SHA-256 fingerprint.
func selfSigned(t *testing.T, cn string, notAfter time.Time) (certPEM, keyPEM []byte, fingerprint string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		DNSNames: []string{cn}, NotBefore: notAfter.Add(-time.Hour * 24), NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), hex.EncodeToString(sum[:])
}

func TestCertificates(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	later := time.Now().Add(48 * time.Hour)
	cert, key, fp := selfSigned(t, "one.example", later)
	id, err := c.Certificates.Upload(ctx, append(append([]byte{}, cert...), key...))
	if err != nil {
		t.Fatal(err)
	}
	if id != srv.OrgID+fp {
		t.Fatalf("id %s, want %s", id, srv.OrgID+fp)
	}
	if _, err := c.Certificates.Upload(ctx, cert); err == nil {
		t.Fatal("the same certificate uploaded twice")
	}
	var ids []string
	for i := 0; i < 12; i++ { // more than one page
		p, _, _ := selfSigned(t, "many.example", later)
		id, err := c.Certificates.Upload(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	var listed []string
	for id, err := range c.Certificates.All(ctx, client.ListOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, id)
	}
	if len(listed) != 13 || listed[0] != srv.OrgID+fp || listed[12] != ids[11] {
		t.Fatalf("All: %d ids %v", len(listed), listed)
	}
	page, err := c.Certificates.ListBasics(ctx, client.CertificateListOptions{Filter: client.CertificatesWithPrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != srv.OrgID+fp || !page.Items[0].HasPrivateKey || page.Items[0].SubjectCN != "one.example" {
		t.Fatalf("with private key: %+v", page.Items)
	}
	n := 0
	for m, err := range c.Certificates.AllBasics(ctx, client.CertificateListOptions{Filter: client.CertificatesWithoutPrivateKey}) {
		if err != nil || m.HasPrivateKey {
			t.Fatalf("without private key: %+v %v", m, err)
		}
		n++
	}
	if n != 12 {
		t.Fatalf("%d certificates without a key, want 12", n)
	}
	n = 0
	for m, err := range c.Certificates.AllDetails(ctx, client.ListOptions{}) {
		if err != nil || m.Fingerprint == "" || m.NotAfter.IsZero() {
			t.Fatalf("details: %+v %v", m, err)
		}
		n++
	}
	if n != 13 {
		t.Fatalf("%d detailed certificates, want 13", n)
	}
	meta, err := c.Certificates.Get(ctx, fp)
	if err != nil {
		t.Fatal(err)
	}
	if meta.ID != srv.OrgID+fp || meta.Subject.CommonName != "one.example" || !meta.HasPrivateKey || meta.DNSNames[0] != "one.example" {
		t.Fatalf("Get: %+v", meta)
	}

	api := classicAPI("mtls", "/mtls/")
	api.APIDefinition.UseMutualTLSAuth = true
	api.APIDefinition.ClientCertificates = []string{meta.ID}
	api.APIDefinition.UpstreamCertificates = map[string]string{"up.example": meta.ID}
	created, err := c.APIs.Create(ctx, api)
	if err != nil {
		t.Fatal(err)
	}
	uses, err := c.Certificates.APIs(ctx, meta.ID, client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(uses.Items) != 1 || uses.Items[0].APIID != created.APIID || strings.Join(uses.Items[0].UsageType, ",") != "client,upstream" {
		t.Fatalf("APIs: %+v", uses.Items)
	}
	n = 0
	for u, err := range c.Certificates.AllAPIs(ctx, meta.ID, client.ListOptions{}) {
		if err != nil || u.Name != "mtls" {
			t.Fatalf("AllAPIs: %+v %v", u, err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("AllAPIs: %d", n)
	}
	dep, err := c.Certificates.Dependencies(ctx, meta.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(dep.ClientCertAPIs) != 1 || dep.ClientCertAPIs[0] != created.APIID || dep.UpstreamCertAPINames[0] != "mtls" {
		t.Fatalf("Dependencies: %+v", dep)
	}
	if err := c.Certificates.DeleteDependencies(ctx, meta.ID); err != nil {
		t.Fatal(err)
	}
	got, err := c.APIs.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.APIDefinition.ClientCertificates) != 0 || len(got.APIDefinition.UpstreamCertificates) != 0 {
		t.Fatalf("the API still names the certificate: %v %v", got.APIDefinition.ClientCertificates, got.APIDefinition.UpstreamCertificates)
	}

	reader := userClient(t, srv, model.UserPermissions{"certs": "read"})
	if _, err := reader.Certificates.Get(ctx, meta.ID); err != nil {
		t.Fatalf("a reader cannot read: %v", err)
	}
	if err := reader.Certificates.Delete(ctx, meta.ID); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("a reader deletes: %v", err)
	}
	if err := c.Certificates.Delete(ctx, meta.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Certificates.Get(ctx, meta.ID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if _, err := c.Certificates.Upload(ctx, []byte("not pem")); err == nil || !strings.Contains(err.Error(), "PEM encoded") {
		t.Fatalf("Upload of garbage: %v", err)
	}
	if _, err := c.Certificates.Get(ctx, ""); err == nil {
		t.Fatal("Get of an empty id")
	}
}
