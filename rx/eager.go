package rx

import (
	"context"
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/schema"
)

// withNode is one relation to load and the relations to load below it.
type withNode struct {
	rel      *schema.Relation
	children []*withNode
	filter   *RelQuery // WithQuery's conditions, order and limit, or nil
}

// With loads the named relations of the results with one more query per
// relation and level, whatever the number of rows: "Books" loads each
// author's books with one query (WHERE book.author_id IN the authors'
// keys), and "Books.Tags" then their tags with one more (a join through
// the link table). Names are the Go fields; a dotted path implies its
// prefix. rx loads nothing it is not told to: a relation field not named
// here keeps its zero value.
func (s *SelectQuery[T]) With(paths ...string) *SelectQuery[T] {
	s = s.next()
	if s.err == nil {
		s.with, s.err = addWith(s.t, s.with, paths)
	}
	return s
}

// Load loads the named relations (as With names them) of models already
// in memory, such as the result of Get: dst is a *T, a []T or a []*T of a
// model T, and q the *DB or *Session to query.
//
//	a, err := rx.Get[Author](ctx, s, id)
//	err = rx.Load(ctx, s, a, "Books.Tags")
func Load(ctx context.Context, q Querier, dst any, paths ...string) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	v := reflect.ValueOf(dst)
	var parents []unsafe.Pointer
	var typ reflect.Type
	switch {
	case v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct:
		typ, parents = v.Type().Elem(), []unsafe.Pointer{v.UnsafePointer()}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		typ = v.Type().Elem()
		parents = make([]unsafe.Pointer, v.Len())
		for i := range parents {
			parents[i] = v.Index(i).Addr().UnsafePointer()
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Pointer && v.Type().Elem().Elem().Kind() == reflect.Struct:
		typ, parents = v.Type().Elem().Elem(), distinctPointers(v)
	default:
		return fmt.Errorf("rx: Load needs a pointer to a model, or a slice of models or of pointers to them, got %T", dst)
	}
	t, err := schema.TableOf(typ)
	if err != nil {
		return err
	}
	nodes, err := addWith(t, nil, paths)
	if err != nil {
		return err
	}
	db, ex, err := targetOf(q)
	if err != nil {
		return err
	}
	return db.loadWith(ctx, ex, t, parents, nodes, t.Columns)
}

// distinctPointers are the non-nil pointers of the slice v, each once:
// loading a parent that the slice holds twice into both occurrences
// would count its children twice over. Filling it once fills every
// occurrence, since they are the same struct.
func distinctPointers(v reflect.Value) []unsafe.Pointer {
	parents := make([]unsafe.Pointer, 0, v.Len())
	var seen map[unsafe.Pointer]struct{}
	for i := 0; i < v.Len(); i++ {
		if v.Index(i).IsNil() {
			continue
		}
		p := v.Index(i).UnsafePointer()
		if seen == nil {
			seen = make(map[unsafe.Pointer]struct{}, v.Len())
		}
		if _, dup := seen[p]; dup {
			continue
		}
		seen[p] = struct{}{}
		parents = append(parents, p)
	}
	return parents
}

// addWith adds dotted relation paths to the tree, checking each name.
func addWith(t *schema.Table, nodes []*withNode, paths []string) ([]*withNode, error) {
	for _, path := range paths {
		var err error
		if nodes, _, err = addPath(t, nodes, path); err != nil {
			return nodes, err
		}
	}
	return nodes, nil
}

// addPath adds one dotted path to the tree and returns its last node.
func addPath(t *schema.Table, nodes []*withNode, path string) ([]*withNode, *withNode, error) {
	cur, level := t, &nodes
	var node *withNode
	for _, name := range strings.Split(path, ".") {
		rel := cur.Relation(name)
		if rel == nil {
			return nodes, nil, relationError(cur, path, name)
		}
		if err := rel.Resolve(); err != nil {
			return nodes, nil, err
		}
		node = nil
		for _, n := range *level {
			if n.rel == rel {
				node = n
			}
		}
		if node == nil {
			node = &withNode{rel: rel}
			*level = append(*level, node)
		}
		cur, level = rel.Target, &node.children
	}
	return nodes, node, nil
}

