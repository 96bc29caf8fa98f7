package rx

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// SelectQuery builds and runs a SELECT of model T. Each chaining method
// returns a new builder and retires the one it was called on (whose
// further use is ErrBuilderReused), so keep the result, q = q.Where(...),
// and call Clone to start several queries from one base. The first invalid
// column is kept and returned by the terminal method (All, First, One,
// Iter, Count, Exists, ToSQL...), before any SQL is sent.
type SelectQuery[T any] struct {
	q   Querier
	t   *schema.Table
	err error

	sel         []selItem        // the select list; nil: every column of the model
	cols        []*schema.Column // the fields of T that sel scans into, in order
	aliases     []string         // the names of ColumnExpr, for OrderBy and scanning
	unscannable string           // a Columns name that T has no field for, if any
	distinct    bool
	joins       []Sqlizer
	where       []Sqlizer
	groupBy     []string
	groupArgs   []any // the args of GroupByExpr terms, in order
	having      []Sqlizer
	orderBy     []string
	orderArgs   []any // the args of OrderByExpr terms, in order
	limit       int64 // -1: none
	offset      int64 // -1: none
	lock        dialect.RowLock
	locked      bool            // ForUpdate or ForShare
	with        []*withNode     // relations to load (With)
	others      []*schema.Table // tables of "table.column" names, which joins must bring (joincheck.go)
	scanOnly    []string        // Columns of T's table that no model has, for Scan's struct to have (scanonly.go)
	keys        []orderKey      // the OrderBy terms that are columns of T (keyset.go)
	keyset      *keysetFrom     // After or Before (keyset.go)
	set         *setops         // WITH, a derived table or CTE read as T's table, a union (setops.go)
	withDeleted bool            // WithDeleted: no filter on the softdelete column (softdelete.go)
}

// selItem is one entry of a select list: a checked column reference or
// a ColumnExpr with its alias.
type selItem struct {
	sql  string
	args []any
	// alias and expr are a ColumnExpr's, for GroupBy and Having.
	alias, expr string
}

// Select starts a query of model T on q (a *DB or a *Session).
func Select[T any](q Querier) *SelectQuery[T] {
	t, err := tableFor[T]()
	return &SelectQuery[T]{q: q, t: t, err: err, limit: -1, offset: -1}
}

func (s *SelectQuery[T]) resolver() (resolver, bool) {
	if s.err != nil {
		return resolver{}, false
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		s.err = err
		return resolver{}, false
	}
	return resolver{db: db, t: s.t, others: &s.others}, true
}

// Where adds conditions, joined with AND to those already given.
func (s *SelectQuery[T]) Where(conds ...Sqlizer) *SelectQuery[T] {
	s = s.next()
	if r, ok := s.resolver(); ok {
		cs, err := r.conds(conds)
		s.err = err
		s.where = append(s.where, cs...)
	}
	return s
}

// Columns restricts the query to the named columns, "column" or
// "table.column" of a registered model (in a join); the other fields of
// the results keep their zero values. A column of another table is
// scanned into the field of the same column name: All, First, One and
// Iter refuse a column that T has no field for, Scan into a struct that
// has one.
func (s *SelectQuery[T]) Columns(columns ...string) *SelectQuery[T] {
	s = s.next()
	r, ok := s.resolver()
	if !ok {
		return s
	}
	for _, name := range columns {
		ref, c, err := r.column(name)
		if err != nil {
			if ref, err = s.scanOnlyColumn(r, name, err); err != nil {
				s.err = err
				return s
			}
		}
		if c == nil { // checked against the struct Scan reads into
			s.sel = append(s.sel, selItem{sql: ref})
			s.cols = append(s.cols, nil)
			s.unscannable = cmp.Or(s.unscannable, name)
			continue
		}
		own := s.t.Column(c.Name)
		if own == nil && s.unscannable == "" {
			s.unscannable = name // fine for Scan into another struct
		}
		s.sel = append(s.sel, selItem{sql: ref})
		s.cols = append(s.cols, own)
	}
	return s
}

