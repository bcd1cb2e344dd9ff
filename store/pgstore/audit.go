package pgstore

import (
	"fmt"

	"github.com/dashkit/dashkit/store"
)

var (
	_ store.AuditLogDeleter = (*defTx)(nil)
	_ store.AuditLogTrimmer = (*defTx)(nil)
)

// DeleteAuditLog deletes one audit record (store.AuditLogDeleter).
func (t *defTx) DeleteAuditLog(mid string) error { return auditLogs.delete(&t.tx, mid) }

// trimChunk is how many of the oldest records a trim reads at a time.
const trimChunk = 512

// TrimAuditLogs deletes the oldest audit records, in the order they were
// written, until at most maxRecords are left and, when maxBytes > 0, their
// bytes (two copies of each record's JSON and some 256 bytes of row and
// indexes) are at most maxBytes (store.AuditLogTrimmer). It is one pass in
// SQL over the records it deletes: the totals it compares come from the
// counters, so a log within its bounds costs one look-up. Every process
// sharing the database trims the same log, whoever wrote the records.
func (t *defTx) TrimAuditLogs(maxRecords int, maxBytes int64) (int, error) {
	// Both totals in one round trip.
	var n, size int64
	err := t.tx.tx.QueryRow(t.ctx, `SELECT coalesce(sum(n) FILTER (WHERE facet = ''), 0), coalesce(sum(n) FILTER (WHERE facet = $2), 0)
		FROM dashkit_counts WHERE tbl = $1 AND facet IN ('', $2)`, auditLogs.name, bytesFacet).Scan(&n, &size)
	if err != nil {
		return 0, fmt.Errorf("trim audit log: %w", err)
	}
	overRecords := int(n) - max(maxRecords, 0)
	overBytes := size - maxBytes
	if overRecords <= 0 && (maxBytes <= 0 || overBytes <= 0) {
		return 0, nil
	}
	// The oldest records, a chunk at a time on the index of seq, until
	// enough are taken for both bounds.
	var ids []string
	var taken int64
	after := int64(-1 << 63)
	for len(ids) < overRecords || (maxBytes > 0 && taken < overBytes) {
		rows, err := t.tx.tx.Query(t.ctx, "SELECT id, seq, "+rowSizeSQL+" FROM "+auditLogs.name+
			" WHERE seq > $1 ORDER BY seq LIMIT $2", after, trimChunk)
		if err != nil {
			return 0, fmt.Errorf("trim audit log: %w", err)
		}
		read := 0
		for rows.Next() && (len(ids) < overRecords || (maxBytes > 0 && taken < overBytes)) {
			var id string
			var sz int64
			if err := rows.Scan(&id, &after, &sz); err != nil {
				rows.Close()
				return 0, fmt.Errorf("trim audit log: %w", err)
			}
			ids, taken = append(ids, id), taken+sz
			read++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, fmt.Errorf("trim audit log: %w", err)
		}
		if read == 0 {
			break
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	gone, err := auditLogs.deleteWhere(&t.tx, "id = ANY($1)", ids)
	if err != nil {
		return 0, fmt.Errorf("trim audit log: %w", err)
	}
	return gone, nil
}
