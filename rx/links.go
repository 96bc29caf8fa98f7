package rx

import (
	"context"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// The links of a saved row's many-to-many relation: Link, Unlink and
// ReplaceLinks write the link table's rows (Update writes a model's own
// columns only) and keep the relation field in memory in step.

// linkOp is one call's parent, relation and related rows, checked.
type linkOp struct {
	s       *Session
	db      *DB
	ex      execer
	rel     *schema.Relation
	parent  unsafe.Pointer
	related []unsafe.Pointer
	method  string
}

// Link links parent to each of related through parent's many-to-many
// relation field rel (its Go name, as With takes it), in the session's
// transaction: one INSERT of the link rows, a link already there kept as
// it is (so Link is safe to repeat, and to race). related are pointers to
// rows of the relation's model, saved or staged in the session (a staged
// row is flushed first, for its key). The relation field of parent gets
// the rows it did not hold yet, appended. A relation that is not
// many-to-many, a related row of another model, and a row never saved
// are errors before any SQL.
//
//	err := s.Link(ctx, post, "Tags", golang, sql)
func (s *Session) Link(ctx context.Context, parent any, rel string, related ...any) error {
	op, err := s.linkOp(ctx, "Link", parent, rel, related)
	if err != nil || len(op.related) == 0 {
		return err
	}
	if err := op.insert(ctx, op.related); err != nil {
		return err
	}
	op.keepInField(func(p unsafe.Pointer) bool { return true }, op.related)
	return nil
}

// Unlink removes the links from parent to each of related through the
// many-to-many relation rel, with one DELETE of the link rows (a link not
// there is no error), and takes the rows out of parent's relation field.
// The related rows themselves stay.
func (s *Session) Unlink(ctx context.Context, parent any, rel string, related ...any) error {
	op, err := s.linkOp(ctx, "Unlink", parent, rel, related)
	if err != nil || len(op.related) == 0 {
		return err
	}
	gone := op.keys(op.related, op.rel.Remote)
	var remotes []any
	for _, p := range op.related {
		remotes = append(remotes, op.rel.Remote.Value(p))
	}
	if err := op.delete(ctx, remotes); err != nil {
		return err
	}
	op.keepInField(func(p unsafe.Pointer) bool { return !gone[keyAt(op.rel.Remote, p)] }, nil)
	return nil
}

// ReplaceLinks makes related the whole set of parent's links through the
// many-to-many relation rel: it reads the links there are, deletes those
// not in related and inserts the missing ones (at most three statements,
// in the session's transaction), and sets parent's relation field to
// related. With no related rows it removes every link of parent.
func (s *Session) ReplaceLinks(ctx context.Context, parent any, rel string, related ...any) error {
	op, err := s.linkOp(ctx, "ReplaceLinks", parent, rel, related)
	if err != nil {
		return err
	}
	have, err := op.linked(ctx)
	if err != nil {
		return err
	}
	want := op.keys(op.related, op.rel.Remote)
	var gone []any
	for k, v := range have {
		if !want[k] {
			gone = append(gone, v)
		}
	}
	var missing []unsafe.Pointer
	for _, p := range op.related {
		if k := keyAt(op.rel.Remote, p); have[k] == nil {
			missing, have[k] = append(missing, p), true
		}
	}
	if err := op.delete(ctx, gone); err != nil {
		return err
	}
	if err := op.insert(ctx, missing); err != nil {
		return err
	}
	op.keepInField(func(unsafe.Pointer) bool { return false }, op.related)
	return nil
}

// linkOp checks a call's arguments, flushes what the session staged (for
// the keys) and checks the keys, all before any link SQL.
func (s *Session) linkOp(ctx context.Context, method string, parent any, name string, related []any) (*linkOp, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	db, _, err := s.target()
	if err != nil {
		return nil, err
	}
	op := &linkOp{s: s, db: db, method: method}
	t, p, err := rowPointer(parent)
	if err != nil {
		return nil, fmt.Errorf("rx: %s: parent: %w", method, err)
	}
	op.parent = p
	if op.rel = t.Relation(name); op.rel == nil {
		return nil, relationError(t, name, name)
	}
	if err := op.rel.Resolve(); err != nil {
		return nil, err
	}
	if op.rel.Kind != schema.ManyToMany {
		return nil, fmt.Errorf("rx: %s(%s.%s): the relation is %s, not many-to-many: its rows are linked by their own foreign key; set it and Update the row", method, t.Model(), name, op.rel.Kind)
	}
	if err := op.relatedRows(related); err != nil {
		return nil, err
	}
	if err := s.Flush(ctx); err != nil {
		return nil, err
	}
	if err := unsaved(op.rel, op.rel.Local, p); err != nil {
		return nil, fmt.Errorf("rx: %s: parent: %w", method, err)
	}
	for i, rp := range op.related {
		if err := unsaved(op.rel, op.rel.Remote, rp); err != nil {
			return nil, fmt.Errorf("rx: %s: related[%d]: %w", method, i, err)
		}
	}
	_, op.ex, err = s.target()
	return op, err
}

// relatedRows checks that each related value is a pointer to a row of the
// relation's model.
func (op *linkOp) relatedRows(related []any) error {
	want := reflect.PointerTo(op.rel.Target.GoType)
	for i, r := range related {
		v := reflect.ValueOf(r)
		if !v.IsValid() || v.Type() != want || v.IsNil() {
			return fmt.Errorf("rx: %s(%s): related[%d] is %T, want a non-nil %s", op.method, op.rel.Name, i, r, want)
		}
		op.related = append(op.related, v.UnsafePointer())
	}
	return nil
}

func keyAt(c *schema.Column, p unsafe.Pointer) relKey {
	k, _ := keyOf(c, p)
	return k
}

func (op *linkOp) keys(rows []unsafe.Pointer, c *schema.Column) map[relKey]bool {
	out := make(map[relKey]bool, len(rows))
	for _, p := range rows {
		out[keyAt(c, p)] = true
	}
	return out
}
