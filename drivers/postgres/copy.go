package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/rxgo/rxdb/rx"
)

// CopyFrom implements rx.BulkCopier with pgx's CopyFrom, which sends the
// rows in COPY's binary format on the connection database/sql lent.
func (Driver) CopyFrom(ctx context.Context, driverConn any, table string, columns []string, src rx.CopySource) (int64, error) {
	c, ok := driverConn.(*stdlib.Conn)
	if !ok {
		return 0, fmt.Errorf("postgres: COPY needs a pgx connection, got %T", driverConn)
	}
	return c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, src)
}

// ReserveKeysQuery implements rx.BulkCopier: nextval of the sequence that
// pg_get_serial_sequence finds behind a serial or identity column.
func (Driver) ReserveKeysQuery() string {
	return "SELECT nextval(pg_get_serial_sequence($1, $2)) FROM generate_series(1, $3)"
}