// ColumnExpr adds expr AS alias to the select list: an aggregate or any
// other expression, with ? placeholders for args, such as
// ColumnExpr("posts", "COUNT(*)") or ColumnExpr("score", "SUM(votes * ?)", 2);
// an arg that is a Sqlizer, such as a subquery from Builder, is written
// in place of its ? (see Expr).
// The alias must be letters, digits and underscores; it is quoted, may
// be named in a later OrderBy, and matches the field of that column name
// in the struct the rows are scanned into (see Scan, and All for T).
// Like Expr, expr is SQL written by the programmer and is not checked:
// never build it from user input.
func (s *SelectQuery[T]) ColumnExpr(alias, expr string, args ...any) *SelectQuery[T] {
	s = s.next()
	if s.err != nil {
		return s
	}
	if !schema.ValidIdent(alias) {
		s.err = &ColumnError{Model: s.t.Model(), Column: alias, Reason: "a ColumnExpr alias must be letters, digits and underscores, not starting with a digit"}
		return s
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		s.err = err
		return s
	}
	// Rendered now, so that a subquery among args is written in place.
	sql, args, err := Expr(expr, args...).ToSql()
	if err != nil {
		s.err = err
		return s
	}
	s.sel = append(s.sel, selItem{sql: sql + " AS " + db.dialect.Quote(alias), args: args, alias: alias, expr: sql})
	s.aliases = append(s.aliases, alias)
	return s
}

// Distinct removes duplicate rows.
func (s *SelectQuery[T]) Distinct() *SelectQuery[T] { s = s.next(); s.distinct = true; return s }

// Join adds a join clause written by the programmer, such as
// `JOIN post ON post.user_id = "user".id`, with ? placeholders for args.
// Like Expr it is SQL text: never build it from user input.
func (s *SelectQuery[T]) Join(clause string, args ...any) *SelectQuery[T] {
	s = s.next()
	s.joins = append(s.joins, Expr(clause, args...))
	return s
}

// GroupBy groups by the named columns, or ColumnExpr aliases (grouped
// by their position in the select list, which every database reads as
// the expression).
func (s *SelectQuery[T]) GroupBy(columns ...string) *SelectQuery[T] {
	s = s.next()
	if r, ok := s.resolver(); ok {
		for _, name := range columns {
			col, err := s.groupTerm(r, name)
			if err != nil {
				s.err = err
				return s
			}
			s.groupBy = append(s.groupBy, col)
		}
	}
	return s
}

// Having adds conditions on groups. A key of a condition map may name a
// ColumnExpr alias, rx.Gt{"posts": 1}: it is replaced by the alias's
// expression (PostgreSQL reads no alias in HAVING), on every database.
func (s *SelectQuery[T]) Having(conds ...Sqlizer) *SelectQuery[T] {
	s = s.next()
	if r, ok := s.resolver(); ok {
		cs, err := s.havingResolver(r).conds(conds)
		s.err = err
		s.having = append(s.having, cs...)
	}
	return s
}

// OrderBy sorts by "column", "column ASC", "column DESC" or "-column",
// each optionally followed by NULLS FIRST or NULLS LAST ("-score NULLS
// LAST"), where column is a column of the model (checked) or a ColumnExpr
// alias. MySQL and MariaDB, which lack NULLS FIRST and LAST, get the
// same order from a term such as `column IS NULL` before the column's
// (for an alias, its expression's). For an expression, see OrderByExpr.
func (s *SelectQuery[T]) OrderBy(terms ...string) *SelectQuery[T] {
	s = s.next()
	if r, ok := s.resolver(); ok {
		for _, term := range terms {
			o, c, args, err := s.havingResolver(r).orderNulls(term, s.aliases)
			if err != nil {
				s.err = err
				return s
			}
			s.keys = s.keyOf(c, o) // for After and Before (keyset.go)
			s.orderBy = append(s.orderBy, o)
			s.orderArgs = append(s.orderArgs, args...)
		}
	}
	return s
}

