package rx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// needsGraph reports whether staged rows have relations or foreign keys
// for the flush to follow; without them, rows are written group by group
// as staged.
func needsGraph(groups []stagedGroup) bool {
	for _, g := range groups {
		if len(g.table.Relations()) > 0 || len(g.table.ForeignKeys()) > 0 {
			return true
		}
	}
	return false
}

// stagedRow is one row of a flush and the staged parents it waits for.
type stagedRow struct {
	t       *schema.Table
	p       unsafe.Pointer
	parents []parentLink
	done    bool
}

// parentLink is a belongs-to pointer from a row to a staged parent,
// whose key is copied into the row once the parent is written.
type parentLink struct {
	rel    *schema.Relation
	parent int // index in the flush's rows
}

// linkSet is the many-to-many links of one row through one relation.
type linkSet struct {
	row     int
	rel     *schema.Relation
	targets []unsafe.Pointer
}

// flushGraph writes the staged rows parents first: a row whose belongs-to
// field points at another staged row is written after it, with the
// parent's generated key copied into its foreign key; then it writes the
// link rows of many-to-many fields. Rows go out in waves of multi-row
// INSERTs, one per table and wave. Everything that can be checked is
// checked before the first statement: a parent that was never saved, a
// zero foreign key to a generated key, a cycle.
func (s *Session) flushGraph(ctx context.Context) error {
	rows, index, err := s.stagedRows()
	if err != nil {
		return err
	}
	var links []linkSet
	for i := range rows {
		ls, err := linkRow(rows, index, i)
		if err != nil {
			return err
		}
		links = append(links, ls...)
	}
	// Waves: each writes the rows whose staged parents are written.
	for left := len(rows); left > 0; {
		wave, err := nextWave(rows)
		if err != nil {
			return err
		}
		if err := s.writeWave(ctx, rows, wave); err != nil {
			return err
		}
		left -= len(wave)
		// Staged rows are written: a failure from here on must not write
		// them again.
		s.staged = nil
	}
	s.staged = nil
	return s.writeLinks(ctx, rows, links)
}

// stagedRows lists the session's staged rows, with their relations
// resolved, and indexes them by address.
func (s *Session) stagedRows() ([]stagedRow, map[unsafe.Pointer]int, error) {
	var rows []stagedRow
	index := map[unsafe.Pointer]int{}
	for _, g := range s.staged {
		if err := g.table.ResolveRelations(); err != nil {
			return nil, nil, err
		}
		for _, p := range g.rows {
			index[p] = len(rows)
			rows = append(rows, stagedRow{t: g.table, p: p})
		}
	}
	return rows, index, nil
}

// linkRow records what staged row i needs written first (the staged
// parents of its belongs-to fields; the keys of parents already saved are
// copied now) and returns the link rows its many-to-many fields ask for.
func linkRow(rows []stagedRow, index map[unsafe.Pointer]int, i int) ([]linkSet, error) {
	r := &rows[i]
	var links []linkSet
	covered := map[*schema.Column]bool{}
	for _, rel := range r.t.Relations() {
		switch {
		case rel.Kind == schema.BelongsTo && rel.Pointers():
			f := rel.FieldAt(r.p)
			if f.IsNil() {
				continue
			}
			pp := f.UnsafePointer()
			covered[rel.Local] = true
			if j, ok := index[pp]; ok {
				if j == i {
					return nil, rel.Errorf("the row points at itself")
				}
				r.parents = append(r.parents, parentLink{rel: rel, parent: j})
				continue
			}
			if err := unsaved(rel, rel.Remote, pp); err != nil {
				return nil, err
			}
			copyKey(rel.Local, r.p, rel.Remote, pp)
		case rel.Kind == schema.ManyToMany:
			targets, err := linkTargets(rel, r.p, index)
			if err != nil {
				return nil, err
			}
			if len(targets) > 0 {
				links = append(links, linkSet{row: i, rel: rel, targets: targets})
			}
		}
	}
	return links, zeroForeignKey(r.t, r.p, covered)
}

// linkTargets returns the models in the many-to-many field rel of the
// row at p, each either staged or saved before.
func linkTargets(rel *schema.Relation, p unsafe.Pointer, index map[unsafe.Pointer]int) ([]unsafe.Pointer, error) {
	var targets []unsafe.Pointer
	f := rel.FieldAt(p)
	for k := 0; k < f.Len(); k++ {
		e := f.Index(k)
		var tp unsafe.Pointer
		if rel.Pointers() {
			if e.IsNil() {
				continue
			}
			tp = e.UnsafePointer()
		} else {
			tp = e.Addr().UnsafePointer()
		}
		if _, ok := index[tp]; !ok {
			if err := unsaved(rel, rel.Remote, tp); err != nil {
				return nil, err
			}
		}
		targets = append(targets, tp)
	}
	return targets, nil
}

// nextWave returns the rows not yet written whose staged parents are.
func nextWave(rows []stagedRow) ([]int, error) {
	var wave []int
	for i := range rows {
		if rows[i].done {
			continue
		}
		ready := true
		for _, pl := range rows[i].parents {
			if !rows[pl.parent].done {
				ready = false
				break
			}
		}
		if ready {
			wave = append(wave, i)
		}
	}
	if len(wave) == 0 {
		for i := range rows {
			if !rows[i].done {
				return nil, fmt.Errorf("rx: staged %s rows point at each other through belongs-to fields in a cycle: no insert order exists; flush one of them first, without its parent, and set the key after", rows[i].t.Model())
			}
		}
	}
	return wave, nil
}

