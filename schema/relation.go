package schema

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// RelationKind says how a related model is joined to the model holding
// the field.
type RelationKind uint8

// The relation kinds.
const (
	// BelongsTo: the model holds the foreign key (Book.AuthorID) and the
	// field the parent (Book.Author *Author).
	BelongsTo RelationKind = iota + 1
	// HasOne: the related model holds a foreign key to this one, and there
	// is at most one (User.Profile *Profile).
	HasOne
	// HasMany: as HasOne, with any number (Author.Books []Book).
	HasMany
	// ManyToMany: rows are linked through a link model's table with a
	// foreign key to each side (Book.Tags []Tag rx:"through=book_tag").
	ManyToMany
)

var relationKindNames = [...]string{"", "belongs-to", "has-one", "has-many", "m2m"}

func (k RelationKind) String() string {
	if int(k) < len(relationKindNames) {
		return relationKindNames[k]
	}
	return fmt.Sprintf("RelationKind(%d)", uint8(k))
}

// Relation is the metadata of a struct field that holds related models
// rather than a column. Its other end is resolved on first use (With, a
// session's flush, CreateAll or Register), when every model it names is
// known.
type Relation struct {
	Name  string // the Go field name, as With takes it
	Field string // the Go field path
	Kind  RelationKind

	// Resolved ends: the model's column Local matches Target's Remote; for
	// ManyToMany, Local and Remote are the two primary keys and the link
	// table Through has ThroughLocal (pointing at Local) and ThroughRemote.
	Target        *Table
	Local         *Column
	Remote        *Column
	Through       *Table
	ThroughLocal  *Column
	ThroughRemote *Column

	owner   *Table
	offset  uintptr
	goType  reflect.Type // the field's type
	elem    reflect.Type // the related struct type
	ptr     bool         // *T, or []*T
	many    bool         // a slice
	kindOpt RelationKind // rel=, 0 when inferred
	join    [2]string    // join=local:remote
	through string       // through=link_table

	mu       sync.Mutex
	resolved atomic.Bool // set once every field above is; a failure is retried
}

// Relations lists the model's relation fields in field order.
func (t *Table) Relations() []*Relation { return t.relations }