// Limit returns at most n rows. A negative n is an error: leave Limit
// out for no limit.
func (s *SelectQuery[T]) Limit(n int) *SelectQuery[T] {
	s = s.next()
	if n < 0 && s.err == nil {
		s.err = fmt.Errorf("rx: Select[%s].Limit(%d): a limit must be 0 or more; leave Limit out for no limit", s.t.Model(), n)
	}
	s.limit = int64(n)
	return s
}

// Offset skips the first n rows. A negative n is an error.
func (s *SelectQuery[T]) Offset(n int) *SelectQuery[T] {
	s = s.next()
	if n < 0 && s.err == nil {
		s.err = fmt.Errorf("rx: Select[%s].Offset(%d): an offset must be 0 or more", s.t.Model(), n)
	}
	s.offset = int64(n)
	return s
}

func (s *SelectQuery[T]) columns() []*schema.Column {
	if s.sel != nil {
		return s.cols
	}
	return s.t.Columns
}

// build renders the query with the given select list (empty: the model's
// columns) and limit override (-1: the query's own).
func (s *SelectQuery[T]) build(db *DB, list string, limit int64, order bool) (string, []any, error) {
	query, args, plain, err := s.compose(db, list, limit, order)
	if err != nil || plain {
		return query, args, err
	}
	return db.rebind(query), args, nil
}

// compose is build's SQL with ? placeholders, for a statement that holds
// it to number once; plain says it is the model's own SELECT, which has
// none.
func (s *SelectQuery[T]) compose(db *DB, list string, limit int64, order bool) (string, []any, bool, error) {
	if s.t.SoftDelete != nil && !s.withDeleted {
		k := *s
		k.withDeleted = true
		k.where = append(k.where[:len(k.where):len(k.where)], liveCond(db, s.t))
		return k.compose(db, list, limit, order)
	}
	if s.keyset != nil {
		query, args, err := s.composeKeyset(db, list, limit, order)
		return query, args, false, err
	}
	if err := s.checkJoins(db); err != nil {
		return "", nil, false, err
	}
	ts := db.sqlFor(s.t)
	plain := list == "" && s.set == nil && s.sel == nil && !s.distinct && len(s.joins) == 0 && len(s.where) == 0 &&
		len(s.groupBy) == 0 && len(s.having) == 0 && (len(s.orderBy) == 0 || !order) && limit < 0 && s.offset < 0
	if plain {
		return ts.selectBase, nil, true, nil
	}
	var b strings.Builder
	args, err := s.writeHead(&b, ts, list)
	if err != nil {
		return "", nil, false, err
	}
	if args, err = s.writeFilters(&b, args); err != nil {
		return "", nil, false, err
	}
	if err := s.writeTail(&b, db, list, limit, order); err != nil {
		return "", nil, false, err
	}
	if order && len(s.orderBy) > 0 {
		args = append(args, s.orderArgs...)
	}
	return b.String(), args, false, nil
}

// writeHead writes SELECT, its list and FROM with the joins.
func (s *SelectQuery[T]) writeHead(b *strings.Builder, ts *tableSQL, list string) ([]any, error) {
	args := s.set.writeWith(b)
	b.WriteString("SELECT ")
	if s.distinct {
		b.WriteString("DISTINCT ")
	}
	switch {
	case list != "":
		b.WriteString(list)
	case s.sel != nil:
		for i, it := range s.sel {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(it.sql)
			args = append(args, it.args...)
		}
	default:
		b.WriteString(ts.columns)
	}
	b.WriteString(" FROM ")
	args = s.set.writeFrom(b, ts, args)
	for _, j := range s.joins {
		js, ja, err := j.ToSql()
		if err != nil {
			return nil, err
		}
		b.WriteByte(' ')
		b.WriteString(js)
		args = append(args, ja...)
	}
	return args, nil
}

// writeFilters writes WHERE, GROUP BY and HAVING.
func (s *SelectQuery[T]) writeFilters(b *strings.Builder, args []any) ([]any, error) {
	var err error
	if len(s.where) > 0 {
		b.WriteString(" WHERE ")
		if args, err = writeConds(b, args, s.where); err != nil {
			return nil, err
		}
	}
	if len(s.groupBy) > 0 {
		b.WriteString(" GROUP BY ")
		b.WriteString(strings.Join(s.groupBy, ", "))
		args = append(args, s.groupArgs...)
	}
	if len(s.having) > 0 {
		b.WriteString(" HAVING ")
		if args, err = writeConds(b, args, s.having); err != nil {
			return nil, err
		}
	}
	return args, nil
}

