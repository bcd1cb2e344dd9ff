package memstore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// port moves one collection in and out of the export stream and the data
// file's change log (datafile.go).
type port struct {
	collection string
	export     func(ctx context.Context, txn *transaction, enc *json.Encoder) error
	// load inserts a record of an export, checking every identifier.
	load func(d *db, txn *transaction, rec store.Record) error
	// record turns a row of the table into a record, and rowID gives its
	// id: what the change log writes of a row written or deleted.
	record func(raw any) (store.Record, error)
	rowID  func(raw any) string
	// remove deletes the object with id, returning the sequence number it
	// had; replace stores a record's object with that sequence number
	// without checking identifiers: the change log replays a state that was
	// checked when it was written.
	remove  func(txn *transaction, id string) (seq uint64, ok bool, err error)
	replace func(d *db, txn *transaction, seq uint64, rec store.Record) error
}

// portOf exports a collection in creation order. enc and dec turn an object
// into a record's object and meta and back; nil means its JSON, no meta.
func portOf[T any](c *coll[T], enc func(*T) (any, map[string]string), dec func(*T, store.Record) error) port {
	if enc == nil {
		enc = func(o *T) (any, map[string]string) { return o, nil }
	}
	toRecord := func(o *T) (store.Record, error) {
		v, meta := enc(o)
		obj, err := json.Marshal(v)
		if err != nil {
			return store.Record{}, fmt.Errorf("export %s %q: %w", c.noun, c.id(o), err)
		}
		return store.Record{Collection: c.table, Object: obj, Meta: meta}, nil
	}
	decode := func(d *db, rec store.Record) (*T, error) {
		obj := new(T)
		if dec != nil {
			if err := dec(obj, rec); err != nil {
				return nil, err
			}
		} else if err := json.Unmarshal(rec.Object, obj); err != nil {
			return nil, fmt.Errorf("%s: %v: %w", c.noun, err, store.ErrInvalid)
		}
		if c.idSeq != nil {
			// A record that keeps the id the store gave it: later ids
			// must not meet it again.
			if id := c.id(obj); id != "" {
				d.seenSeq(c.idSeq(id))
			}
		}
		return obj, nil
	}
	return port{
		collection: c.table,
		export: func(ctx context.Context, txn *transaction, w *json.Encoder) error {
			rs, err := c.rows(txn, "id", "")
			if err != nil {
				return err
			}
			slices.SortFunc(rs, func(a, b *row[T]) int { return cmpUint(a.seq, b.seq) })
			for i, r := range rs {
				if i%1024 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				rec, err := toRecord(r.view())
				if err != nil {
					return err
				}
				if err := w.Encode(rec); err != nil {
					return fmt.Errorf("export %s: %w", c.table, err)
				}
			}
			return nil
		},
		load: func(d *db, txn *transaction, rec store.Record) error {
			obj, err := decode(d, rec)
			if err != nil {
				return err
			}
			return c.insert(txn, d.nextSeq(), obj)
		},
		record: func(raw any) (store.Record, error) { return toRecord(raw.(*row[T]).view()) },
		rowID:  func(raw any) string { return c.id(raw.(*row[T]).view()) },
		remove: func(txn *transaction, id string) (uint64, bool, error) {
			r, err := c.first(txn, "id", id)
			if err != nil || r == nil {
				return 0, false, err
			}
			return r.seq, true, c.deleteRow(txn, r)
		},
		replace: func(d *db, txn *transaction, seq uint64, rec store.Record) error {
			obj, err := decode(d, rec)
			if err != nil {
				return err
			}
			if c.id(obj) == "" {
				return fmt.Errorf("%s: empty id: %w", c.noun, store.ErrInvalid)
			}
			if seq == 0 {
				seq = d.nextSeq()
			}
			return c.put(txn, &row[T]{seq: seq, data: pack(obj), obj: obj}, nil)
		},
	}
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func jsonDecode(what string, raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: %v: %w", what, err, store.ErrInvalid)
	}
	return nil
}

