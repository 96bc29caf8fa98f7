// Package sqlitedialect is rx's SQLite dialect: quoting, column types,
// upsert, error classification, with no Go driver. A pool opened with
// another driver (mattn/go-sqlite3, say) names it without linking
// modernc.org/sqlite:
//
//	db, err := rx.Wrap(x, rx.WithDialect(sqlitedialect.Dialect{}))
//
// To open sqlite:// URLs with rx.Open, import drivers/sqlite, which adds
// the pure-Go modernc.org/sqlite.
package sqlitedialect

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Dialect implements dialect.Dialect for SQLite.
type Dialect struct{}

// Name implements dialect.Dialect.
func (Dialect) Name() string { return "sqlite" }

// UpsertWhere implements dialect.PartialIndexer.
func (Dialect) UpsertWhere(b *strings.Builder, conflict []string, where string, update []string) {
	dialect.OnConflictWhere(b, conflict, where, update)
}

// Placeholder implements dialect.Dialect.
func (Dialect) Placeholder() sq.PlaceholderFormat { return sq.Question }

// Quote implements dialect.Dialect.
func (Dialect) Quote(ident string) string { return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"` }

// MaxParams implements dialect.Dialect: SQLITE_MAX_VARIABLE_NUMBER.
func (Dialect) MaxParams() int { return 32766 }

// NoLimit implements dialect.Dialect: the largest LIMIT, rather than SQLite's
// own -1, so that the squirrel builder (whose Limit is unsigned) renders
// the very same SQL as rx.
func (Dialect) NoLimit() string { return "9223372036854775807" }

// LockClause is empty: SQLite has no row locks, and rx begins read-write
// sessions with BEGIN IMMEDIATE, which keeps every other writer out until
// the session ends.
func (Dialect) LockClause(dialect.RowLock) string { return "" }

// ColumnType implements dialect.Dialect. SQLite stores by affinity; the names
// are chosen so the driver converts DATETIME back to time.Time.
func (d Dialect) ColumnType(c *schema.Column) string {
	if t := c.SQLTypeFor(d.Name()); t != "" {
		return t
	}
	switch c.Kind {
	case schema.KindBool:
		return "BOOLEAN"
	case schema.KindFloat32, schema.KindFloat64:
		return "REAL"
	case schema.KindString:
		if c.Size > 0 {
			return "VARCHAR(" + strconv.Itoa(c.Size) + ")"
		}
		return "TEXT"
	case schema.KindBytes:
		return "BLOB"
	case schema.KindTime:
		return "DATETIME"
	case schema.KindJSON:
		return "TEXT"
	}
	return "INTEGER" // every integer; INTEGER PRIMARY KEY is the rowid
}

// AutoIncrement implements dialect.Dialect: an INTEGER PRIMARY KEY generates
// its values by itself.
func (Dialect) AutoIncrement() string { return "" }

// Returning implements dialect.Dialect.
func (Dialect) Returning() bool { return true }

// OneRowLastInsertID implements dialect.OneRowLastInsertID: SQLite's
// LastInsertId is the rowid of the row just inserted.
func (Dialect) OneRowLastInsertID() {}

// IDStepQuery implements dialect.Dialect.
func (Dialect) IDStepQuery() string { return "" }

// Upsert implements dialect.Dialect.
func (Dialect) Upsert(b *strings.Builder, conflict, update []string, _, _ string) {
	dialect.OnConflict(b, conflict, update)
}

// InList implements dialect.Dialect: a list of numbers, strings and booleans
// is one JSON array parameter read with json_each, so a list of any length
// fits SQLite's limit on variables. Other values (times, blobs, values
// of a driver.Valuer) keep one placeholder each, for the driver to
// convert.
func (Dialect) InList(col string, list any, not bool) (string, []any) {
	text, ok := jsonList(list)
	if !ok {
		return dialect.InList(col, list, not)
	}
	op := " IN "
	if not {
		op = " NOT IN "
	}
	return col + op + "(SELECT value FROM json_each(?))", []any{text}
}

// jsonList encodes list as a JSON array whose elements json_each reads
// back as the values the driver would have bound: integers within int64,
// finite floats, valid UTF-8 text and booleans (1 and 0 to SQLite).
func jsonList(list any) (string, bool) {
	v := reflect.ValueOf(list)
	vals := make([]any, v.Len())
	for i := range vals {
		e := v.Index(i)
		if e.Kind() == reflect.Interface {
			e = e.Elem()
		}
		if !e.IsValid() || e.Type().Implements(valuerType) {
			return "", false
		}
		switch e.Kind() {
		case reflect.Bool:
			vals[i] = e.Bool()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			vals[i] = e.Int()
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			if e.Uint() > math.MaxInt64 {
				return "", false
			}
			vals[i] = e.Uint()
		case reflect.Float32, reflect.Float64:
			if f := e.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
				return "", false
			}
			vals[i] = e.Float()
		case reflect.String:
			if !utf8.ValidString(e.String()) {
				return "", false
			}
			vals[i] = e.String()
		default:
			return "", false
		}
	}
	b, err := json.Marshal(vals)
	if err != nil {
		return "", false
	}
	return string(b), true
}

