package rx

import (
	"context"
	"database/sql"
	"unsafe"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// The relations of one level of With load with one round trip where the
// driver can send several queries at once (dialect.NativeBatcher, pgx):
// every relation's query is built from the parents' keys, which are all
// known once the parents are read, so none waits for another. Each query
// is still one statement to the hooks. The relations below each one load
// after it, one level at a time. The batch is one execute for all its
// queries; each goes through the pipeline's other stages as a stmt of its
// own (pipeline.go).

// relLoad is one relation's query for the parents.
type relLoad struct {
	n     *withNode
	ix    *keyIndex
	query string
	args  []any
	st    stmt            // the query in the pipeline
	ctx   context.Context // the hooks' context for the query
	ptrs  []unsafe.Pointer
	keys  []relKey
}

// loadBatched loads the relations of nodes into parents in one round
// trip and reports whether it did; false, having loaded nothing, where it
// cannot: fewer than two queries to send, a driver that cannot batch, or
// a read pool (whose failover is db.query's).
func (db *DB) loadBatched(ctx context.Context, ex execer, parents []unsafe.Pointer, nodes []*withNode) (bool, error) {
	b, ok := db.native.(dialect.NativeBatcher)
	if !ok || len(nodes) < 2 || len(parents) == 0 {
		return false, nil
	}
	conn, pool := db.nativeTarget(ex)
	if conn == nil && pool != db.x.DB { // none, or a read pool
		return false, nil
	}
	loads, err := db.relLoads(parents, nodes)
	if err != nil || len(loads) < 2 {
		return false, err
	}
	if err := db.sendLoads(ctx, ex, b, conn, pool, loads); err != nil {
		return true, err
	}
	for _, l := range loads {
		if err := db.finishLoad(ctx, ex, parents, l); err != nil {
			return true, err
		}
	}
	return true, nil
}

// relLoads builds the relations' queries; a relation whose parents hold
// no key needs none.
func (db *DB) relLoads(parents []unsafe.Pointer, nodes []*withNode) ([]*relLoad, error) {
	var loads []*relLoad
	for _, n := range nodes {
		ix := newKeyIndex(n.rel.Local, parents)
		if len(ix.keys) == 0 {
			continue
		}
		query, args, err := db.relationQuery(n, ix)
		if err != nil {
			return nil, err
		}
		if args, err = db.bindArgs(args); err != nil {
			return nil, err
		}
		loads = append(loads, &relLoad{n: n, ix: ix, query: query, args: args})
	}
	return loads, nil
}

// sendLoads sends the queries and reads each one's rows.
func (db *DB) sendLoads(ctx context.Context, ex execer, b dialect.NativeBatcher, conn *sql.Conn, pool *sql.DB, loads []*relLoad) error {
	queries := make([]string, len(loads))
	args := make([][]any, len(loads))
	for i, l := range loads {
		queries[i], args[i] = l.query, l.args
		l.st = stmt{ex: ex, w: what{op: "SELECT", table: l.n.rel.Target.Name}, query: l.query, kind: scanKind}
		l.ctx = db.hooksBefore(ctx, &l.st, l.args)
	}
	var serr error
	var done int
	err := onNative(ctx, conn, pool, func(dc any) (err error) {
		done, err = b.NativeQueryBatch(ctx, dc, queries, args, func(i int, rows dialect.NativeRows) error {
			l := loads[i]
			db.answered(l.ctx, &l.st)
			l.ptrs, l.keys, serr = nativeChildren(rows, l.n.rel)
			return serr
		})
		return err
	})
	if serr != nil {
		for _, l := range loads[done+1:] { // not read: close their events
			l.st.err = serr
			db.hooksAfter(l.ctx, &l.st)
		}
		return db.failed(ctx, "select", loads[done].n.rel.Target, serr)
	}
	if err == nil {
		return nil
	}
	qerr := db.classify(ctx, err)
	for _, l := range loads[done:] {
		l.st.err = qerr
		db.hooksAfter(l.ctx, &l.st)
	}
	return opError("select", loads[min(done, len(loads)-1)].n.rel.Target, qerr)
}

// nativeChildren reads a relation's rows on the native path.
func nativeChildren(rows dialect.NativeRows, rel *schema.Relation) ([]unsafe.Pointer, []relKey, error) {
	c := newChildRows(rel)
	cols := rel.Target.Columns
	extra := c.dest()[len(cols):]
	for rows.Next() {
		p := c.slot()
		dest := rows.Dest(len(cols) + len(extra))
		for i, col := range cols {
			dest[i] = col.Dest(p)
		}
		copy(dest[len(cols):], extra)
		if err := rows.Scan(dest); err != nil {
			return nil, nil, err
		}
		c.keep(p)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return c.ptrs(), c.keys, nil
}

// finishLoad loads the relations below a relation's rows, then hands the
// rows to the parents, as loadRelation does after its query.
func (db *DB) finishLoad(ctx context.Context, ex execer, parents []unsafe.Pointer, l *relLoad) error {
	target := l.n.rel.Target
	if err := db.loadWith(ctx, ex, target, l.ptrs, l.n.children, target.Columns); err != nil {
		return err
	}
	if l.n.rel.Many() {
		assignMany(l.n.rel, parents, l.ix, l.ptrs, l.keys)
	} else {
		assignOne(l.n.rel, parents, l.ix, l.ptrs, l.keys)
	}
	return nil
}