// writeTail writes ORDER BY, LIMIT, OFFSET and the lock clause.
func (s *SelectQuery[T]) writeTail(b *strings.Builder, db *DB, list string, limit int64, order bool) error {
	if order && len(s.orderBy) > 0 {
		b.WriteString(" ORDER BY ")
		b.WriteString(strings.Join(s.orderBy, ", "))
	}
	if limit >= 0 {
		b.WriteString(" LIMIT ")
		b.WriteString(strconv.FormatInt(limit, 10))
	} else if s.offset >= 0 && db.dialect.NoLimit() != "" {
		b.WriteString(" LIMIT ")
		b.WriteString(db.dialect.NoLimit())
	}
	if s.offset >= 0 {
		b.WriteString(" OFFSET ")
		b.WriteString(strconv.FormatInt(s.offset, 10))
	}
	if s.locked {
		if list != "" {
			return errLockAggregate
		}
		if clause := db.dialect.LockClause(s.lock); clause != "" {
			b.WriteByte(' ')
			b.WriteString(clause)
		}
	}
	return nil
}

// ToSQL returns the query's SQL, in the database's placeholder style, and
// its arguments, ready for sqlx.Select or database/sql.
func (s *SelectQuery[T]) ToSQL() (string, []any, error) {
	if s.err != nil {
		return "", nil, s.err
	}
	if err := s.scanOnlyRefused(); err != nil {
		return "", nil, err
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		return "", nil, err
	}
	return s.build(db, "", s.limit, true)
}

// Builder returns a squirrel SelectBuilder equivalent to the query, with
// the database's placeholder format, for what rx does not wrap (a query
// with WithCTE, From or a Union has none: use ToSQL, or pass the query
// itself as a Subquery). Columns and conditions are already checked and quoted;
// what is added to the builder is not. Run it with sqlx or database/sql, or scan with Query:
//
//	b, err := rx.Select[User](db).Where(rx.Eq{"active": true}).Builder()
//	query, args, err := b.Suffix("FOR UPDATE").ToSql()
//	users, err := rx.Query[User](ctx, s, query, args...)
func (s *SelectQuery[T]) Builder() (sq.SelectBuilder, error) {
	if s.err != nil {
		return sq.SelectBuilder{}, s.err
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		return sq.SelectBuilder{}, err
	}
	if err := cmp.Or(s.checkJoins(db), s.scanOnlyRefused(), s.set.noBuilder(), s.keysetRefused("Builder"), s.groupArgsRefused()); err != nil {
		return sq.SelectBuilder{}, err
	}
	ts := db.sqlFor(s.t)
	b := sq.StatementBuilder.PlaceholderFormat(db.dialect.Placeholder()).Select()
	if s.sel == nil {
		b = b.Columns(ts.columns)
	}
	for _, it := range s.sel {
		b = b.Column(sq.Expr(it.sql, it.args...))
	}
	if s.distinct {
		b = b.Distinct()
	}
	b = b.From(ts.from)
	for _, j := range s.joins {
		b = b.JoinClause(j)
	}
	if b, err = s.filtersOn(db, b); err != nil {
		return sq.SelectBuilder{}, err
	}
	b = s.orderByOn(b)
	if s.limit >= 0 {
		b = b.Limit(uint64(s.limit))
	} else if nl := db.dialect.NoLimit(); s.offset >= 0 && nl != "" {
		n, err := strconv.ParseUint(nl, 10, 64)
		if err != nil {
			return sq.SelectBuilder{}, fmt.Errorf("rx: dialect %s: NoLimit %q is not an unsigned number", db.dialect.Name(), nl)
		}
		b = b.Limit(n)
	}
	if s.offset >= 0 {
		b = b.Offset(uint64(s.offset))
	}
	if s.locked {
		if clause := db.dialect.LockClause(s.lock); clause != "" {
			b = b.Suffix(clause)
		}
	}
	return b, nil
}

