// Package mysqldialect is rx's MySQL and MariaDB dialect: quoting, column
// types, upsert, row locks and error classification, with no Go driver.
// A pool opened with a driver rx does not recognize names it:
//
//	db, err := rx.Wrap(x, rx.WithDialect(mysqldialect.Dialect{}))
//
// To open mysql:// URLs with rx.Open, import drivers/mysql, which adds
// github.com/go-sql-driver/mysql.
package mysqldialect

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Dialect implements dialect.Dialect for MySQL and MariaDB, and for
// MySQL-protocol clusters such as TiDB and Vitess.
type Dialect struct{}

// Name implements dialect.Dialect.
func (Dialect) Name() string { return "mysql" }

// RefusesLimitInSubquery implements dialect.LimitInSubqueryRefuser.
func (Dialect) RefusesLimitInSubquery() {}

// FulltextIndex implements dialect.FulltextIndexer: MySQL and MariaDB
// have FULLTEXT indexes.
func (Dialect) FulltextIndex() {}

// Placeholder implements dialect.Dialect.
func (Dialect) Placeholder() sq.PlaceholderFormat { return sq.Question }

// Quote implements dialect.Dialect.
func (Dialect) Quote(ident string) string { return "`" + strings.ReplaceAll(ident, "`", "``") + "`" }

// MaxParams implements dialect.Dialect.
func (Dialect) MaxParams() int { return 65535 }

// NoLimit implements dialect.Dialect: MySQL's grammar has no OFFSET without LIMIT.
func (Dialect) NoLimit() string { return "18446744073709551615" }

// LockClause renders FOR UPDATE, or LOCK IN SHARE MODE for a shared lock:
// MariaDB has no FOR SHARE, and MySQL 8 takes both.
func (Dialect) LockClause(l dialect.RowLock) string { return l.SQL("LOCK IN SHARE MODE") }

// ColumnType implements dialect.Dialect. Strings are TEXT unless sized or
// indexed: MySQL indexes only a bounded prefix of TEXT.
func (d Dialect) ColumnType(c *schema.Column) string {
	if t := c.SQLTypeFor(d.Name()); t != "" {
		return t
	}
	keyed := c.Keyed()
	switch c.Kind {
	case schema.KindBool:
		return "BOOLEAN"
	case schema.KindInt8:
		return "TINYINT"
	case schema.KindInt16:
		return "SMALLINT"
	case schema.KindInt32:
		return "INT"
	case schema.KindInt64:
		return "BIGINT"
	case schema.KindUint8:
		return "TINYINT UNSIGNED"
	case schema.KindUint16:
		return "SMALLINT UNSIGNED"
	case schema.KindUint32:
		return "INT UNSIGNED"
	case schema.KindUint64:
		return "BIGINT UNSIGNED"
	case schema.KindFloat32, schema.KindFloat64:
		// Not FLOAT for float32: the text protocol sends a FLOAT with 6
		// significant digits (16777215 reads back as 16777200), and
		// DOUBLE holds every float32 exactly.
		return "DOUBLE"
	case schema.KindString:
		switch {
		case c.Size > 0:
			return "VARCHAR(" + strconv.Itoa(c.Size) + ")"
		case keyed:
			return "VARCHAR(255)"
		}
		return "TEXT"
	case schema.KindBytes:
		switch {
		case c.Size > 0:
			return "VARBINARY(" + strconv.Itoa(c.Size) + ")"
		case keyed:
			return "VARBINARY(255)"
		}
		return "LONGBLOB"
	case schema.KindTime:
		return "DATETIME(6)"
	case schema.KindJSON:
		return "JSON"
	}
	return "TEXT"
}

// AutoIncrement implements dialect.Dialect.
func (Dialect) AutoIncrement() string { return "AUTO_INCREMENT" }

// Returning implements dialect.Dialect: MySQL has no INSERT ... RETURNING, and
// LastInsertId reports the first key of a multi-row insert, whose keys
// are consecutive (steps of auto_increment_increment) under every
// innodb_autoinc_lock_mode for a plain INSERT ... VALUES.
func (Dialect) Returning() bool { return false }

// IDStepQuery implements dialect.Dialect.
func (Dialect) IDStepQuery() string { return "SELECT @@auto_increment_increment" }

