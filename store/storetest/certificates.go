package storetest

import (
	"fmt"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// newCertificate is a certificate of org; the PEM is opaque to a store.
func newCertificate(org string, n int) *store.Certificate {
	return &store.Certificate{
		ID:    org + fmt.Sprintf("%064x", n),
		OrgID: org,
		PEM:   fmt.Sprintf("-----BEGIN CERTIFICATE-----\nMIIB%d\n-----END CERTIFICATE-----\n", n),
	}
}

// testCertificates checks the certificate collection (insert, get, list in
// upload order, delete) and the API query by certificate, whose index must
// follow every API write.
func testCertificates(t *testing.T, s store.Store) {
	a1, a2, b1 := newCertificate(orgA, 1), newCertificate(orgA, 2), newCertificate(orgB, 3)
	defs(t, s, func(tx store.DefinitionsTx) error {
		for _, c := range []*store.Certificate{a2, b1, a1} { // upload order is not id order
			if err := tx.InsertCertificate(c); err != nil {
				return err
			}
		}
		return nil
	})
	wantErr(t, "insert of an existing certificate", inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertCertificate(newCertificate(orgA, 1)) }), store.ErrConflict)
	wantErr(t, "insert of a certificate without an id", inDefs(s, func(tx store.DefinitionsTx) error {
		return tx.InsertCertificate(&store.Certificate{OrgID: orgA, PEM: "x"})
	}), store.ErrInvalid)

	got, err := readDefs(s, func(tx store.DefinitionsReader) (*store.Certificate, error) { return tx.GetCertificate(a1.ID) })
	noErr(t, "get certificate", err)
	if d := diff(a1, got); d != "" {
		t.Errorf("certificate (-want +got):\n%s", d)
	}
	got.PEM = "changed by the caller"
	again, err := readDefs(s, func(tx store.DefinitionsReader) (*store.Certificate, error) { return tx.GetCertificate(a1.ID) })
	noErr(t, "get certificate again", err)
	if again.PEM != a1.PEM {
		t.Errorf("a caller's change reached the stored certificate: %q", again.PEM)
	}

	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		page, err := tx.ListCertificates(orgA, store.ListOptions{Page: -1})
		noErr(t, "list certificates of org A", err)
		if d := diff([]store.Certificate{*a2, *a1}, page.Items); d != "" || page.Total != 2 {
			t.Errorf("certificates of org A, total %d (-want +got):\n%s", page.Total, d)
		}
		page, err = tx.ListCertificates(orgA, store.ListOptions{Page: 2, PageSize: 1})
		noErr(t, "page 2 of the certificates of org A", err)
		if len(page.Items) != 1 || page.Items[0].ID != a1.ID || page.Pages != 2 {
			t.Errorf("page 2 of 1: %+v", page)
		}
		page, err = tx.ListCertificates(orgB, store.ListOptions{})
		noErr(t, "list certificates of org B", err)
		if len(page.Items) != 1 || page.Items[0].ID != b1.ID {
			t.Errorf("certificates of org B: %+v", page.Items)
		}
		page, err = tx.ListCertificates(orgA, store.ListOptions{Page: -1, Sort: "-created"})
		noErr(t, "certificates newest first", err)
		if len(page.Items) != 2 || page.Items[0].ID != a1.ID {
			t.Errorf("certificates newest first: %+v", page.Items)
		}
		_, err = tx.ListCertificates(orgA, store.ListOptions{Sort: "name"})
		wantErr(t, "certificates by name", err, store.ErrInvalid)
		return nil
	})

	// APIs by certificate: every member that names one counts, in its own
	// org only, and the answer follows updates and deletes.
	uses := newAPI(orgA, 1, "uses every kind")
	uses.APIDefinition.ClientCertificates = []string{a1.ID}
	uses.APIDefinition.UpstreamCertificates = map[string]string{"*.example.com": a2.ID}
	pinned := newAPI(orgA, 2, "pins")
	pinned.APIDefinition.PinnedPublicKeys = map[string]string{"example.com": "other, " + a1.ID}
	server := newAPI(orgA, 3, "serves")
	server.APIDefinition.Certificates = []string{a1.ID}
	none := newAPI(orgA, 4, "none")
	foreign := newAPI(orgB, 5, "other org")
	foreign.APIDefinition.ClientCertificates = []string{a1.ID}
	defs(t, s, func(tx store.DefinitionsTx) error {
		for _, a := range []*model.APIDefinitionWrapper{uses, pinned, server, none, foreign} {
			if err := tx.InsertAPI(a); err != nil {
				return err
			}
		}
		return nil
	})
	using := func(org, certID string) []string {
		t.Helper()
		var names []string
		viewDefs(t, s, func(tx store.DefinitionsReader) error {
			page, err := tx.ListAPIs(org, store.APIQuery{ListOptions: store.ListOptions{Page: -1}, Certificate: certID})
			noErr(t, "APIs using "+certID, err)
			if page.Total != len(page.Items) {
				t.Errorf("APIs using %s: total %d, %d items", certID, page.Total, len(page.Items))
			}
			for _, a := range page.Items {
				names = append(names, a.APIDefinition.Name)
			}
			return nil
		})
		return names
	}
	if d := diff([]string{"uses every kind", "pins", "serves"}, using(orgA, a1.ID)); d != "" {
		t.Errorf("APIs of org A using a1 (-want +got):\n%s", d)
	}
	if d := diff([]string{"uses every kind"}, using(orgA, a2.ID)); d != "" {
		t.Errorf("APIs of org A using a2 (-want +got):\n%s", d)
	}
	if d := diff([]string{"other org"}, using(orgB, a1.ID)); d != "" {
		t.Errorf("APIs of org B using a1 (-want +got):\n%s", d)
	}
	server.APIDefinition.Certificates = nil
	none.APIDefinition.RequestSigning.CertificateID = a1.ID
	defs(t, s, func(tx store.DefinitionsTx) error {
		if err := tx.UpdateAPI(server); err != nil {
			return err
		}
		if err := tx.UpdateAPI(none); err != nil {
			return err
		}
		return tx.DeleteAPI(pinned.APIDefinition.ID)
	})
	if d := diff([]string{"uses every kind", "none"}, using(orgA, a1.ID)); d != "" {
		t.Errorf("APIs of org A using a1 after updates (-want +got):\n%s", d)
	}
	if got := using(orgA, "never uploaded"); len(got) != 0 {
		t.Errorf("APIs using an unknown certificate: %v", got)
	}

	defs(t, s, func(tx store.DefinitionsTx) error { return tx.DeleteCertificate(a1.ID) })
	_, err = readDefs(s, func(tx store.DefinitionsReader) (*store.Certificate, error) { return tx.GetCertificate(a1.ID) })
	wantErr(t, "get of a deleted certificate", err, store.ErrNotFound)
	wantErr(t, "delete of a deleted certificate", inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteCertificate(a1.ID) }), store.ErrNotFound)
	if _, err := readDefs(s, func(tx store.DefinitionsReader) (*store.Certificate, error) { return tx.GetCertificate(a2.ID) }); err != nil {
		t.Errorf("deleting a1 removed a2: %v", err)
	}
}