// filtersOn is b with the query's WHERE (and the soft-delete filter),
// GROUP BY and HAVING, in rx's own rendering of the conditions, so that
// their grouping is exactly the one All uses.
func (s *SelectQuery[T]) filtersOn(db *DB, b sq.SelectBuilder) (sq.SelectBuilder, error) {
	where := s.where
	if s.t.SoftDelete != nil && !s.withDeleted {
		where = append(where[:len(where):len(where)], liveCond(db, s.t))
	}
	if where, err := condsExpr(where); err != nil {
		return b, err
	} else if where != nil {
		b = b.Where(where)
	}
	b = b.GroupBy(s.groupBy...)
	if having, err := condsExpr(s.having); err != nil {
		return b, err
	} else if having != nil {
		b = b.Having(having)
	}
	return b, nil
}

// condsExpr joins cs as a single condition, or returns nil for none.
func condsExpr(cs []Sqlizer) (Sqlizer, error) {
	if len(cs) == 0 {
		return nil, nil
	}
	var b strings.Builder
	args, err := writeConds(&b, nil, cs)
	if err != nil {
		return nil, err
	}
	return sq.Expr(b.String(), args...), nil
}

// run sends the query. The errors that reading its rows may still bring
// (pgx and go-sql-driver/mysql report a server error with the rows) must
// go through db.classify too, or a deadlock would not be ErrRetryable.
// intoT says the rows are for T, whose fields must then hold the columns.
func (s *SelectQuery[T]) run(ctx context.Context, limit int64, intoT bool) (*DB, *sql.Rows, error) {
	db, ex, query, args, err := s.prepare(limit, intoT)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.send(ctx, db, ex, query, args)
	return db, rows, err
}

// send is run's query on database/sql, once prepared.
func (s *SelectQuery[T]) send(ctx context.Context, db *DB, ex execer, query string, args []any) (*sql.Rows, error) {
	rows, err := db.query(ctx, ex, what{op: "SELECT", table: s.t.Name}, query, args)
	return rows, opError("select", s.t, err)
}

// prepare checks and builds the query that run sends.
func (s *SelectQuery[T]) prepare(limit int64, intoT bool) (*DB, execer, string, []any, error) {
	if s.err != nil {
		return nil, nil, "", nil, s.err
	}
	if intoT && s.unscannable != "" {
		return nil, nil, "", nil, s.modelScan()
	}
	db, ex, err := readTargetOf(s.q)
	if err != nil {
		return nil, nil, "", nil, err
	}
	if s.locked {
		if err := lockable(s.q); err != nil {
			return nil, nil, "", nil, err
		}
	}
	query, args, err := s.build(db, "", limit, true)
	return db, ex, query, args, err
}