func relationError(t *schema.Table, path, name string) error {
	names := make([]string, len(t.Relations()))
	for i, r := range t.Relations() {
		names[i] = r.Name
	}
	known := "it has none"
	if len(names) > 0 {
		known = "relations: " + strings.Join(names, ", ")
	}
	return &ColumnError{Model: t.Model(), Column: path, Reason: fmt.Sprintf("With: %s is not a relation field of %s (%s)", name, t.Model(), known)}
}

// loadWith loads the relations of nodes into parents, rows of t read with
// cols (which must hold the columns the relations join on).
func (db *DB) loadWith(ctx context.Context, ex execer, t *schema.Table, parents []unsafe.Pointer, nodes []*withNode, cols []*schema.Column) error {
	for _, n := range nodes {
		if !containsColumn(cols, n.rel.Local) {
			return &ColumnError{Model: t.Model(), Column: n.rel.Local.Name, Reason: "With(" + n.rel.Name + ") joins on this column: add it to Columns"}
		}
	}
	for _, n := range nodes {
		for _, p := range parents {
			n.rel.FieldAt(p).SetZero()
		}
	}
	if done, err := db.loadBatched(ctx, ex, parents, nodes); done || err != nil {
		return err
	}
	for _, n := range nodes {
		if err := db.loadRelation(ctx, ex, parents, n); err != nil {
			return err
		}
	}
	return nil
}

// relKey is a join key value, comparable whatever the column's type.
type relKey struct {
	i int64
	s string
}

// keyForm says how a join key was held, so that the key list is bound
// with the type of the keys: bytes as bytes (a BLOB never equals text on
// SQLite, and bytes with 0x00 or not UTF-8 are no text on PostgreSQL).
type keyForm uint8

const (
	keyNull keyForm = iota
	keyInt
	keyString
	keyBytes
)

// keyOf reads c's value in the struct at p as a join key, with its form
// (keyNull for NULL).
func keyOf(c *schema.Column, p unsafe.Pointer) (relKey, keyForm) {
	f := c.Addr(p)
	switch c.GoType {
	case int64Type:
		return relKey{i: *(*int64)(f)}, keyInt
	case intType:
		return relKey{i: int64(*(*int)(f))}, keyInt
	}
	v := reflect.NewAt(c.GoType, f).Elem()
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return relKey{}, keyNull
		}
		v = v.Elem()
	}
	if vr, ok := v.Interface().(driver.Valuer); ok {
		dv, err := vr.Value()
		if err != nil || dv == nil {
			return relKey{}, keyNull
		}
		v = reflect.ValueOf(dv)
	}
	switch {
	case v.CanInt():
		return relKey{i: v.Int()}, keyInt
	case v.CanUint():
		return relKey{i: int64(v.Uint())}, keyInt
	case v.Kind() == reflect.String:
		return relKey{s: v.String()}, keyString
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		return relKey{s: string(v.Bytes())}, keyBytes
	}
	return relKey{s: fmt.Sprint(v.Interface())}, keyString
}

var (
	int64Type = reflect.TypeFor[int64]()
	intType   = reflect.TypeFor[int]()
)

// keyIndex maps a join key to the parents holding it, as chains through
// next so that no key costs an allocation of its own.
type keyIndex struct {
	head  map[relKey]int32
	next  []int32
	keys  []relKey // distinct, in first-seen order
	bytes bool     // the keys are []byte values
}

func newKeyIndex(c *schema.Column, parents []unsafe.Pointer) *keyIndex {
	ix := &keyIndex{head: make(map[relKey]int32, len(parents)), next: make([]int32, len(parents))}
	for i, p := range parents {
		k, form := keyOf(c, p)
		if form == keyNull {
			ix.next[i] = -2 // not linked
			continue
		}
		ix.bytes = form == keyBytes
		if h, seen := ix.head[k]; seen {
			ix.next[i] = h
		} else {
			ix.next[i] = -1
			ix.keys = append(ix.keys, k)
		}
		ix.head[k] = int32(i)
	}
	return ix
}

