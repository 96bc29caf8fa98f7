package rx

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"

	"github.com/rxgo/rxdb/dialect"
)

// The statement pipeline. Every statement rx sends is a stmt, a value on
// its caller's stack, that send passes through the stages below, in this
// order; each stage is a plain function of its own file, working on the
// stmt and what send hands it (the arguments, the scan):
//
//	route     where it runs and on what (route.go)
//	n1        the N+1 detector's count (nplusone.go)
//	bind      its arguments readied for the driver (valuer.go)
//	gate      SQLite's single writer (writegate.go)
//	hooks     QueryHook.BeforeQuery (hooks.go)
//	execute   pgx's native interface or database/sql (execute.go, native.go)
//	classify  the driver's error marked with rx's sentinels (classify.go)
//	hooks     QueryHook.AfterQuery (hooks.go)
//	failover  a read that its replica did not answer goes again (route.go)
//
// The SQL itself is built before (select.go, insert.go, update.go,
// delete.go, eager.go, keys.go), and handed in by the entries db.exec,
// db.query (query.go) and db.readNative (native.go), or by the callers
// that make their own stmt: key retrieval (keys.go), catalog lookups
// (rules.go), COPY (copy.go) and a session's BEGIN and COMMIT
// (session.go). The relation loads of one level batched on PostgreSQL
// (eagerbatch.go) share one execute and go through the hooks and classify
// one by one, without the n1 count (With's loads are not counted), the
// bind (relLoads binds them) or failover (a batch runs on the primary or
// the session's connection only). The gate comes before the hooks: a
// write refused by it is never sent, and the wait for the writer is not
// the statement's Duration. Adding a stage is a file with its function
// and a line in send.

// stmtKind is what a statement returns, which chooses its executor.
type stmtKind uint8

const (
	// execKind: no rows, a sql.Result (native where in reach).
	execKind stmtKind = iota
	// rowsKind: *sql.Rows for the caller to read (database/sql).
	rowsKind
	// scanKind: rows handed to the scan on the driver's native
	// interface; out of its reach the statement is left to its caller.
	scanKind
	// beginKind: a session's BEGIN on stmt.from, into stmt.tx.
	beginKind
	// endKind: COMMIT (stmt.commit) or ROLLBACK of stmt.tx.
	endKind
	// copyKind: rows written by COPY (stmt.copy) on stmt.conn.
	copyKind
)

// stmt is one statement on its way through the pipeline: what it is,
// where it runs, what the stages decided and its results. Its SQL text
// and target reach the hooks and the driver, which keep them. What must
// stay on the caller's stack travels beside it, as parameters of the
// stages: its arguments (a builder's buffer, a Get's key) and the scan of
// a native read (a closure over the caller's variables). Go's escape
// analysis follows a pointer's target as a whole: as fields of stmt they
// would be moved to the heap with the SQL text, one allocation each per
// statement.
type stmt struct {
	ex    execer // where it runs: a pool, a session's transaction, a connection
	w     what
	query string
	kind  stmtKind
	// write sends it through the gate (db.exec's statements, an INSERT
	// ... RETURNING); a rowsKind write holds the gate until its caller,
	// having read the rows, calls ungate.
	write bool
	quiet bool // unseen by the hooks: a lookup of rx's own (queryOne)

	// A transaction's boundary (beginKind, endKind).
	from   beginner
	opts   *sql.TxOptions
	txCtx  context.Context // what the transaction lives as long as: the caller's
	tx     *sqlx.Tx
	commit bool
	copy   *copyJob // copyKind

	// Set by the stages.
	conn      *sql.Conn   // route: the session's own connection, for the native path
	pool      *sql.DB     // route: the pool to borrow a native connection from
	held      bool        // gate: the write gate is held
	ev        *QueryEvent // hooks: nil without hooks
	unhandled bool        // route: a scanKind statement out of the native path's reach

	// Results.
	res  sql.Result // execKind
	rows *sql.Rows  // rowsKind
	err  error      // the statement's error, classified
	serr error      // scanKind: scan's error
}

// send runs st through the pipeline, with the arguments it binds and,
// for a scanKind statement, the scan its rows go to.
func (db *DB) send(ctx context.Context, st *stmt, args []any, scan func(dialect.NativeRows) error) {
	if !db.route(st) {
		return
	}
	if st.err = db.countN1(ctx, st); st.err != nil { // nplusone.go
		return
	}
	if args, st.err = db.bindArgs(args); st.err != nil {
		return
	}
	if st.held, st.err = db.gate(ctx, st); st.err != nil {
		return
	}
	// A rowsKind write keeps the gate while its caller reads the rows
	// (keys.go lets it go); any other statement, and one that failed or
	// panicked before it had rows, lets it go here.
	defer func() {
		if st.kind != rowsKind || st.rows == nil {
			db.ungate(st)
		}
	}()
	for {
		hctx := db.hooksBefore(ctx, st, args)
		db.execute(hctx, st, args, scan) // calls db.answered
		if !db.reroute(ctx, st) {
			return
		}
	}
}

// answered runs the stages after execute once the server has answered
// st: execute calls it once, on the native path before the rows are
// scanned.
func (db *DB) answered(ctx context.Context, st *stmt) {
	st.err = db.classify(ctx, st.err)
	db.hooksAfter(ctx, st)
}