// All returns every matching row.
func (s *SelectQuery[T]) All(ctx context.Context) ([]T, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	capHint := 0
	if s.limit > 0 && s.limit <= 1024 {
		capHint = int(s.limit)
	}
	db, ex, query, args, err := s.prepare(s.limit, true)
	if err != nil {
		return nil, err
	}
	out, handled, err := s.allNative(ctx, db, &ex, query, args, capHint)
	if !handled {
		out, err = s.allSQL(ctx, db, ex, query, args, capHint)
	}
	if err != nil {
		return nil, err
	}
	if len(s.with) > 0 {
		if err := s.loadWith(ctx, db, slicePointers(out)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// allSQL is All's query and scan on database/sql.
func (s *SelectQuery[T]) allSQL(ctx context.Context, db *DB, ex execer, query string, args []any, capHint int) ([]T, error) {
	rows, err := s.send(ctx, db, ex, query, args)
	if err != nil {
		return nil, err
	}
	cols, err := s.scanColumns(rows)
	if err != nil {
		return nil, err
	}
	out, err := scanAll(rows, cols, make([]T, 0, capHint))
	if err != nil {
		return nil, db.failed(ctx, "select", s.t, err)
	}
	return out, nil
}

// First returns the first matching row, or ErrNotFound (always, after
// Limit(0)).
func (s *SelectQuery[T]) First(ctx context.Context) (*T, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	limit := int64(1)
	if s.limit == 0 {
		limit = 0 // LIMIT 0 still sends the query, so a bad one fails as it would
	}
	db, ex, query, args, err := s.prepare(limit, true)
	if err != nil {
		return nil, err
	}
	out := new(T)
	handled, err := s.oneNative(ctx, db, &ex, query, args, unsafe.Pointer(out), false)
	if !handled {
		rows, err := s.send(ctx, db, ex, query, args)
		if err != nil {
			return nil, err
		}
		cols, err := s.scanColumns(rows)
		if err != nil {
			return nil, err
		}
		found, err := scanOne(rows, cols, unsafe.Pointer(out))
		if err != nil {
			return nil, db.failed(ctx, "select", s.t, err)
		}
		if !found {
			return nil, ErrNotFound
		}
	} else if err != nil {
		return nil, err
	}
	if len(s.with) > 0 {
		if err := s.loadWith(ctx, db, []unsafe.Pointer{unsafe.Pointer(out)}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// One returns the only matching row: ErrNotFound if there is none,
// ErrMultipleRows if there are more.
func (s *SelectQuery[T]) One(ctx context.Context) (*T, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	db, ex, query, args, err := s.prepare(s.oneLimit(), true)
	if err != nil {
		return nil, err
	}
	out := new(T)
	handled, err := s.oneNative(ctx, db, &ex, query, args, unsafe.Pointer(out), true)
	if !handled {
		rows, err := s.send(ctx, db, ex, query, args)
		if err != nil {
			return nil, err
		}
		cols, err := s.scanColumns(rows)
		if err != nil {
			return nil, err
		}
		if err := scanOnly(rows, cols, unsafe.Pointer(out)); err != nil {
			return nil, db.failed(ctx, "select", s.t, err)
		}
	} else if err != nil {
		return nil, err
	}
	if len(s.with) > 0 {
		if err := s.loadWith(ctx, db, []unsafe.Pointer{unsafe.Pointer(out)}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// modelScan is the error of scanning the query's rows into T, before the
// query is sent.
func (s *SelectQuery[T]) modelScan() error {
	if s.err != nil || s.unscannable == "" {
		return s.err
	}
	cname := s.unscannable[strings.IndexByte(s.unscannable, '.')+1:]
	if slices.Contains(s.scanOnly, cname) {
		return &ColumnError{Model: s.t.Model(), Column: s.unscannable, Reason: "no such column (columns: " + sortedColumnNames(schema.Definition(s.t)) +
			"); if the table has it, rx.Scan into a struct with a field for it reads it"}
	}
	return &ColumnError{Model: s.t.Model(), Column: s.unscannable, Reason: "the rows scan into " + s.t.Model() + ", which has no column " + strconv.Quote(cname) + ": use rx.Scan with a struct that has it"}
}

// oneLimit is the limit that lets One and ScanOne see a second row.
func (s *SelectQuery[T]) oneLimit() int64 {
	if s.limit < 0 || s.limit > 2 {
		return 2
	}
	return s.limit
}

// scanColumns is the fields of T that the query's rows scan into: known
// in advance unless a ColumnExpr names a result column, which is then
// matched by name once for the query. It closes rows on error.
func (s *SelectQuery[T]) scanColumns(rows *sql.Rows) ([]*schema.Column, error) {
	if s.aliases == nil {
		return s.columns(), nil
	}
	cols, err := resultColumns(s.t, rows)
	if err != nil {
		rows.Close()
	}
	return cols, err
}

// needsSubquery reports whether Count and Exists must wrap the query:
// its grouping, distinctness or paging changes which rows exist.
func (s *SelectQuery[T]) needsSubquery() bool {
	return s.distinct || len(s.groupBy) > 0 || len(s.having) > 0 || s.limit >= 0 || s.offset >= 0
}

// subqueryList is the select list of the query that Count and Exists
// wrap. Only DISTINCT needs the query's own columns to decide which rows
// exist; otherwise a constant keeps a grouped query valid, where the
// model's columns would not be grouped (PostgreSQL and MySQL's
// ONLY_FULL_GROUP_BY refuse them).
func (s *SelectQuery[T]) subqueryList() string {
	if s.distinct || s.sel != nil {
		return ""
	}
	return "1"
}

// Count returns the number of matching rows (of groups, for a grouped
// query), honouring Limit and Offset.
func (s *SelectQuery[T]) Count(ctx context.Context) (int64, error) {
	if err := checkCtx(ctx); err != nil {
		return 0, err
	}
	if s.err != nil {
		return 0, s.err
	}
	if s.locked {
		return 0, errLockAggregate
	}
	db, ex, err := readTargetOf(s.q)
	if err != nil {
		return 0, err
	}
	var query string
	var args []any
	if s.needsSubquery() {
		inner, a, err := s.build(db, s.subqueryList(), s.limit, false)
		if err != nil {
			return 0, err
		}
		query, args = "SELECT COUNT(*) FROM ("+inner+") rx_count", a
	} else if query, args, err = s.build(db, "COUNT(*)", -1, false); err != nil {
		return 0, err
	}
	var n int64
	return n, opError("select", s.t, db.queryScalar(ctx, ex, what{op: "SELECT", table: s.t.Name}, query, args, &n))
}

// Exists reports whether any row matches.
func (s *SelectQuery[T]) Exists(ctx context.Context) (bool, error) {
	if err := checkCtx(ctx); err != nil {
		return false, err
	}
	if s.err != nil {
		return false, s.err
	}
	if s.locked {
		return false, errLockAggregate
	}
	db, ex, err := readTargetOf(s.q)
	if err != nil {
		return false, err
	}
	var query string
	var args []any
	if s.needsSubquery() {
		inner, a, err := s.build(db, s.subqueryList(), s.limit, false)
		if err != nil {
			return false, err
		}
		query, args = "SELECT 1 FROM ("+inner+") rx_exists LIMIT 1", a
	} else if query, args, err = s.build(db, "1", 1, false); err != nil {
		return false, err
	}
	rows, err := db.query(ctx, ex, what{op: "SELECT", table: s.t.Name}, query, args)
	if err != nil {
		return false, opError("select", s.t, err)
	}
	defer rows.Close()
	found := rows.Next()
	if err := rows.Err(); err != nil {
		return false, db.failed(ctx, "select", s.t, err)
	}
	return found, opError("select", s.t, rows.Close())
}

// Iter streams the matching rows in constant memory:
//
//	for u, err := range rx.Select[User](db).Iter(ctx) { ... }
//
// An error ends the sequence as its last pair. Breaking out of the loop
// closes the rows. On a Session, the loop's body cannot send statements
// on the same session (MySQL and PostgreSQL cannot interleave them with
// the rows still arriving): they fail with ErrIterOpen; collect the rows
// first (All), or write through another session.
func (s *SelectQuery[T]) Iter(ctx context.Context) iter.Seq2[T, error] {
	if err := checkCtx(ctx); err != nil {
		return func(yield func(T, error) bool) { var zero T; yield(zero, err) }
	}
	if len(s.with) > 0 {
		return s.iterWith(ctx)
	}
	return func(yield func(T, error) bool) {
		var zero T
		db, rows, err := s.run(ctx, s.limit, true)
		if err != nil {
			yield(zero, err)
			return
		}
		cols, err := s.scanColumns(rows)
		if err != nil {
			yield(zero, err)
			return
		}
		defer rows.Close()
		// Until the rows are closed the session's connection is busy.
		defer iterStarted(s.q).iterDone()
		var buf [destBuf]any
		dest := destSlice(&buf, len(cols))
		var v T
		for rows.Next() {
			v = zero
			if err := scanRow(rows, cols, unsafe.Pointer(&v), dest); err != nil {
				yield(zero, db.failed(ctx, "select", s.t, err))
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, db.failed(ctx, "select", s.t, err))
		}
	}
}