var definitionPorts = []port{
	portOf(orgs, nil, nil),
	portOf(userGroups, nil, nil),
	// A user's password hash is not part of its JSON: it travels as meta.
	portOf(users,
		func(u *model.User) (any, map[string]string) {
			if u.PasswordHash == "" {
				return u, nil
			}
			return u, map[string]string{"password_hash": u.PasswordHash}
		},
		func(u *model.User, rec store.Record) error {
			if err := jsonDecode("user", rec.Object, u); err != nil {
				return err
			}
			u.PasswordHash = rec.Meta["password_hash"]
			return nil
		}),
	portOf(apis, nil, nil),
	portOf(policies, nil, nil),
	portOf(oauthClients,
		func(c *model.OAuthClient) (any, map[string]string) {
			return c, map[string]string{"api_id": c.APIID, "org_id": c.OrgID}
		},
		func(c *model.OAuthClient, rec store.Record) error {
			if err := jsonDecode("OAuth client", rec.Object, c); err != nil {
				return err
			}
			c.APIID, c.OrgID = rec.Meta["api_id"], rec.Meta["org_id"]
			return nil
		}),
	portOf(oauthTokens,
		func(t *model.OAuthClientToken) (any, map[string]string) {
			return t, map[string]string{"client_id": t.ClientID, "org_id": t.OrgID}
		},
		func(t *model.OAuthClientToken, rec store.Record) error {
			if err := jsonDecode("OAuth token", rec.Object, t); err != nil {
				return err
			}
			t.ClientID, t.OrgID = rec.Meta["client_id"], rec.Meta["org_id"]
			return nil
		}),
	portOf(webhooks, nil, nil),
	portOf(assets, nil, nil),
	portOf(certificates, nil, nil),
	portOf(auditLogs, nil, nil),
	// An analytics record's id is the store's, not part of its JSON: it
	// travels as meta, so that an import (and the data file's change log,
	// which deletes records by id) keeps it.
	portOf(analytics,
		func(r *analyticsRow) (any, map[string]string) { return &r.Rec, map[string]string{"id": r.ID} },
		func(r *analyticsRow, rec store.Record) error {
			r.ID = rec.Meta["id"]
			return jsonDecode("analytics record", rec.Object, &r.Rec)
		}),
	portOf(ssoNonces, nil, nil),
	portOf(portalObjects, nil, nil),
}

var sessionPorts = []port{portOf(keys, nil, nil)}

// export writes every collection of ports from one read transaction, so
// that the stream is one consistent state.
func (d *db) export(ctx context.Context, w io.Writer, ports []port) error {
	return d.exportState(ctx, w, d.current(), ports)
}

func (d *db) exportState(ctx context.Context, w io.Writer, state *state, ports []port) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	txn := state.txn(false)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	for _, p := range ports {
		if err := p.export(ctx, txn, enc); err != nil {
			return fmt.Errorf("export %s: %w", d.name, err)
		}
	}
	return bw.Flush()
}

// load replaces the whole state with the records of r, all or nothing.
// Objects get new sequence numbers in the order of the stream, which is the
// order they were created in.
func (d *db) load(ctx context.Context, r io.Reader, ports []port) error {
	byName := make(map[string]port, len(ports))
	for _, p := range ports {
		byName[p.collection] = p
	}
	return d.replace(ctx, func(txn *transaction) error {
		br := bufio.NewReaderSize(r, 64<<10)
		for n := 1; ; n++ {
			line, err := br.ReadBytes('\n')
			if len(bytes.TrimSpace(line)) > 0 {
				if n%1024 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				if err := d.loadLine(txn, byName, line); err != nil {
					return fmt.Errorf("import %s: line %d: %w", d.name, n, err)
				}
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("import %s: read line %d: %w", d.name, n, err)
			}
		}
	})
}

func (d *db) loadLine(txn *transaction, ports map[string]port, line []byte) error {
	var rec store.Record
	if err := json.Unmarshal(line, &rec); err != nil {
		return fmt.Errorf("%v: %w", err, store.ErrInvalid)
	}
	p, ok := ports[rec.Collection]
	if !ok {
		return fmt.Errorf("collection %s is not one of the %s: %w", strconv.Quote(rec.Collection), d.name, store.ErrInvalid)
	}
	return p.load(d, txn, rec)
}

// Export writes every definition as a JSON stream of store.Record, one per
// line, each collection in creation order.
func (d *Definitions) Export(ctx context.Context, w io.Writer) error {
	return d.db.export(ctx, w, definitionPorts)
}

// Import replaces every definition with the records of r, as Export wrote
// them. On any error the state stays as it was.
func (d *Definitions) Import(ctx context.Context, r io.Reader) error {
	return d.db.load(ctx, r, definitionPorts)
}

// Export writes every key as a JSON stream of store.Record, one per line,
// in creation order.
func (s *Sessions) Export(ctx context.Context, w io.Writer) error {
	return s.db.export(ctx, w, sessionPorts)
}

// Import replaces every key with the records of r, as Export wrote them. On
// any error the state stays as it was.
func (s *Sessions) Import(ctx context.Context, r io.Reader) error {
	return s.db.load(ctx, r, sessionPorts)
}
