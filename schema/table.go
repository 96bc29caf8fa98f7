package schema

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unsafe"
)

// Kind is the portable type of a column, which each dialect maps to its
// own column type.
type Kind uint8

// The column kinds.
const (
	KindBool Kind = iota + 1
	KindInt8
	KindInt16
	KindInt32
	KindInt64
	KindUint8
	KindUint16
	KindUint32
	KindUint64
	KindFloat32
	KindFloat64
	KindString
	KindBytes
	KindTime
	KindJSON
)

var kindNames = [...]string{"", "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64", "string", "bytes", "time", "json"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Column is the metadata of one mapped struct field.
type Column struct {
	Name          string       // column name
	Field         string       // Go field path, such as "Model.ID"
	GoType        reflect.Type // the field's type
	Kind          Kind
	Nullable      bool // pointer, sql.Null* or a pointer-typed JSON field
	PrimaryKey    bool // rx:"pk"
	AutoIncrement bool // rx:"autoincrement", or the ID of rx.Model
	Version       bool // rx:"version", the optimistic-locking counter
	Unique        bool // rx:"unique"
	Index         bool // rx:"index"
	Fulltext      bool // rx:"fulltext": a MySQL/MariaDB FULLTEXT index of the column
	// Check is the expression of the column's CHECK constraint
	// (rx:"check=price > 0"), named ck_<table>_<column>.
	Check      string
	HasCheck   bool
	Size       int    // rx:"size=N", 0 when unset
	SQLType    string // rx:"type=...", overrides the dialect's choice
	Default    string // rx:"default=...", an SQL expression
	HasDefault bool
	// Was lists the names the column had before (rx:"was=old_name",
	// several as was=a|b), so that migrations rename it instead of
	// dropping it and adding a new one.
	Was        []string
	ForeignKey *ForeignKey // rx:"fk=table.column", or nil
	AutoCreate bool        // rx:"autocreate": set to the time of insert
	AutoUpdate bool        // rx:"autoupdate": set to the time of every write
	// SoftDelete: rx:"softdelete", the time the row was deleted, NULL
	// while it is not (Table.SoftDelete).
	SoftDelete bool
	// Live: rx:"live", the column's unique indexes hold only the rows not
	// soft-deleted (Index.Live).
	Live bool
	// Collate is the column's collation (rx:"collate=utf8mb4_bin"), ""
	// for the table's; collate.<dialect>= overrides it (CollateFor).
	Collate string
	// UpdateExpr is MySQL's ON UPDATE expression of the column
	// (rx:"update=CURRENT_TIMESTAMP"), which the server sets on every
	// UPDATE of the row; SQLite and PostgreSQL have none.
	UpdateExpr string

	overrides map[string]string // option.<dialect> -> value (dialectopts.go)

	indexes []indexMember // rx:"index=name", "unique=name", "fulltext=name"
	offset  uintptr
	value   func(p unsafe.Pointer) any // the field's value, ready to bind
	dest    func(p unsafe.Pointer) any // a Scan destination for the field
	// userScan: scanning the field runs code of the field's type (a
	// sql.Scanner, a JSON decoder), which may panic.
	userScan bool
}

// Table is the metadata of a model type, read by reflection once and
// shared by every later call. (migrate.Table is another thing: a table as
// migrations compare it, with normalized SQL types and no Go type.)
type Table struct {
	Name          string       // table name
	GoType        reflect.Type // the struct type
	Columns       []*Column    // in field order
	PrimaryKey    []*Column
	AutoIncrement *Column // the generated key, or nil
	Version       *Column // the optimistic-locking counter (rx:"version"), or nil
	// SoftDelete is the rx:"softdelete" column, or nil: rx's Delete sets
	// it to the time of the delete, and its queries skip the rows where it
	// is not NULL.
	SoftDelete *Column

	// TableChecks are CHECK constraints beyond the fields' own
	// (rx:"check=..."): migrations fill it with a live table's
	// constraints when they render its DDL.
	TableChecks []Check

	byName    map[string]*Column
	relations []*Relation // fields that hold related models, not columns
	named     []Index     // the named (composite) indexes, see buildIndexes
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column { return t.byName[name] }

// Model is the Go type name, for messages.
func (t *Table) Model() string { return t.GoType.Name() }

// tableNamer is rx.TableNamer: a model that chooses its table name.
type tableNamer interface{ TableName() string }

var registry struct {
	sync.Mutex
	byType sync.Map            // reflect.Type -> *Table
	order  []*Table            // one per table: its definition (views.go)
	defs   map[string]*Table   // table name -> its definition
	models map[string][]*Table // table name -> its models, in registration order
}

// Register reads and caches the metadata of each model (a struct or a
// pointer to one), reporting the first model that cannot be mapped.
// Registration also happens lazily on first use; calling it at start-up
// surfaces mistakes early and makes the models visible to Models.
func Register(models ...any) error {
	tables, err := tablesOf(models)
	if err != nil {
		return err
	}
	// Relations name other models, which may come later in the list:
	// they are checked once all of them are known.
	for _, t := range tables {
		if err := t.ResolveRelations(); err != nil {
			return err
		}
	}
	return nil
}

// tablesOf returns the metadata of each model, registering it.
func tablesOf(models []any) ([]*Table, error) {
	tables := make([]*Table, 0, len(models))
	for _, m := range models {
		t, err := TableOf(m)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}

// Models lists the registered models' metadata in registration order,
// one per table: its definition (see Definition), not its other models.
func Models() []*Table {
	registry.Lock()
	defer registry.Unlock()
	return append([]*Table(nil), registry.order...)
}

// TableOf returns the metadata of model's type, reading it on first use.
// model is a struct, a pointer to one, or a reflect.Type of either.
func TableOf(model any) (*Table, error) {
	t, ok := model.(reflect.Type)
	if !ok {
		t = reflect.TypeOf(model)
	}
	return tableOfType(t)
}

func tableOfType(t reflect.Type) (*Table, error) {
	if t == nil {
		return nil, &ModelError{Model: "<nil>", Reason: "a model must be a struct or a pointer to one, got nil"}
	}
	if v, ok := registry.byType.Load(t); ok {
		return v.(*Table), nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v, ok := registry.byType.Load(t); ok {
		return v.(*Table), nil
	}
	registry.Lock()
	defer registry.Unlock()
	if v, ok := registry.byType.Load(t); ok {
		return v.(*Table), nil
	}
	tbl, err := buildTable(t)
	if err != nil {
		return nil, err
	}
	if err := checkForeignKeysOnRegister(tbl, registry.order); err != nil {
		return nil, err
	}
	if err := addDefinition(tbl); err != nil {
		return nil, err
	}
	registry.byType.Store(t, tbl)
	registry.byType.Store(reflect.PointerTo(t), tbl)
	return tbl, nil
}

var tableNamerType = reflect.TypeFor[tableNamer]()

func buildTable(t reflect.Type) (*Table, error) {
	if t.Kind() != reflect.Struct {
		return nil, &ModelError{Model: t.String(), Reason: "a model must be a struct or a pointer to one"}
	}
	tbl := &Table{GoType: t, byName: map[string]*Column{}}
	switch {
	case t.Implements(tableNamerType):
		tbl.Name = reflect.Zero(t).Interface().(tableNamer).TableName()
	case reflect.PointerTo(t).Implements(tableNamerType):
		tbl.Name = reflect.New(t).Interface().(tableNamer).TableName()
	default:
		tbl.Name = SnakeCase(t.Name())
	}
	if !ValidIdent(tbl.Name) {
		return nil, &ModelError{Model: t.String(), Reason: fmt.Sprintf("table name %q must be letters, digits and underscores, not starting with a digit", tbl.Name)}
	}
	if err := addFields(tbl, t, 0, ""); err != nil {
		return nil, err
	}
	if len(tbl.Columns) == 0 {
		return nil, &ModelError{Model: t.String(), Reason: "no exported fields to map"}
	}
	conventionalKey(tbl)
	for _, c := range tbl.Columns {
		if c.PrimaryKey {
			tbl.PrimaryKey = append(tbl.PrimaryKey, c)
		}
		if c.AutoIncrement {
			if tbl.AutoIncrement != nil {
				return nil, &ModelError{Model: t.String(), Field: c.Field, Reason: "only one column can be autoincrement"}
			}
			if !c.PrimaryKey || c.Kind < KindInt8 || c.Kind > KindUint64 || c.Nullable {
				return nil, &ModelError{Model: t.String(), Field: c.Field, Reason: "autoincrement needs a non-nullable integer primary key"}
			}
			tbl.AutoIncrement = c
		}
		if c.Version {
			if tbl.Version != nil {
				return nil, &ModelError{Model: t.String(), Field: c.Field, Reason: "only one column can be the version (also " + tbl.Version.Field + ")"}
			}
			if c.PrimaryKey || c.Kind < KindInt8 || c.Kind > KindUint64 || c.Nullable {
				return nil, &ModelError{Model: t.String(), Field: c.Field, Reason: "version needs a non-nullable integer field that is not part of the key, such as `Version int64 rx:\"version\"`"}
			}
			tbl.Version = c
		}
	}
	if len(tbl.PrimaryKey) == 0 {
		return nil, &ModelError{Model: t.String(), Reason: "no primary key: embed rx.Model, name the key field ID (or tag it db:\"id\"), or tag the key field(s) `rx:\"pk\"`"}
	}
	if tbl.AutoIncrement != nil && len(tbl.PrimaryKey) > 1 {
		return nil, &ModelError{Model: t.String(), Field: tbl.AutoIncrement.Field, Reason: "an autoincrement key cannot be part of a composite primary key"}
	}
	if err := buildIndexes(tbl); err != nil {
		return nil, err
	}
	if err := finishTable(tbl); err != nil {
		return nil, err
	}
	if err := softDelete(tbl); err != nil {
		return nil, err
	}
	return tbl, nil
}

// conventionalKey makes the column named id, else the field named ID,
// the primary key of a model that marks none, as GORM does, so that
// structs written for sqlx map without new tags. An integer one is
// generated by the database, as rx.Model's is; tag it rx:"pk" to keep
// it a plain key the application sets.
func conventionalKey(tbl *Table) {
	var key *Column
	for _, c := range tbl.Columns {
		if c.PrimaryKey {
			return
		}
		if c.Name == "id" || key == nil && c.Field[strings.LastIndexByte(c.Field, '.')+1:] == "ID" {
			key = c
		}
	}
	if key == nil {
		return
	}
	key.PrimaryKey = true
	if key.Kind >= KindInt8 && key.Kind <= KindUint64 && !key.Nullable && key.SQLType == "" && !key.hasOverride("type") {
		for _, c := range tbl.Columns {
			if c.AutoIncrement {
				return
			}
		}
		key.AutoIncrement = true
	}
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	bytesType   = reflect.TypeFor[[]byte]()
	scannerType = reflect.TypeFor[sql.Scanner]()
	valuerType  = reflect.TypeFor[driver.Valuer]()
)

func addFields(tbl *Table, t reflect.Type, base uintptr, prefix string) error {
	model := tbl.GoType.String()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		path := prefix + f.Name
		ft := ReadFieldTags(f.Name, f.Tag)
		if ft.Skip {
			continue
		}
		if f.Anonymous && ft.Untagged {
			ft := f.Type
			if ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct {
				return &ModelError{Model: model, Field: path, Reason: "embedded struct pointers are not supported; embed the struct by value"}
			}
			if ft.Kind() == reflect.Struct && ft != timeType && !implementsScanner(ft) {
				if err := addFields(tbl, ft, base+f.Offset, path+"."); err != nil {
					return err
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		rxTag := f.Tag.Get("rx")
		if isRelationField(f, ft) {
			rel, err := newRelation(tbl, f, base+f.Offset, path, rxTag)
			if err != nil {
				return err
			}
			tbl.relations = append(tbl.relations, rel)
			continue
		}
		col := &Column{Name: ft.Name, Field: path, GoType: f.Type, offset: base + f.Offset}
		if !ValidIdent(col.Name) {
			return &ModelError{Model: model, Field: path, Reason: fmt.Sprintf("column name %q must be letters, digits and underscores, not starting with a digit", col.Name)}
		}
		if err := parseOptions(col, rxTag); err != nil {
			return &ModelError{Model: model, Field: path, Reason: err.Error()}
		}
		if err := setKind(col); err != nil {
			return &ModelError{Model: model, Field: path, Reason: err.Error()}
		}
		if prev := tbl.byName[col.Name]; prev != nil {
			return &ModelError{Model: model, Field: path, Reason: fmt.Sprintf("column %q is also mapped by field %s", col.Name, prev.Field)}
		}
		bindAccessors(col)
		tbl.byName[col.Name] = col
		tbl.Columns = append(tbl.Columns, col)
	}
	return nil
}

// flagOptions are the rx tag options without a value.
var flagOptions = map[string]func(c *Column){
	"pk":            func(c *Column) { c.PrimaryKey = true },
	"primarykey":    func(c *Column) { c.PrimaryKey = true },
	"primary_key":   func(c *Column) { c.PrimaryKey = true },
	"autoincrement": func(c *Column) { c.AutoIncrement = true },
	"version":       func(c *Column) { c.Version = true },
	"unique":        func(c *Column) { c.Unique = true },
	"index":         func(c *Column) { c.Index = true },
	"fulltext":      func(c *Column) { c.Fulltext = true },
	"json":          func(c *Column) { c.Kind = KindJSON },
	"null":          func(c *Column) { c.Nullable = true },
	"nullable":      func(c *Column) { c.Nullable = true },
	"autocreate":    func(c *Column) { c.AutoCreate = true },
	"autoupdate":    func(c *Column) { c.AutoUpdate = true },
	"softdelete":    func(c *Column) { c.SoftDelete = true },
	"live":          func(c *Column) { c.Live = true },
}

func parseOptions(c *Column, tag string) error {
	if tag == "" {
		return nil
	}
	for _, opt := range splitOptions(tag) {
		key, val, hasVal := strings.Cut(opt, "=")
		key = strings.TrimSpace(key)
		if set, ok := flagOptions[key]; ok && !hasVal {
			set(c)
			continue
		}
		switch key {
		case "index", "unique", "fulltext":
			if err := parseIndexOption(c, key, val); err != nil {
				return err
			}
		case "check":
			c.Check, c.HasCheck = strings.TrimSpace(val), true
		case "size":
			n, err := strconv.Atoi(val)
			if !hasVal || err != nil || n <= 0 {
				return fmt.Errorf("size needs a positive whole number, as in rx:\"size=64\"; got %q", opt)
			}
			c.Size = n
		case "type":
			if strings.TrimSpace(val) == "" {
				return fmt.Errorf("type needs a column type, as in rx:\"type=NUMERIC(10,2)\"")
			}
			c.SQLType = strings.TrimSpace(val)
		case "default":
			if !hasVal {
				return fmt.Errorf("default needs an SQL expression, as in rx:\"default=0\"")
			}
			c.Default, c.HasDefault = val, true
		case "was":
			for _, n := range strings.Split(val, "|") {
				n = strings.TrimSpace(n)
				if n == "" {
					return fmt.Errorf("was needs the column's old name, as in rx:\"was=old_name\"; got %q", opt)
				}
				c.Was = append(c.Was, n)
			}
		case "fk", "ondelete", "onupdate":
			if err := parseForeignKeyOption(c, key, val); err != nil {
				return err
			}
		case "collate", "update":
			if err := parseColumnSQLOption(c, key, val); err != nil {
				return err
			}
		case "":
		default:
			if err := parseOtherOption(c, opt, key, val, hasVal); err != nil {
				return err
			}
		}
	}
	return nil
}

// parseOtherOption takes a per-dialect option (type.postgres=...) or
// refuses opt, naming what is wrong: a flag given a value, or an unknown
// option with the list of known ones.
func parseOtherOption(c *Column, opt, key, val string, hasVal bool) error {
	if ok, err := parseDialectOption(c, key, val, hasVal); ok {
		return err
	}
	if _, ok := flagOptions[key]; ok {
		return fmt.Errorf("rx tag option %s takes no value; got %q", key, opt)
	}
	return fmt.Errorf("unknown rx tag option %q (known: pk, autoincrement, version, unique, unique=ux_name[:N], index, index=ix_name[:N], fulltext, fulltext=ft_name[:N], check=..., size=N, default=..., type=..., collate=..., update=..., was=..., json, null, fk=table.column, ondelete=..., onupdate=..., autocreate, autoupdate, softdelete, live, -; type, default and collate also per dialect, as type.postgres=...)", key)
}

// splitOptions splits on commas outside parentheses and quotes, so that
// type=NUMERIC(10,2) and default='a,b' stay whole.
func splitOptions(tag string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(tag); i++ {
		ch := tag[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '(':
			depth++
		case ch == ')':
			depth--
		case ch == ',' && depth == 0:
			out = append(out, tag[start:i])
			start = i + 1
		}
	}
	return append(out, tag[start:])
}

func implementsScanner(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(scannerType)
}

// setKind sets Kind and Nullable from the Go type.
func setKind(c *Column) error {
	t := c.GoType
	if c.Kind == KindJSON {
		switch t.Kind() {
		case reflect.Struct, reflect.Map, reflect.Slice, reflect.Array, reflect.Pointer, reflect.Interface:
		default:
			return fmt.Errorf("json needs a struct, map, slice or pointer field, not %s", t)
		}
		if t.Kind() == reflect.Pointer {
			c.Nullable = true
		}
		return nil
	}
	if t.Kind() == reflect.Pointer {
		c.Nullable = true
		t = t.Elem()
		if t.Kind() == reflect.Pointer {
			return fmt.Errorf("unsupported type %s: use a single pointer for a nullable column", c.GoType)
		}
	}
	if implementsScanner(t) {
		if !t.Implements(valuerType) && !reflect.PointerTo(t).Implements(valuerType) {
			return fmt.Errorf("type %s implements sql.Scanner but not driver.Valuer", t)
		}
		if k, ok := nullKind(t); ok {
			c.Kind, c.Nullable = k, true
			return nil
		}
		if c.SQLType == "" {
			// A custom scanner's storage is unknown; text holds what
			// most of them (UUIDs, decimals, enums) produce.
			c.Kind = KindString
		} else {
			c.Kind = kindOf(t)
			if c.Kind == 0 {
				c.Kind = KindString
			}
		}
		return nil
	}
	c.Kind = kindOf(t)
	if c.Kind == 0 {
		return fmt.Errorf("rx cannot map type %s to a column: tag the field `rx:\"-\"` if it is not a column (other code fills it), or `rx:\"json\"` to store it as JSON (columns are basic types, time.Time, []byte, pointers, sql.Null*, sql.Scanner)", c.GoType)
	}
	return nil
}

func kindOf(t reflect.Type) Kind {
	if t == timeType {
		return KindTime
	}
	if t == bytesType || t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		return KindBytes
	}
	if int(t.Kind()) < len(kindOfReflect) {
		return kindOfReflect[t.Kind()]
	}
	return 0
}

// kindOfReflect maps the reflect kinds of basic types to column kinds; the
// others map to 0, no column.
var kindOfReflect = [...]Kind{
	reflect.Bool:    KindBool,
	reflect.Int8:    KindInt8,
	reflect.Int16:   KindInt16,
	reflect.Int32:   KindInt32,
	reflect.Int:     KindInt64,
	reflect.Int64:   KindInt64,
	reflect.Uint8:   KindUint8,
	reflect.Uint16:  KindUint16,
	reflect.Uint32:  KindUint32,
	reflect.Uint:    KindUint64,
	reflect.Uint64:  KindUint64,
	reflect.Float32: KindFloat32,
	reflect.Float64: KindFloat64,
	reflect.String:  KindString,
}

// nullKind maps sql.NullString and friends, and sql.Null[T], to the kind
// of the value they wrap.
func nullKind(t reflect.Type) (Kind, bool) {
	if t.PkgPath() != "database/sql" || !strings.HasPrefix(t.Name(), "Null") || t.Kind() != reflect.Struct || t.NumField() != 2 {
		return 0, false
	}
	k := kindOf(t.Field(0).Type)
	return k, k != 0
}

// SnakeCase converts a Go name to snake_case: UserID -> user_id,
// HTTPServer -> http_server.
func SnakeCase(s string) string {
	runes := []rune(s)
	var b strings.Builder
	for i, r := range runes {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1]) ||
				i+1 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsUpper(runes[i-1])) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ValidIdent accepts the identifiers rx generates and checks caller input
// against: ASCII letters, digits and underscores, not starting with a
// digit, at most 63 bytes (PostgreSQL's limit).
func ValidIdent(s string) bool {
	if s == "" || len(s) > 63 {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch == '_' || 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || i > 0 && '0' <= ch && ch <= '9' {
			continue
		}
		return false
	}
	return true
}

// columnNames returns the names of cols.
func columnNames(cols []*Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func sortedColumnNames(t *Table) string {
	names := columnNames(t.Columns)
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func containsColumn(cols []*Column, c *Column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

// Lookup returns the definition (see Definition) of the registered
// models whose table is name, or nil.
func Lookup(name string) *Table {
	registry.Lock()
	defer registry.Unlock()
	for _, t := range registry.order {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// structs caches the column metadata of structs that are not models,
// which rx's Query and Scan read rows into: reflect.Type -> *Table.
var structs sync.Map

// StructOf returns the column metadata of any struct type t: a registered
// model's Table, or else a Table with the struct's columns, named and
// typed as a model's would be, but no table name and no key. It is cached
// per type like a model's.
func StructOf(t reflect.Type) (*Table, error) {
	if v, ok := registry.byType.Load(t); ok {
		return v.(*Table), nil
	}
	if v, ok := structs.Load(t); ok {
		return v.(*Table), nil
	}
	if t.Kind() != reflect.Struct {
		return nil, &ModelError{Model: t.String(), Reason: "rows scan into a struct"}
	}
	tbl := &Table{GoType: t, byName: map[string]*Column{}}
	if err := addFields(tbl, t, 0, ""); err != nil {
		return nil, err
	}
	if len(tbl.Columns) == 0 {
		return nil, &ModelError{Model: t.String(), Reason: "no exported fields to scan into"}
	}
	v, _ := structs.LoadOrStore(t, tbl)
	return v.(*Table), nil
}

// SingleKey is t's primary key column, or nil for a composite key.
func (t *Table) SingleKey() *Column {
	if len(t.PrimaryKey) == 1 {
		return t.PrimaryKey[0]
	}
	return nil
}
