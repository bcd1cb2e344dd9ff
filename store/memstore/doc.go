// Package memstore is the in-memory store.Store, on copy-on-write B-trees
// (github.com/google/btree).
//
// [New] returns a whole store; [NewDefinitions] and [NewSessions] return its
// two halves, each a database of its own, to be joined with
// store.Combine, with each other or with a backend of one's own.
//
// How it keeps the promises of package store:
//
//   - Transactions are the engine's (engine.go): a reader works on a
//     committed state, which is never written while a reader may have it,
//     and never waits; writers take turns, each cloning the trees it writes,
//     or changing them in place (with an undo log) when no reader has had the
//     state; a write commits only when fn succeeds and the context is still
//     live.
//   - Every look-up has an index (see the collections in collections.go);
//     uniqueness is checked against those indexes: an insert finds a taken id
//     or unique key as it writes it, and takes its writes back.
//   - Objects are stored packed, in a compact binary form of their Go value
//     (codec.go), so that every read decodes a fresh copy and a million keys
//     fit in under 2 GiB (705 MiB measured). store.Key's codec is generated
//     from its type (keycodec_gen.go): after a change to the model, run
//     go generate ./store/memstore, or TestKeyCodecIsGenerated fails.
//   - Lists walk an index in the wanted order and stop after the page; the
//     totals come from counters kept in the same transactions (list.go
//     explains which filters walk and which sort).
//   - Snapshot and Restore are O(1): a snapshot is a committed state.
//   - Export and Import write and read one store.Record per line.
//
// BENCHMARKS.md in this directory has the figures of the benchmarks.
package memstore