// Upsert implements dialect.Dialect. MySQL reacts to a conflict on any unique
// key; "do nothing" assigns the key to itself, which unlike INSERT IGNORE
// does not also swallow other errors, and leaves LastInsertId 0. An update
// passes a generated key through LAST_INSERT_ID(expr), so that
// LastInsertId reports the updated row's key as it does an inserted one's.
func (Dialect) Upsert(b *strings.Builder, _ []string, update []string, pk, generated string) {
	b.WriteString(" ON DUPLICATE KEY UPDATE ")
	if len(update) == 0 {
		b.WriteString(pk + " = " + pk)
		return
	}
	if generated != "" {
		b.WriteString(generated + " = LAST_INSERT_ID(" + generated + "), ")
	}
	for i, c := range update {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = VALUES(" + c + ")")
	}
}

// InList implements dialect.Dialect with one placeholder per value. With
// go-sql-driver/mysql's interpolateParams=true (rx's default) the
// statement goes as text, where the 65,535 placeholders of a prepared
// statement do not apply (the list must still fit max_allowed_packet);
// without it a list is limited to that many values.
func (Dialect) InList(col string, list any, not bool) (string, []any) {
	return dialect.InList(col, list, not)
}

// ILike implements dialect.Dialect. LOWER on both sides: a column's collation
// may be case-sensitive (_bin, _cs), and LIKE follows it.
func (Dialect) ILike(col string, not bool) string { return dialect.LowerLike(col, not) }

// LikeEscape implements dialect.LikeEscaper. The escape is \ by default,
// but a '\' literal is a different string with and without the
// NO_BACKSLASH_ESCAPES sql_mode (and MySQL drops the default escape in
// that mode): CHAR(92) is \ under both.
func (Dialect) LikeEscape() string { return " ESCAPE CHAR(92 USING ascii)" }

// TablesQuery implements dialect.Dialect.
func (Dialect) TablesQuery() string {
	return "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name"
}

// Server error numbers.
const (
	errDupEntry          = 1062
	errDupEntryWithKey   = 1586
	errNoReferencedRow   = 1216 // old servers' forms of the two below
	errRowIsReferenced   = 1217
	errRowIsReferenced2  = 1451 // a delete or update of a parent with children
	errNoReferencedRow2  = 1452 // a child pointing at no parent
	errLockWaitTimeout   = 1205
	errDeadlock          = 1213
	errTiDBWriteConflict = 9007
	errGaleraNotReady    = 1047 // ER_UNKNOWN_COM_ERROR: a Galera node not synced, or rejecting queries
	errOptionPrevents    = 1290 // ER_OPTION_PREVENTS_STATEMENT, such as --read-only
	errReadOnlyTx        = 1792 // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
)

// CheckFloat implements dialect.FloatChecker: MySQL and MariaDB have no NaN or
// infinity in FLOAT and DOUBLE, and with interpolateParams the driver
// would write NaN into the SQL as a bare word, which the server reads as
// a column name.
func (Dialect) CheckFloat(f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return errors.New("MySQL and MariaDB cannot store NaN or infinity")
	}
	return nil
}

// pktTooLarge is the text of go-sql-driver/mysql's ErrPktTooLarge, matched
// as text because this package imports no driver: the driver refuses the
// statement itself, so no server error number carries it.
const pktTooLarge = "packet for query is too large"

// Classify implements dialect.Dialect from the server's error number,
// whichever driver carried it (see dialect.ServerCodeOf).
func (Dialect) Classify(err error) error {
	if strings.Contains(err.Error(), pktTooLarge) {
		return fmt.Errorf("%w: the statement is larger than the server's max_allowed_packet; send smaller values, or raise max_allowed_packet on the server (and reconnect)", err)
	}
	c, ok := dialect.ServerCodeOf(err)
	if !ok {
		return err
	}
	switch c.Number {
	case errDupEntry, errDupEntryWithKey:
		return dialect.Mark(err, dialect.ErrUniqueViolation)
	case errNoReferencedRow, errRowIsReferenced, errRowIsReferenced2, errNoReferencedRow2:
		return dialect.Mark(err, dialect.ErrForeignKeyViolation)
	case errDeadlock, errLockWaitTimeout, errTiDBWriteConflict, errGaleraNotReady:
		return dialect.Mark(err, dialect.ErrRetryable)
	case errReadOnlyTx:
		return dialect.Mark(err, dialect.ErrReadOnly)
	case errOptionPrevents:
		// The same number serves other options (--secure-file-priv,
		// --skip-grant-tables): only read-only and super-read-only qualify.
		if msg := err.Error(); strings.Contains(msg, "read-only") || strings.Contains(msg, "read_only") {
			return dialect.Mark(err, dialect.ErrReadOnly)
		}
	}
	return err
}