// each calls fn with every parent holding k.
func (ix *keyIndex) each(k relKey, fn func(i int)) {
	h, ok := ix.head[k]
	if !ok {
		return
	}
	for i := h; i >= 0; i = ix.next[i] {
		fn(int(i))
	}
}

// values are the distinct keys as a typed slice for c's IN list (one
// array parameter where the dialect binds one): [][]byte for keys held
// as bytes, else by c's kind.
func (ix *keyIndex) values(c *schema.Column) any {
	if ix.bytes {
		out := make([][]byte, len(ix.keys))
		for i, k := range ix.keys {
			out[i] = []byte(k.s)
		}
		return out
	}
	if c.Kind == schema.KindString || c.Kind == schema.KindBytes {
		out := make([]string, len(ix.keys))
		for i, k := range ix.keys {
			out[i] = k.s
		}
		return out
	}
	if c.Kind >= schema.KindInt8 && c.Kind <= schema.KindUint64 {
		out := make([]int64, len(ix.keys))
		for i, k := range ix.keys {
			out[i] = k.i
		}
		return out
	}
	out := make([]any, len(ix.keys))
	for i, k := range ix.keys {
		out[i] = k.s
	}
	return out
}

// loadRelation runs the one query of a relation for all parents, loads
// the relations below it into the rows it read, then hands those rows to
// the parents (deepest first, so that parents holding copies get them
// complete).
func (db *DB) loadRelation(ctx context.Context, ex execer, parents []unsafe.Pointer, n *withNode) error {
	rel := n.rel
	for _, p := range parents {
		rel.FieldAt(p).SetZero()
	}
	if len(parents) == 0 {
		return nil
	}
	ix := newKeyIndex(rel.Local, parents)
	if len(ix.keys) == 0 {
		return nil
	}
	query, args, err := db.relationQuery(n, ix)
	if err != nil {
		return err
	}
	ptrs, keys, err := db.readChildren(ctx, ex, rel, query, args)
	if err != nil {
		return err
	}
	target := rel.Target
	if err := db.loadWith(ctx, ex, target, ptrs, n.children, target.Columns); err != nil {
		return err
	}
	if rel.Many() {
		assignMany(rel, parents, ix, ptrs, keys)
	} else {
		assignOne(rel, parents, ix, ptrs, keys)
	}
	return nil
}

// readChildren runs a relation's query and reads its rows, returning
// pointers to them and each one's join key (the link row's, for
// many-to-many).
func (db *DB) readChildren(ctx context.Context, ex execer, rel *schema.Relation, query string, args []any) ([]unsafe.Pointer, []relKey, error) {
	target := rel.Target
	rows, err := db.query(ctx, ex, what{op: "SELECT", table: target.Name, uncounted: true}, query, args)
	if err != nil {
		return nil, nil, opError("select", target, err)
	}
	defer rows.Close() // also when a Scanner panics
	c := newChildRows(rel)
	dest := c.dest()
	for rows.Next() {
		p := c.slot()
		if err := scanRow(rows, target.Columns, p, dest); err != nil {
			rows.Close()
			return nil, nil, db.failed(ctx, "select", target, err)
		}
		c.keep(p)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, nil, db.failed(ctx, "select", target, err)
	}
	if err := rows.Close(); err != nil {
		return nil, nil, db.failed(ctx, "select", target, err)
	}
	return c.ptrs(), c.keys, nil
}

// childRows are the rows a relation's query reads, and their join keys.
type childRows struct {
	rel      *schema.Relation
	keyCol   *schema.Column
	scratch  unsafe.Pointer // the link row's key, for many-to-many
	children reflect.Value  // a []Target
	keys     []relKey
}

func newChildRows(rel *schema.Relation) childRows {
	c := childRows{rel: rel, keyCol: rel.Remote, children: reflect.New(reflect.SliceOf(rel.Target.GoType)).Elem()}
	if rel.Kind == schema.ManyToMany {
		c.keyCol = rel.ThroughLocal
		c.scratch = reflect.New(rel.Through.GoType).UnsafePointer()
	}
	return c
}

