package mysqldialect_test

import (
	"errors"
	"fmt"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/rxgo/rxdb/dialect/mysqldialect"
	"github.com/rxgo/rxdb/rx"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		number uint16
		want   error // nil: not classified
	}{
		{1062, rx.ErrUniqueViolation},     // ER_DUP_ENTRY
		{1586, rx.ErrUniqueViolation},     // ER_DUP_ENTRY_WITH_KEY_NAME
		{1213, rx.ErrRetryable},           // ER_LOCK_DEADLOCK
		{1205, rx.ErrRetryable},           // ER_LOCK_WAIT_TIMEOUT
		{9007, rx.ErrRetryable},           // TiDB write conflict
		{1452, rx.ErrForeignKeyViolation}, // ER_NO_REFERENCED_ROW_2
		{1451, rx.ErrForeignKeyViolation}, // ER_ROW_IS_REFERENCED_2
		{1146, nil},                       // ER_NO_SUCH_TABLE
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.number), func(t *testing.T) {
			drv := &gomysql.MySQLError{Number: tt.number, Message: "m"}
			err := mysqldialect.Dialect{}.Classify(fmt.Errorf("exec: %w", drv))
			for _, kind := range []error{rx.ErrUniqueViolation, rx.ErrForeignKeyViolation, rx.ErrRetryable} {
				if got := errors.Is(err, kind); got != (kind == tt.want) {
					t.Errorf("errors.Is(%v, %v) = %v", err, kind, got)
				}
			}
			var e *gomysql.MySQLError
			if !errors.As(err, &e) || e != drv {
				t.Errorf("errors.As does not find the driver's error in %v", err)
			}
		})
	}
}
