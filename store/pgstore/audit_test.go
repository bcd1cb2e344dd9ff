package pgstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/pgstore"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
)

const (
	auditOrgA = "5e9d9544a1dcd60001d0ed31"
	auditOrgB = "5e9d9544a1dcd60001d0ed32"
)

// auditRecord is record i, of org A when i is even and of org B otherwise;
// every record has the same size.
func auditRecord(i int) *model.AuditLog {
	org := auditOrgA
	if i%2 == 1 {
		org = auditOrgB
	}
	return &model.AuditLog{MID: fmt.Sprintf("%024x", i), OrgID: org, Timestamp: 1700000000 + int64(i),
		Date: "Tue, 14 Nov 2023 22:13:20 UTC", User: "admin@example.com", Action: "GET /api/apis",
		Method: "GET", URL: fmt.Sprintf("/api/apis?p=%06d", i), Status: 200}
}

// writeAudit writes records from to to-1, one transaction each, as
// separate requests would.
func writeAudit(t *testing.T, s store.Definitions, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		err := s.UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error { return tx.InsertAuditLog(auditRecord(i)) })
		if err != nil {
			t.Fatal(err)
		}
	}
}

func trim(t *testing.T, s store.Definitions, records int, bytes int64) int {
	t.Helper()
	var n int
	err := s.UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
		var err error
		n, err = tx.(store.AuditLogTrimmer).TrimAuditLogs(records, bytes)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// kept returns the ids of the records left, in the order they were written,
// after checking that each org's list counts what it holds.
func kept(t *testing.T, s store.Definitions) []int {
	t.Helper()
	var ids []int
	err := s.ViewDefinitions(context.Background(), func(tx store.DefinitionsReader) error {
		all, err := tx.ListAuditLogs("", store.AuditQuery{ListOptions: store.ListOptions{Sort: "created"}})
		if err != nil {
			return err
		}
		for _, l := range all.Items {
			var i int
			fmt.Sscanf(l.MID, "%x", &i)
			ids = append(ids, i)
		}
		for _, org := range []string{auditOrgA, auditOrgB} {
			p, err := tx.ListAuditLogs(org, store.AuditQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 1000}})
			if err != nil {
				return err
			}
			if p.Total != len(p.Items) {
				t.Errorf("org %s: total %d, %d records", org, p.Total, len(p.Items))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func wantKept(t *testing.T, s store.Definitions, from, to int) {
	t.Helper()
	ids := kept(t, s)
	ok := len(ids) == to-from
	for j := 0; ok && j < len(ids); j++ {
		ok = ids[j] == from+j
	}
	if !ok {
		t.Fatalf("records kept: %v, want %d to %d", ids, from, to-1)
	}
}

// TestTrimAuditLogs bounds the log by records and by bytes, oldest first,
// across orgs; the byte counters follow deletes, an org's deletion and an
// import, and a store opened again on the same tables (another process)
// trims the records the first one wrote.
func TestTrimAuditLogs(t *testing.T) {
	ctx := context.Background()
	schema := fmt.Sprintf("dashkit_trim_%d", os.Getpid())
	open := func() *pgstore.Store {
		s, err := pgstore.New(ctx, pgtest.DSN(t), pgstore.WithSchema(schema))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}
	s := open()
	t.Cleanup(func() { pgtest.DropSchema(t, schema) })
	writeAudit(t, s, 0, 30)
	if n := trim(t, s, 100, 0); n != 0 {
		t.Fatalf("a log within its bounds lost %d records", n)
	}
	if n := trim(t, s, 10, 0); n != 20 {
		t.Fatalf("trim to 10 of 30 deleted %d", n)
	}
	wantKept(t, s, 20, 30)

	// Bytes: two copies of the record's JSON and 256 bytes a record.
	raw, _ := json.Marshal(auditRecord(0))
	size := int64(2*len(raw) + 256)
	if n := trim(t, s, 100, 6*size); n != 4 {
		t.Fatalf("trim to 6 records' bytes deleted %d of 10", n)
	}
	wantKept(t, s, 24, 30)
	if n := trim(t, s, 100, 5*size-1); n != 2 {
		t.Fatalf("trim to a byte less than 5 records deleted %d of 6", n)
	}
	wantKept(t, s, 26, 30)

	// One deleted by id is off the counters too.
	err := s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		return tx.(store.AuditLogDeleter).DeleteAuditLog(auditRecord(26).MID)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := trim(t, s, 100, 3*size); n != 0 {
		t.Fatalf("3 records within 3 records' bytes: %d deleted", n)
	}
	wantKept(t, s, 27, 30)

	// An org's deletion takes its bytes along: the rest still fits.
	writeAudit(t, s, 30, 34)
	err = s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error { return tx.DeleteOrgData(auditOrgB) })
	if err != nil {
		t.Fatal(err)
	}
	if n := trim(t, s, 100, 3*size); n != 0 {
		t.Fatalf("org A's 3 records after org B's deletion: %d deleted", n)
	}

	// An import counts the bytes of what it brings.
	writeAudit(t, s, 34, 40)
	var export bytes.Buffer
	if err := s.Export(ctx, &export); err != nil {
		t.Fatal(err)
	}
	if err := s.Import(ctx, &export); err != nil {
		t.Fatal(err)
	}
	before := len(kept(t, s))
	if n := trim(t, s, 100, int64(before-2)*size); n != 2 {
		t.Fatalf("after an import, trim by 2 records' bytes deleted %d", n)
	}

	// Another store on the same tables trims what this one wrote.
	other := open()
	if n := trim(t, other, 1, 0); n != before-3 {
		t.Fatalf("the other store trimmed %d of %d records to 1", n, before-2)
	}
	if ids := kept(t, s); len(ids) != 1 || ids[0] != 39 {
		t.Fatalf("records kept: %v, want the newest, 39", ids)
	}
}