// dest is a destination slice for the query's columns: the target's,
// then the link row's key for many-to-many, which it points at already.
func (c *childRows) dest() []any {
	n := len(c.rel.Target.Columns)
	dest := make([]any, n, n+1)
	if c.scratch != nil {
		dest = append(dest, c.keyCol.Dest(c.scratch))
	}
	return dest
}

// slot adds a zero row and returns it.
func (c *childRows) slot() unsafe.Pointer {
	k := c.children.Len()
	if k == c.children.Cap() {
		// Doubling here rather than Grow(1) per row: each reflect call
		// costs more than the append it replaces.
		c.children.Grow(max(k, 16))
	}
	c.children.SetLen(k + 1)
	return c.children.Index(k).Addr().UnsafePointer()
}

// keep records the join key of the row just read into p.
func (c *childRows) keep(p unsafe.Pointer) {
	if c.scratch != nil {
		p = c.scratch
	}
	key, _ := keyOf(c.keyCol, p)
	c.keys = append(c.keys, key)
}

func (c *childRows) ptrs() []unsafe.Pointer {
	ptrs := make([]unsafe.Pointer, c.children.Len())
	for i := range ptrs {
		ptrs[i] = c.children.Index(i).Addr().UnsafePointer()
	}
	return ptrs
}

// relationQuery renders the SELECT of a relation's rows for the parents'
// keys: the related table (joined to the link table for many-to-many),
// narrowed by WithQuery's conditions, in its order then the key's; with
// a per-parent Limit, inside a query that keeps each parent's first rows
// (relationLimited).
func (db *DB) relationQuery(n *withNode, ix *keyIndex) (string, []any, error) {
	rel := n.rel
	ts := db.sqlFor(rel.Target)
	q := db.dialect.Quote
	var b strings.Builder
	// One allocation for the text, the key list's placeholders included,
	// rather than one per doubling.
	b.Grow(2*len(ts.columns) + 4*len(ix.keys) + 128)
	b.WriteString("SELECT ")
	b.WriteString(ts.columns)
	var cond Sqlizer
	var err error
	if rel.Kind == schema.ManyToMany {
		link := q(rel.Through.Name)
		b.WriteString(", " + link + "." + q(rel.ThroughLocal.Name))
		b.WriteString(" FROM " + ts.from + " JOIN " + link + " ON " + link + "." + q(rel.ThroughRemote.Name) + " = " + ts.from + "." + q(rel.Remote.Name))
		cond, err = resolver{db: db, t: rel.Through}.cond(sq.Eq{rel.ThroughLocal.Name: ix.values(rel.ThroughLocal)})
	} else {
		b.WriteString(" FROM " + ts.from)
		cond, err = resolver{db: db, t: rel.Target}.cond(sq.Eq{rel.Remote.Name: ix.values(rel.Remote)})
	}
	if err != nil {
		return "", nil, err
	}
	conds := []Sqlizer{cond}
	if live := liveCond(db, rel.Target); live != nil {
		conds = append(conds, live) // soft-deleted related rows stay out
	}
	if n.filter != nil {
		conds = append(conds, n.filter.where...)
	}
	b.WriteString(" WHERE ")
	args, err := writeConds(&b, nil, conds)
	if err != nil {
		return "", nil, err
	}
	if n.filter != nil && n.filter.limit >= 0 {
		var order strings.Builder
		writeRelationOrder(&order, db, n)
		return db.rebind(relationLimited(db, n, b.String(), order.String())), args, nil
	}
	if rel.Many() || n.filter != nil && len(n.filter.orderBy) > 0 {
		// Children in key order, the order they were created in, unless
		// WithQuery orders them.
		b.WriteString(" ORDER BY ")
		writeRelationOrder(&b, db, n)
	}
	return db.rebind(b.String()), args, nil
}