// Relation returns the relation field named name, or nil.
func (t *Table) Relation(name string) *Relation {
	for _, r := range t.relations {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// isRelationField reports whether f holds related models: it has a
// relation option, or its type is a model struct, a pointer to one or a
// slice of either, and nothing marks it as a column (a db tag, json).
func isRelationField(f reflect.StructField, ft FieldTags) bool {
	if ft.Relation || ft.NotRelation {
		return ft.Relation
	}
	_, _, _, ok := relationElem(f.Type)
	return ok
}

// hasKeyField tells a model from a plain struct without registering it
// (registration would recurse through the relations back to this model):
// a model embeds rx.Model (whose ID field counts), tags a field rx:"pk",
// or has an ID field.
func hasKeyField(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if ReadFieldTags(f.Name, f.Tag).Key {
			return true
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct && hasKeyField(f.Type) {
			return true
		}
	}
	return false
}

// relationElem unwraps *S, []S and []*S to the struct S.
func relationElem(t reflect.Type) (elem reflect.Type, many, ptr, ok bool) {
	if t.Kind() == reflect.Slice {
		many, t = true, t.Elem()
	}
	if t.Kind() == reflect.Pointer {
		ptr, t = true, t.Elem()
	}
	if t.Kind() != reflect.Struct || t == timeType || implementsScanner(t) || t.Implements(valuerType) {
		return nil, false, false, false
	}
	return t, many, ptr, true
}

func newRelation(owner *Table, f reflect.StructField, offset uintptr, path, tag string) (*Relation, error) {
	r := &Relation{Name: f.Name, Field: path, owner: owner, offset: offset, goType: f.Type}
	fail := func(reason string) (*Relation, error) {
		return nil, &ModelError{Model: owner.GoType.String(), Field: path, Reason: reason}
	}
	var ok bool
	if r.elem, r.many, r.ptr, ok = relationElem(f.Type); !ok {
		return fail(fmt.Sprintf("a relation field must be a model struct, a pointer to one or a slice of either, not %s", f.Type))
	}
	if !hasKeyField(r.elem) {
		return fail(fmt.Sprintf("%s is a struct but not a model (it has no primary key field), so the field is no relation: tag the field `rx:\"-\"` if it is not a column (other code fills it), or `rx:\"json\"` to store it as JSON", r.elem))
	}
	for _, opt := range splitOptions(tag) {
		key, val, _ := strings.Cut(opt, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch key {
		case "rel":
			switch val {
			case "belongs-to", "belongs_to":
				r.kindOpt = BelongsTo
			case "has-one", "has_one":
				r.kindOpt = HasOne
			case "has-many", "has_many":
				r.kindOpt = HasMany
			case "m2m", "many-to-many", "many_to_many":
				r.kindOpt = ManyToMany
			default:
				return fail(fmt.Sprintf("unknown rel=%s (known: belongs-to, has-one, has-many, m2m)", val))
			}
		case "join":
			local, remote, ok := strings.Cut(val, ":")
			if !ok || !ValidIdent(local) || !ValidIdent(remote) {
				return fail(fmt.Sprintf("join needs two column names, this model's then the other's, as in rx:\"join=author_id:id\"; got %q", val))
			}
			r.join = [2]string{local, remote}
		case "through":
			if !ValidIdent(val) {
				return fail(fmt.Sprintf("through needs the link model's table, as in rx:\"through=book_tag\"; got %q", val))
			}
			r.through = val
		case "":
		default:
			return fail(fmt.Sprintf("unknown option %q for a relation field (known: rel=belongs-to|has-one|has-many|m2m, join=local:remote, through=link_table); a column of this type needs rx:\"json\", and rx:\"-\" skips the field", key))
		}
	}
	if r.through != "" && r.kindOpt == 0 {
		r.kindOpt = ManyToMany
	}
	switch {
	case r.kindOpt == ManyToMany && r.through == "":
		return fail("a many-to-many relation needs the link model's table: rx:\"through=book_tag\"")
	case r.many && (r.kindOpt == BelongsTo || r.kindOpt == HasOne):
		return fail(fmt.Sprintf("rel=%s needs a single model field (*%s), not a slice", r.kindOpt, r.elem.Name()))
	case !r.many && (r.kindOpt == HasMany || r.kindOpt == ManyToMany):
		return fail(fmt.Sprintf("rel=%s needs a slice field ([]%s)", r.kindOpt, r.elem.Name()))
	}
	return r, nil
}

// ResolveRelations resolves every relation of t, reporting the first
// that cannot be.
func (t *Table) ResolveRelations() error {
	for _, r := range t.relations {
		if err := r.Resolve(); err != nil {
			return err
		}
	}
	return nil
}

// Resolve fills the relation's other end on first use. A failure is not
// kept: the model it needs (a link model, say) may be registered later.
func (r *Relation) Resolve() error {
	if r.resolved.Load() {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.resolved.Load() {
		return nil
	}
	if err := r.doResolve(); err != nil {
		return err
	}
	r.resolved.Store(true)
	return nil
}

// Errorf returns a *ModelError about the relation field, for problems
// found when its rows are loaded or saved.
func (r *Relation) Errorf(format string, args ...any) error {
	return &ModelError{Model: r.owner.GoType.String(), Field: r.Field, Reason: fmt.Sprintf(format, args...)}
}

func (r *Relation) doResolve() error {
	target, err := tableOfType(r.elem)
	if err != nil {
		return r.Errorf("%s is not a usable model (%v); tag the field rx:\"json\" to store it as a column, or rx:\"-\"", r.elem, err)
	}
	r.Target = target
	owner := r.owner
	r.Kind = r.kindOpt
	if r.Kind == 0 {
		switch {
		case r.many:
			r.Kind = HasMany
		case r.join[0] != "":
			r.Kind = HasOne
			if pk := owner.SingleKey(); pk == nil || pk.Name != r.join[0] {
				r.Kind = BelongsTo
			}
		case owner.Column(SnakeCase(r.Name)+"_id") != nil || len(foreignKeysTo(owner, target.Name)) == 1:
			r.Kind = BelongsTo
		default:
			r.Kind = HasOne
		}
	}
	switch r.Kind {
	case BelongsTo:
		r.Local, err = r.column(owner, r.join[0], func() *Column {
			if c := owner.Column(SnakeCase(r.Name) + "_id"); c != nil {
				return c
			}
			if fks := foreignKeysTo(owner, target.Name); len(fks) == 1 {
				return fks[0]
			}
			return nil
		}, SnakeCase(r.Name)+"_id")
		if err != nil {
			return err
		}
		r.Remote, err = r.column(target, r.join[1], func() *Column {
			if fk := r.Local.ForeignKey; fk != nil && fk.RefTable == target.Name {
				return target.Column(fk.RefColumn)
			}
			return target.SingleKey()
		}, "the primary key")
	case HasOne, HasMany:
		r.Local, err = r.column(owner, r.join[0], func() *Column { return owner.SingleKey() }, "the primary key")
		if err != nil {
			return err
		}
		r.Remote, err = r.column(target, r.join[1], func() *Column { return backReference(target, owner) }, owner.Name+"_id")
	case ManyToMany:
		err = r.resolveThrough()
	}
	if err != nil {
		return err
	}
	// A many-to-many joins each end to its own link column
	// (resolveThrough checks those pairs): its two ends' keys need not
	// have one type.
	if r.Kind != ManyToMany && r.Local.Kind != r.Remote.Kind {
		return r.Errorf("%s.%s is %s but %s.%s is %s: the columns a relation joins must have the same type", owner.Name, r.Local.Name, r.Local.Kind, target.Name, r.Remote.Name, r.Remote.Kind)
	}
	return nil
}

func (r *Relation) resolveThrough() error {
	link := Lookup(r.through)
	if link == nil {
		return r.Errorf("through=%s: no registered model has table %q; register the link model with rx.Register", r.through, r.through)
	}
	r.Through = link
	owner, target := r.owner, r.Target
	var err error
	if r.Local = owner.SingleKey(); r.Local == nil {
		return r.Errorf("a many-to-many relation needs a single-column primary key on %s", owner.Model())
	}
	if r.Remote = target.SingleKey(); r.Remote == nil {
		return r.Errorf("a many-to-many relation needs a single-column primary key on %s", target.Model())
	}
	r.ThroughLocal, err = r.column(link, r.join[0], func() *Column { return backReference(link, owner) }, owner.Name+"_id")
	if err != nil {
		return err
	}
	r.ThroughRemote, err = r.column(link, r.join[1], func() *Column { return backReference(link, target) }, target.Name+"_id")
	if err != nil {
		return err
	}
	if r.ThroughLocal == r.ThroughRemote {
		return r.Errorf("through=%s: both sides resolve to column %s; name them with join=%s_id:other_id", r.through, r.ThroughLocal.Name, owner.Name)
	}
	for _, pair := range [][2]*Column{{r.Local, r.ThroughLocal}, {r.Remote, r.ThroughRemote}} {
		if pair[0].Kind != pair[1].Kind {
			return r.Errorf("through=%s: %s is %s but %s is %s: give both fields the same type", r.through, pair[1].Name, pair[1].Kind, pair[0].Name, pair[0].Kind)
		}
	}
	return nil
}

// column finds a relation's column in t: the one named explicitly, else
// the convention's, reporting what was looked for.
func (r *Relation) column(t *Table, named string, convention func() *Column, wanted string) (*Column, error) {
	if named != "" {
		if c := t.Column(named); c != nil {
			return c, nil
		}
		return nil, r.Errorf("join names column %q, which %s does not have (columns: %s)", named, t.Model(), sortedColumnNames(t))
	}
	if c := convention(); c != nil {
		return c, nil
	}
	return nil, r.Errorf("%s relation to %s: %s has no column %s to join on; name the columns with rx:\"join=this_column:other_column\"", r.Kind, r.Target.Model(), t.Model(), wanted)
}

// backReference is the column of t that refers to owner: its only
// foreign key to owner's table, else the column <owner table>_id.
func backReference(t, owner *Table) *Column {
	if fks := foreignKeysTo(t, owner.Name); len(fks) == 1 {
		return fks[0]
	}
	return t.Column(owner.Name + "_id")
}

// foreignKeysTo lists t's columns with a foreign key to table.
func foreignKeysTo(t *Table, table string) []*Column {
	var out []*Column
	for _, c := range t.Columns {
		if c.ForeignKey != nil && c.ForeignKey.RefTable == table {
			out = append(out, c)
		}
	}
	return out
}

// Many reports whether the field is a slice of related models.
func (r *Relation) Many() bool { return r.many }

// Pointers reports whether the field holds pointers to the related
// models (*T or []*T) rather than values.
func (r *Relation) Pointers() bool { return r.ptr }

// FieldType is the Go type of the relation field.
func (r *Relation) FieldType() reflect.Type { return r.goType }

// FieldAt is the relation field of the struct at p, settable. p is the
// address of a struct of the owning model's type.
func (r *Relation) FieldAt(p unsafe.Pointer) reflect.Value {
	return reflect.NewAt(r.goType, unsafe.Add(p, r.offset)).Elem()
}
