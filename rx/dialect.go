package rx

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/schema"
)

// Dialect carries everything that differs between databases in SQL:
// quoting, placeholders, column types, upsert, row locks, introspection
// and the classification of errors. The packages under dialect/
// implement it without importing any Go driver, so an application that
// brings its own (lib/pq, mattn/go-sqlite3) names one with WithDialect
// and links no other. Nothing outside a Dialect branches on the database.
type Dialect interface {
	// Name is the dialect's short name: "sqlite", "mysql" or "postgres".
	Name() string

	// Placeholder is the bind-parameter style.
	Placeholder() sq.PlaceholderFormat
	// Quote quotes an identifier.
	Quote(ident string) string
	// MaxParams is the largest number of bind parameters per statement.
	MaxParams() int
	// NoLimit is the LIMIT value that means "all rows", for an OFFSET
	// without LIMIT on databases whose grammar requires both; "" if none.
	// It must be an unsigned number, so that Builder's squirrel rendering
	// is the same SQL.
	NoLimit() string

	// ColumnType is the column type for c in CREATE TABLE.
	ColumnType(c *schema.Column) string
	// AutoIncrement is the clause, after NOT NULL, that makes an integer
	// primary key generate its values ("" when the type implies it).
	AutoIncrement() string
	// Returning reports whether INSERT ... RETURNING hands back generated
	// keys. When false, rx reads LastInsertId as the first key of a
	// multi-row insert and steps by IDStepQuery's answer.
	Returning() bool
	// IDStepQuery returns the query for the auto-increment step of a
	// LastInsertId dialect, or "".
	IDStepQuery() string
	// Upsert appends the conflict clause of an INSERT: conflict are the
	// quoted key columns, update the quoted columns to overwrite (none
	// means do nothing), pk the quoted first primary key column, generated
	// the quoted auto-increment key column or "". On a dialect without
	// Returning, the clause must leave LastInsertId reporting the key of
	// a single row it updates (MySQL: generated = LAST_INSERT_ID(generated)),
	// and 0 when it writes nothing: rx sets the model's key from it.
	Upsert(b *strings.Builder, conflict, update []string, pk, generated string)
	// LockClause renders a SELECT's row-locking clause, appended after
	// LIMIT and OFFSET ("FOR UPDATE SKIP LOCKED"), or "" for a database
	// whose write transactions already exclude each other (SQLite).
	LockClause(l RowLock) string
	// InList renders col IN the values of list, a slice or array of at
	// least one value (NOT IN when not is set), with ? placeholders, and
	// returns the arguments to bind. A dialect that can bind the whole
	// list as one parameter does, so that a list of any length fits the
	// statement's parameter limit; InList (the function) renders one
	// placeholder per value.
	InList(col string, list any, not bool) (string, []any)
	// ILike renders a case-insensitive LIKE of col against one ?
	// parameter (NOT LIKE when not is set), for rx.ILike: ILIKE where the
	// database has it, LOWER(col) LIKE LOWER(?) otherwise.
	ILike(col string, not bool) string
	// TablesQuery lists the tables of the current database or schema,
	// one name per row.
	TablesQuery() string

	// Classify marks server errors with ErrUniqueViolation,
	// ErrForeignKeyViolation or ErrRetryable
	// (see Mark) and returns other errors unchanged.
	Classify(err error) error
}

// A scheme that rx knows, and the package that serves it.
var knownSchemes = map[string]string{
	"sqlite":     "github.com/rxgo/rxdb/drivers/sqlite",
	"sqlite3":    "github.com/rxgo/rxdb/drivers/sqlite",
	"mysql":      "github.com/rxgo/rxdb/drivers/mysql",
	"mariadb":    "github.com/rxgo/rxdb/drivers/mysql",
	"postgresql": "github.com/rxgo/rxdb/drivers/postgres",
	"postgres":   "github.com/rxgo/rxdb/drivers/postgres",
}