// writeWave copies the parents' keys into the rows of wave and inserts
// them, one batch per model.
func (s *Session) writeWave(ctx context.Context, rows []stagedRow, wave []int) error {
	var groups []stagedGroup
	for _, i := range wave {
		r := &rows[i]
		for _, pl := range r.parents {
			copyKey(pl.rel.Local, r.p, pl.rel.Remote, rows[pl.parent].p)
		}
		groups = addToGroup(groups, r.t, r.p)
	}
	for _, g := range groups {
		if err := s.insertStaged(ctx, s.tx, g.table, g.rows); err != nil {
			return err
		}
	}
	for _, i := range wave {
		rows[i].done = true
	}
	return nil
}

func addToGroup(groups []stagedGroup, t *schema.Table, p unsafe.Pointer) []stagedGroup {
	for i := range groups {
		if groups[i].table == t {
			groups[i].rows = append(groups[i].rows, p)
			return groups
		}
	}
	return append(groups, stagedGroup{table: t, rows: []unsafe.Pointer{p}})
}

// writeLinks inserts the link rows of many-to-many fields, one multi-row
// INSERT per link table.
func (s *Session) writeLinks(ctx context.Context, rows []stagedRow, links []linkSet) error {
	var groups []stagedGroup
	for _, ls := range links {
		rel := ls.rel
		owner := rows[ls.row].p
		for _, tp := range ls.targets {
			if err := unsaved(rel, rel.Remote, tp); err != nil {
				return err
			}
			lp := reflect.New(rel.Through.GoType).UnsafePointer()
			copyKey(rel.ThroughLocal, lp, rel.Local, owner)
			copyKey(rel.ThroughRemote, lp, rel.Remote, tp)
			groups = addToGroup(groups, rel.Through, lp)
		}
	}
	for _, g := range groups {
		if err := s.insertStaged(ctx, s.tx, g.table, g.rows); err != nil {
			return err
		}
	}
	return nil
}

// unsaved reports a related row whose generated key is still zero: it
// was never inserted, and is not staged in this session.
func unsaved(rel *schema.Relation, key *schema.Column, p unsafe.Pointer) error {
	if key.AutoIncrement && key.IsZero(p) {
		return rel.Errorf("points at a %s that was never saved (its %s is zero): s.Add it in the same session, or insert it first", rel.Target.Model(), key.Name)
	}
	return nil
}

// zeroForeignKey refuses a row whose non-nullable foreign key to a
// generated key is zero and that no belongs-to pointer fills: that is a
// parent's key read before the parent was flushed, and would be stored
// as 0.
func zeroForeignKey(t *schema.Table, p unsafe.Pointer, covered map[*schema.Column]bool) error {
	for _, c := range t.Columns {
		fk := c.ForeignKey
		if fk == nil || c.Nullable || covered[c] || !c.IsZero(p) {
			continue
		}
		ref := schema.Lookup(fk.RefTable)
		if ref == nil {
			continue
		}
		if rc := ref.Column(fk.RefColumn); rc != nil && rc.AutoIncrement {
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: fmt.Sprintf("foreign key %s is zero, and %s.%s keys are generated from 1: the parent's key was read before it was saved. Point the row at the parent (a belongs-to field) so the key is copied at flush, or Flush the parent first", c.Name, fk.RefTable, fk.RefColumn)}
		}
	}
	return nil
}

// copyKey sets column dst of the struct at dp to the value of column src
// of the struct at sp, converting between the integer and string types,
// pointers and sql.Null types that key fields use.
func copyKey(dst *schema.Column, dp unsafe.Pointer, src *schema.Column, sp unsafe.Pointer) {
	sv := reflect.NewAt(src.GoType, src.Addr(sp)).Elem()
	if vr, ok := sv.Interface().(driver.Valuer); ok && sv.Kind() == reflect.Struct {
		v, _ := vr.Value()
		sv = reflect.ValueOf(&v).Elem().Elem()
		if !sv.IsValid() {
			reflect.NewAt(dst.GoType, dst.Addr(dp)).Elem().SetZero()
			return
		}
	}
	if sv.Kind() == reflect.Pointer {
		if sv.IsNil() {
			reflect.NewAt(dst.GoType, dst.Addr(dp)).Elem().SetZero()
			return
		}
		sv = sv.Elem()
	}
	dv := reflect.NewAt(dst.GoType, dst.Addr(dp)).Elem()
	if sc, ok := dv.Addr().Interface().(sql.Scanner); ok && dv.Kind() == reflect.Struct {
		_ = sc.Scan(normalizeScalar(sv.Interface()))
		return
	}
	if dv.Kind() == reflect.Pointer {
		nv := reflect.New(dv.Type().Elem())
		nv.Elem().Set(sv.Convert(dv.Type().Elem()))
		dv.Set(nv)
		return
	}
	dv.Set(sv.Convert(dv.Type()))
}

// normalizeScalar turns integers into the int64 that sql.Null types scan.
func normalizeScalar(v any) any {
	rv := reflect.ValueOf(v)
	switch {
	case rv.CanInt():
		return rv.Int()
	case rv.CanUint():
		return int64(rv.Uint())
	}
	return v
}
