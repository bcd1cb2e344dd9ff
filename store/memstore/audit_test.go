package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
)

// TestAuditRecordsWrittenManyInOneTransaction: a transaction that inserts
// and deletes many audit records, as the memserver's audit queue does,
// finds what it wrote itself (duplicates refused, deleted records gone,
// counts exact), also after deleting an org's data in the same transaction.
func TestAuditRecordsWrittenManyInOneTransaction(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	rec := func(org string, i int) *model.AuditLog {
		return &model.AuditLog{MID: fmt.Sprintf("%s-%04d", org, i), OrgID: org, Timestamp: int64(1700000000 + i), Action: "Create Key"}
	}
	total := func(tx store.DefinitionsReader, org string) int {
		t.Helper()
		p, err := tx.ListAuditLogs(org, store.AuditQuery{ListOptions: store.ListOptions{PageSize: 10}})
		if err != nil {
			t.Fatal(err)
		}
		return p.Total
	}
	del := func(tx store.DefinitionsTx, mid string) error { return tx.(store.AuditLogDeleter).DeleteAuditLog(mid) }
	// Records of a first transaction, which the next one deletes from.
	err := s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		for i := 0; i < 100; i++ {
			if err := tx.InsertAuditLog(rec("a", i)); err != nil {
				return err
			}
		}
		return tx.InsertAuditLog(rec("b", 0))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		for i := 100; i < 300; i++ {
			if err := tx.InsertAuditLog(rec("a", i)); err != nil {
				return err
			}
		}
		for i := 0; i < 150; i++ { // older and newer records alike
			if err := del(tx, rec("a", i).MID); err != nil {
				return err
			}
		}
		if err := del(tx, rec("a", 10).MID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting a record deleted in the same transaction: %v, want ErrNotFound", err)
		}
		if err := tx.InsertAuditLog(rec("a", 10)); err != nil {
			t.Errorf("inserting a record deleted in the same transaction again: %v", err)
		}
		if err := tx.InsertAuditLog(rec("a", 200)); !errors.Is(err, store.ErrConflict) {
			t.Errorf("inserting a record inserted in the same transaction again: %v, want ErrConflict", err)
		}
		if err := tx.InsertAuditLog(rec("b", 0)); !errors.Is(err, store.ErrConflict) {
			t.Errorf("inserting a record of an earlier transaction again: %v, want ErrConflict", err)
		}
		if n := total(tx, "a"); n != 151 {
			t.Errorf("within the transaction: %d records of org a, want 151", n)
		}
		if _, err := tx.GetAuditLog(rec("a", 299).MID); err != nil {
			t.Errorf("within the transaction: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		if n := total(tx, "a"); n != 151 {
			t.Errorf("%d records of org a, want 151", n)
		}
		for i := 0; i < 300; i++ {
			_, err := tx.GetAuditLog(rec("a", i).MID)
			if want := i == 10 || i >= 150; (err == nil) != want {
				t.Errorf("record %d: %v, want found %v", i, err, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// An org's data deleted, then records written in the same transaction.
	err = s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		if err := tx.DeleteOrgData("a"); err != nil {
			return err
		}
		if err := tx.InsertAuditLog(rec("a", 160)); err != nil {
			t.Errorf("a record of the deleted org again: %v", err)
		}
		if err := del(tx, rec("a", 170).MID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting a record of the deleted org: %v, want ErrNotFound", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		if n, m := total(tx, "a"), total(tx, "b"); n != 1 || m != 1 {
			t.Errorf("after deleting org a's data: %d and %d records, want 1 and 1", n, m)
		}
		return nil
	})
}
