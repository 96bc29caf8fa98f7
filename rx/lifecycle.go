package rx

import (
	"context"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// Hooks a model can implement, on the struct or its pointer. rx calls them
// for writes of model values: Session.Add and Flush, Insert, the Insert
// builder (upserts included), Update and Delete of a model. A Before hook's
// error stops the write before any SQL is sent for that batch; an After
// hook's error is returned as the write's. Both run in the session's
// transaction, so returning the error from the session's callback rolls
// the whole write back (in autocommit mode, an After hook's error comes
// after the statement has committed).
//
// The bulk builders (Update[T], Delete[T]) and raw Exec change rows they
// never load, and call no hook; Update[T] still sets autoupdate columns.
type (
	// BeforeInserter is called before the model's row is inserted.
	BeforeInserter interface {
		BeforeInsert(ctx context.Context) error
	}
	// AfterInserter is called after the row is inserted and its generated
	// key set.
	AfterInserter interface {
		AfterInsert(ctx context.Context) error
	}
	// BeforeUpdater is called before Update writes the model's row.
	BeforeUpdater interface {
		BeforeUpdate(ctx context.Context) error
	}
	// AfterUpdater is called after Update wrote the model's row.
	AfterUpdater interface {
		AfterUpdate(ctx context.Context) error
	}
	// BeforeDeleter is called before Delete deletes the model's row.
	BeforeDeleter interface {
		BeforeDelete(ctx context.Context) error
	}
	// AfterDeleter is called after Delete deleted the model's row.
	AfterDeleter interface {
		AfterDelete(ctx context.Context) error
	}
)

type hookSet uint8

const (
	hookBeforeInsert hookSet = 1 << iota
	hookAfterInsert
	hookBeforeUpdate
	hookAfterUpdate
	hookBeforeDelete
	hookAfterDelete
)

// lifecycle is what rx does to a model's values around its writes:
// timestamps and hooks, found once per model.
type lifecycle struct {
	autoCreate []*schema.Column
	autoUpdate []*schema.Column
	hooks      hookSet
}

// lifecycles caches each model's lifecycle, nil for a model without one.
var lifecycles sync.Map // *schema.Table -> *lifecycle

// lifeOf returns t's lifecycle, or nil when rx has nothing to do around
// its writes.
func lifeOf(t *schema.Table) *lifecycle {
	if v, ok := lifecycles.Load(t); ok {
		return v.(*lifecycle)
	}
	v, _ := lifecycles.LoadOrStore(t, newLifecycle(t))
	return v.(*lifecycle)
}

// newLifecycle finds t's timestamps and hooks; schema has checked that
// the timestamps are times.
func newLifecycle(t *schema.Table) *lifecycle {
	l := &lifecycle{}
	for _, c := range t.Columns {
		if c.AutoCreate {
			l.autoCreate = append(l.autoCreate, c)
		}
		if c.AutoUpdate {
			l.autoUpdate = append(l.autoUpdate, c)
		}
	}
	pt := reflect.PointerTo(t.GoType)
	for _, h := range []struct {
		iface reflect.Type
		bit   hookSet
	}{
		{reflect.TypeFor[BeforeInserter](), hookBeforeInsert},
		{reflect.TypeFor[AfterInserter](), hookAfterInsert},
		{reflect.TypeFor[BeforeUpdater](), hookBeforeUpdate},
		{reflect.TypeFor[AfterUpdater](), hookAfterUpdate},
		{reflect.TypeFor[BeforeDeleter](), hookBeforeDelete},
		{reflect.TypeFor[AfterDeleter](), hookAfterDelete},
	} {
		if pt.Implements(h.iface) {
			l.hooks |= h.bit
		}
	}
	if l.hooks == 0 && l.autoCreate == nil && l.autoUpdate == nil {
		return nil
	}
	return l
}

// stampNow is the time rx stamps: UTC, in the microseconds that MySQL's
// DATETIME(6) and PostgreSQL's TIMESTAMPTZ keep, so the model holds what
// a later read returns.
func stampNow() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func setTime(c *schema.Column, p unsafe.Pointer, ts time.Time) {
	f := c.Addr(p)
	if c.GoType == timeType {
		*(*time.Time)(f) = ts
		return
	}
	*(**time.Time)(f) = &ts
}

func timeIsZero(c *schema.Column, p unsafe.Pointer) bool {
	f := c.Addr(p)
	if c.GoType == timeType {
		return (*time.Time)(f).IsZero()
	}
	tp := *(**time.Time)(f)
	return tp == nil || tp.IsZero()
}

// beforeInsert stamps the rows' timestamps and calls their BeforeInsert.
// An autocreate time the caller set is kept (an import, a backfill).
func (l *lifecycle) beforeInsert(ctx context.Context, t *schema.Table, rows []unsafe.Pointer) error {
	ts := stampNow()
	for _, p := range rows {
		for _, c := range l.autoCreate {
			if timeIsZero(c, p) {
				setTime(c, p, ts)
			}
		}
		for _, c := range l.autoUpdate {
			setTime(c, p, ts)
		}
		if l.hooks&hookBeforeInsert != 0 {
			if err := modelAt(t, p).(BeforeInserter).BeforeInsert(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *lifecycle) afterInsert(ctx context.Context, t *schema.Table, rows []unsafe.Pointer) error {
	if l.hooks&hookAfterInsert == 0 {
		return nil
	}
	for _, p := range rows {
		if err := modelAt(t, p).(AfterInserter).AfterInsert(ctx); err != nil {
			return err
		}
	}
	return nil
}

// beforeUpdate stamps the model's autoupdate columns and calls its
// BeforeUpdate.
func (l *lifecycle) beforeUpdate(ctx context.Context, t *schema.Table, p unsafe.Pointer) error {
	ts := stampNow()
	for _, c := range l.autoUpdate {
		setTime(c, p, ts)
	}
	if l.hooks&hookBeforeUpdate != 0 {
		return modelAt(t, p).(BeforeUpdater).BeforeUpdate(ctx)
	}
	return nil
}

func (l *lifecycle) afterUpdate(ctx context.Context, t *schema.Table, p unsafe.Pointer) error {
	if l.hooks&hookAfterUpdate != 0 {
		return modelAt(t, p).(AfterUpdater).AfterUpdate(ctx)
	}
	return nil
}

func (l *lifecycle) beforeDelete(ctx context.Context, t *schema.Table, p unsafe.Pointer) error {
	if l.hooks&hookBeforeDelete != 0 {
		return modelAt(t, p).(BeforeDeleter).BeforeDelete(ctx)
	}
	return nil
}

func (l *lifecycle) afterDelete(ctx context.Context, t *schema.Table, p unsafe.Pointer) error {
	if l.hooks&hookAfterDelete != 0 {
		return modelAt(t, p).(AfterDeleter).AfterDelete(ctx)
	}
	return nil
}

// withAutoUpdate adds the autoupdate columns to the columns an Update
// was told to write.
func (l *lifecycle) withAutoUpdate(cols []*schema.Column) []*schema.Column {
	for _, c := range l.autoUpdate {
		if !containsColumn(cols, c) {
			cols = append(cols, c)
		}
	}
	return cols
}

// modelAt is the *T at p as an interface, for calling its hooks.
func modelAt(t *schema.Table, p unsafe.Pointer) any { return reflect.NewAt(t.GoType, p).Interface() }
