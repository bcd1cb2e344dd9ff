package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// apiReads counts what the store's connections (application_name app) read
// of the apis table in schema: rows by sequential scan, entries of the MCP
// proxies' partial indexes, and entries of the other indexes. settle waits
// until those connections have ended, because a backend reports its
// counters to the statistics views when it exits.
type apiReads struct{ table, others, mcp int64 }

func apiReadCounter(ctx context.Context, t *testing.T, conn *pgx.Conn, schema, app string) (settle func(), read func() apiReads) {
	settle = func() {
		t.Helper()
		for range 100 {
			var open int
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", app).Scan(&open); err != nil {
				t.Fatal(err)
			}
			if open == 0 {
				if _, err := conn.Exec(ctx, "SELECT pg_stat_clear_snapshot()"); err != nil {
					t.Fatal(err)
				}
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatal("the store's connections did not end")
	}
	read = func() apiReads {
		t.Helper()
		var r apiReads
		err := conn.QueryRow(ctx, `SELECT coalesce(t.seq_tup_read, 0),
			coalesce(sum(i.idx_tup_read) FILTER (WHERE NOT starts_with(i.indexrelname, 'apis_mcp')), 0),
			coalesce(sum(i.idx_tup_read) FILTER (WHERE starts_with(i.indexrelname, 'apis_mcp')), 0)
			FROM pg_stat_user_tables t JOIN pg_stat_user_indexes i USING (relid)
			WHERE t.schemaname = $1 AND t.relname = 'apis' GROUP BY t.seq_tup_read`, schema).Scan(&r.table, &r.others, &r.mcp)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	return settle, read
}
