package rx_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/rx"
)

// Error shapes of drivers this module does not depend on.
type (
	pqLike    struct{ Code string }            // lib/pq: a SQLState method
	mattnLike struct{ Code, ExtendedCode int } // mattn/go-sqlite3: fields, a value type
	mysqlLike struct {
		Number   uint16
		SQLState [5]byte
	} // go-sql-driver/mysql
	moderncLike struct{ code int } // modernc.org/sqlite: a Code method
)

func (e *pqLike) Error() string      { return "pq: " + e.Code }
func (e *pqLike) SQLState() string   { return e.Code }
func (e mattnLike) Error() string    { return "sqlite3" }
func (e *mysqlLike) Error() string   { return "mysql" }
func (e *moderncLike) Error() string { return "sqlite" }
func (e *moderncLike) Code() int     { return e.code }

func TestServerCodeOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want dialect.ServerCode
		ok   bool
	}{
		{"SQLState method", &pqLike{"23505"}, dialect.ServerCode{SQLState: "23505"}, true},
		{"Code method", &moderncLike{2067}, dialect.ServerCode{Number: 2067}, true},
		{"ExtendedCode field, value type", mattnLike{Code: 19, ExtendedCode: 2067}, dialect.ServerCode{Number: 2067}, true},
		{"Number and SQLState fields", &mysqlLike{1062, [5]byte{'2', '3', '0', '0', '0'}}, dialect.ServerCode{SQLState: "23000", Number: 1062}, true},
		{"wrapped with %w", fmt.Errorf("insert: %w", &pqLike{"40001"}), dialect.ServerCode{SQLState: "40001"}, true},
		{"inside a joined error", errors.Join(errors.New("other"), mattnLike{ExtendedCode: 5}), dialect.ServerCode{Number: 5}, true},
		{"marked by rx", dialect.Mark(&mysqlLike{Number: 1213}, rx.ErrRetryable), dialect.ServerCode{Number: 1213}, true},
		{"plain error", errors.New("boom"), dialect.ServerCode{}, false},
		{"nil", nil, dialect.ServerCode{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := dialect.ServerCodeOf(tt.err)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("ServerCodeOf(%v) = %+v, %v; want %+v, %v", tt.err, got, ok, tt.want, tt.ok)
			}
		})
	}
}