// Driver opens a Dialect's databases through a Go database/sql driver.
// The packages under drivers/ implement it and register it with
// RegisterDriver from an init function, so that a blank import enables
// a database's URLs for Open, and Wrap recognizes its pools, the way a
// blank import does with database/sql.
type Driver interface {
	// Dialect is the SQL flavour of the databases the driver reaches.
	Dialect() Dialect
	// Schemes are the URL schemes the driver serves, such as "postgresql".
	Schemes() []string
	// Connector turns a parsed database URL into a driver connector with
	// the recommended settings applied.
	Connector(u *url.URL) (driver.Connector, error)
	// ConfigurePool applies pool limits the database needs (an in-memory
	// SQLite database must live on exactly one connection).
	ConfigurePool(db *sql.DB, u *url.URL)
	// Recognizes reports whether d is this package's database/sql driver,
	// so Wrap can find the dialect of an existing pool.
	Recognizes(d driver.Driver) bool
}

var drivers struct {
	sync.RWMutex
	byScheme map[string]Driver
	all      []Driver
}

// RegisterDriver makes d available for the URL schemes it names. Driver
// packages call it from init; it panics on a scheme registered twice, as
// sql.Register does.
func RegisterDriver(d Driver) {
	drivers.Lock()
	defer drivers.Unlock()
	if drivers.byScheme == nil {
		drivers.byScheme = map[string]Driver{}
	}
	for _, s := range d.Schemes() {
		if _, dup := drivers.byScheme[s]; dup {
			panic("rx: RegisterDriver called twice for scheme " + s)
		}
		drivers.byScheme[s] = d
	}
	drivers.all = append(drivers.all, d)
}

func driverForScheme(scheme string) (Driver, error) {
	drivers.RLock()
	d := drivers.byScheme[scheme]
	drivers.RUnlock()
	if d != nil {
		return d, nil
	}
	if pkg, ok := knownSchemes[scheme]; ok {
		return nil, fmt.Errorf("rx: no driver for %q URLs is loaded: add `import _ %q` to your program", scheme, pkg)
	}
	schemes := make([]string, 0, len(knownSchemes))
	for s := range knownSchemes {
		schemes = append(schemes, s)
	}
	sort.Strings(schemes)
	for i := range schemes {
		schemes[i] += "://"
	}
	return nil, fmt.Errorf("rx: unsupported database URL scheme %q: use one of %s", scheme, strings.Join(schemes, ", "))
}

func dialectForDriver(drv driver.Driver) Dialect {
	drivers.RLock()
	defer drivers.RUnlock()
	for _, d := range drivers.all {
		if d.Recognizes(drv) {
			return d.Dialect()
		}
	}
	return nil
}

// OnConflict writes the standard ON CONFLICT clause (SQLite, PostgreSQL)
// for a Dialect's Upsert.
func OnConflict(b *strings.Builder, conflict, update []string) {
	b.WriteString(" ON CONFLICT")
	if len(conflict) > 0 {
		b.WriteString(" (" + strings.Join(conflict, ", ") + ")")
	}
	if len(update) == 0 {
		b.WriteString(" DO NOTHING")
		return
	}
	b.WriteString(" DO UPDATE SET ")
	for i, c := range update {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = excluded." + c)
	}
}

// InList writes the portable IN list, one placeholder per value, for a
// Dialect's InList.
func InList(col string, list any, not bool) (string, []any) {
	args := ListValues(list)
	op := " IN ("
	if not {
		op = " NOT IN ("
	}
	var b strings.Builder
	b.Grow(len(col) + len(op) + 3*len(args))
	b.WriteString(col)
	b.WriteString(op)
	for i := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('?')
	}
	b.WriteByte(')')
	return b.String(), args
}

// ListValues returns the elements of list, a slice or an array.
func ListValues(list any) []any {
	v := reflect.ValueOf(list)
	out := make([]any, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface()
	}
	return out
}

// LowerLike writes the portable case-insensitive LIKE, for a Dialect's
// ILike on a database without ILIKE.
func LowerLike(col string, not bool) string {
	if not {
		return "LOWER(" + col + ") NOT LIKE LOWER(?)"
	}
	return "LOWER(" + col + ") LIKE LOWER(?)"
}