// assignOne sets each parent's field to its child: a pointer into the
// loaded rows, or a copy for a value field. For a has-one relation with
// several children, the first in key order wins.
func assignOne(rel *schema.Relation, parents []unsafe.Pointer, ix *keyIndex, children []unsafe.Pointer, keys []relKey) {
	set := make([]bool, len(parents))
	for ci, cp := range children {
		child := reflect.NewAt(rel.Target.GoType, cp)
		ix.each(keys[ci], func(pi int) {
			if set[pi] {
				return
			}
			set[pi] = true
			if rel.Pointers() {
				rel.FieldAt(parents[pi]).Set(child)
			} else {
				rel.FieldAt(parents[pi]).Set(child.Elem())
			}
		})
	}
}

// assignMany gives each parent a slice of its children, all carved from
// one backing array, each with its capacity capped so that appending to
// one parent's slice cannot overwrite another's.
func assignMany(rel *schema.Relation, parents []unsafe.Pointer, ix *keyIndex, children []unsafe.Pointer, keys []relKey) {
	counts := make([]int32, len(parents))
	total := 0
	for ci := range children {
		ix.each(keys[ci], func(pi int) { counts[pi]++; total++ })
	}
	// A parent without children gets an empty, non-nil slice: loaded,
	// and found to have none.
	backing := reflect.MakeSlice(rel.FieldType(), total, total)
	off := 0
	for pi, n := range counts {
		rel.FieldAt(parents[pi]).Set(backing.Slice3(off, off, off+int(n)))
		off += int(n)
	}
	for ci, cp := range children {
		child := reflect.NewAt(rel.Target.GoType, cp)
		ix.each(keys[ci], func(pi int) {
			f := rel.FieldAt(parents[pi])
			k := f.Len()
			f.SetLen(k + 1)
			if rel.Pointers() {
				f.Index(k).Set(child)
			} else {
				f.Index(k).Set(child.Elem())
			}
		})
	}
}

// loadWith loads the query's With relations into its results.
func (s *SelectQuery[T]) loadWith(ctx context.Context, db *DB, parents []unsafe.Pointer) error {
	_, ex, err := targetOf(s.q)
	if err != nil {
		return err
	}
	return db.loadWith(ctx, ex, s.t, parents, s.with, s.columns())
}

func slicePointers[T any](rows []T) []unsafe.Pointer {
	out := make([]unsafe.Pointer, len(rows))
	for i := range rows {
		out[i] = unsafe.Pointer(&rows[i])
	}
	return out
}

// iterBatch is how many rows Iter with With reads, and loads the
// relations of, at a time.
const iterBatch = 500

// keyOrder reports whether the query's OrderBy is none or the primary
// key alone (the order iterWith reads in anyway), and whether descending.
func (s *SelectQuery[T]) keyOrder(db *DB, pk *schema.Column) (desc, ok bool) {
	if len(s.orderBy) == 0 {
		return false, true
	}
	if pk == nil || len(s.orderBy) > 1 {
		return false, false
	}
	col := db.dialect.Quote(s.t.Name) + "." + db.dialect.Quote(pk.Name)
	switch s.orderBy[0] {
	case col, col + " ASC":
		return false, true
	case col + " DESC":
		return true, true
	}
	return false, false
}

// iterWithPlan checks that iterWith can page the query by its primary
// key, which it returns with the direction and the query's database.
func (s *SelectQuery[T]) iterWithPlan() (*DB, *schema.Column, bool, error) {
	if s.err != nil {
		return nil, nil, false, s.err
	}
	pk := s.t.SingleKey()
	db, _, err := targetOf(s.q)
	if err != nil {
		return nil, nil, false, err
	}
	desc, byKey := s.keyOrder(db, pk)
	switch {
	case pk == nil:
		return nil, nil, false, &ModelError{Model: s.t.Model(), Reason: "Iter with With reads in batches by primary key, which needs a single-column key: use All"}
	case !byKey || s.offset >= 0 || s.distinct || len(s.groupBy) > 0 || len(s.joins) > 0:
		return nil, nil, false, &ColumnError{Model: s.t.Model(), Column: pk.Name, Reason: "Iter with With reads in batches in primary-key order, so it takes no OrderBy but one by this column (ascending or descending), and no Offset, Distinct, GroupBy or Join: use All"}
	case !containsColumn(s.columns(), pk):
		return nil, nil, false, &ColumnError{Model: s.t.Model(), Column: pk.Name, Reason: "Iter with With pages by this column: add it to Columns"}
	}
	return db, pk, desc, nil
}