var valuerType = reflect.TypeFor[driver.Valuer]()

// ILike implements dialect.Dialect. SQLite's LOWER, like its LIKE, folds
// ASCII letters only.
func (Dialect) ILike(col string, not bool) string { return dialect.LowerLike(col, not) }

// LikeEscape implements dialect.LikeEscaper: SQLite's LIKE has no escape
// character unless told one.
func (Dialect) LikeEscape() string { return ` ESCAPE '\'` }

// TablesQuery implements dialect.Dialect.
func (Dialect) TablesQuery() string {
	return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
}

// ReadOnlyOn implements dialect.ReadOnlyGuard: SQLite's driver starts a
// read-only transaction like any other, so the connection is told to
// refuse writes for the session's duration.
func (Dialect) ReadOnlyOn() string { return "PRAGMA query_only = ON" }

// ReadOnlyOff implements dialect.ReadOnlyGuard.
func (Dialect) ReadOnlyOff() string { return "PRAGMA query_only = OFF" }

// ReadOnlyState implements dialect.ReadOnlyGuard.
func (Dialect) ReadOnlyState() string { return "PRAGMA query_only" }

// SQLite result codes (sqlite3.h).
const (
	codeBusy             = 5
	codeLocked           = 6
	codeReadOnly         = 8
	codeConstraintPK     = 1555
	codeConstraintUnique = 2067
	codeConstraintFK     = 787
	// SQLITE_CONSTRAINT_TRIGGER: an ON DELETE/UPDATE RESTRICT action, and
	// a trigger's RAISE, which the message tells apart.
	codeConstraintTrigger = 1811
)

// CheckFloat implements dialect.FloatChecker: SQLite stores a NaN as NULL, so
// it would come back as NULL, or fail a NOT NULL constraint that the
// program never broke. Infinities are stored and read back.
func (Dialect) CheckFloat(f float64) error {
	if math.IsNaN(f) {
		return errors.New("SQLite stores NaN as NULL")
	}
	return nil
}

// Classify implements dialect.Dialect from SQLite's extended result code,
// whichever driver carried it (modernc.org/sqlite, mattn/go-sqlite3; see
// dialect.ServerCodeOf).
func (Dialect) Classify(err error) error {
	c, ok := dialect.ServerCodeOf(err)
	if !ok {
		return err
	}
	switch code := c.Number; {
	case code == codeConstraintUnique || code == codeConstraintPK:
		return dialect.Mark(err, dialect.ErrUniqueViolation)
	case code == codeConstraintFK,
		code == codeConstraintTrigger && strings.Contains(err.Error(), "FOREIGN KEY constraint failed"):
		return dialect.Mark(err, dialect.ErrForeignKeyViolation)
	case code&0xff == codeBusy || code&0xff == codeLocked:
		return dialect.Mark(err, dialect.ErrRetryable)
	case code&0xff == codeReadOnly: // a read-only file, or PRAGMA query_only (ReadOnly sessions)
		return dialect.Mark(err, dialect.ErrReadOnly)
	}
	return err
}

// ForwardReferences implements dialect.ForwardReferencer: SQLite checks a
// foreign key only when rows change, so CREATE TABLE may reference a
// table created later, and has no ALTER TABLE ADD CONSTRAINT.
func (Dialect) ForwardReferences() {}