// iterWith is Iter with relations: it reads the rows in batches in
// primary-key order (WHERE key > the last one seen), closing each batch's
// result before loading its relations, so that it works inside a
// transaction, whose connection runs one statement at a time, and in
// memory bounded by the batch.
func (s *SelectQuery[T]) iterWith(ctx context.Context) func(yield func(T, error) bool) {
	return func(yield func(T, error) bool) {
		var zero T
		db, pk, desc, err := s.iterWithPlan()
		if err != nil {
			yield(zero, err)
			return
		}
		left := s.limit
		var last any
		for left != 0 {
			page := *s
			page.with = nil
			page.where = append([]Sqlizer(nil), s.where...)
			page.limit = iterBatch
			if left > 0 && left < iterBatch {
				page.limit = left
			}
			page.orderBy, page.orderArgs = nil, nil
			term := pk.Name
			if desc {
				term = "-" + pk.Name
			}
			q := page.OrderBy(term)
			switch {
			case last != nil && desc:
				q = q.Where(Lt{pk.Name: last})
			case last != nil:
				q = q.Where(Gt{pk.Name: last})
			}
			batch, err := q.All(ctx)
			if err == nil && len(batch) > 0 {
				err = s.loadWith(ctx, db, slicePointers(batch))
			}
			if err != nil {
				yield(zero, err)
				return
			}
			for i := range batch {
				if !yield(batch[i], nil) {
					return
				}
			}
			if int64(len(batch)) < page.limit {
				return
			}
			if left > 0 {
				left -= int64(len(batch))
			}
			last = pk.Value(unsafe.Pointer(&batch[len(batch)-1]))
		}
	}
}

// JoinRelation joins the table of the named relation (a Go field, as
// With takes it) on the columns the relation declares, so that Where and
// OrderBy can name its columns as "table.column" without a hand-written
// ON clause:
//
//	rx.Select[Book](db).JoinRelation("Author").Where(rx.Eq{"author.name": "Ann"})
//
// A has-many or many-to-many join repeats the row for each related row;
// add Distinct to see each once. The results do not fill the relation
// field: that is With's job.
func (s *SelectQuery[T]) JoinRelation(name string) *SelectQuery[T] {
	return s.joinRelation(name, "JOIN ")
}

// LeftJoinRelation is JoinRelation with LEFT JOIN: the rows that have no
// related row stay, with NULLs for its columns (a pointer field of the
// struct rx.Scan reads into is then nil).
func (s *SelectQuery[T]) LeftJoinRelation(name string) *SelectQuery[T] {
	return s.joinRelation(name, "LEFT JOIN ")
}

func (s *SelectQuery[T]) joinRelation(name, join string) *SelectQuery[T] {
	s = s.next()
	if s.err != nil {
		return s
	}
	rel := s.t.Relation(name)
	if rel == nil {
		s.err = relationError(s.t, name, name)
		return s
	}
	if s.err = rel.Resolve(); s.err != nil {
		return s
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		s.err = err
		return s
	}
	q := db.dialect.Quote
	col := func(t *schema.Table, c *schema.Column) string { return q(t.Name) + "." + q(c.Name) }
	if rel.Kind == schema.ManyToMany {
		s.joins = append(s.joins, sq.Expr(join+q(rel.Through.Name)+" ON "+col(rel.Through, rel.ThroughLocal)+" = "+col(s.t, rel.Local)))
		s.joins = append(s.joins, sq.Expr(join+q(rel.Target.Name)+" ON "+col(rel.Target, rel.Remote)+" = "+col(rel.Through, rel.ThroughRemote)))
		return s
	}
	s.joins = append(s.joins, sq.Expr(join+q(rel.Target.Name)+" ON "+col(rel.Target, rel.Remote)+" = "+col(s.t, rel.Local)))
	return s
}
