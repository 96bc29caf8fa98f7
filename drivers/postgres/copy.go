package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/rxgo/rxdb/dialect"
)

// CopyFrom implements dialect.BulkCopier with pgx's CopyFrom, which sends the
// rows in COPY's binary format on the connection database/sql lent.
func (Driver) CopyFrom(ctx context.Context, driverConn any, table string, columns []string, src dialect.CopySource) (int64, error) {
	pc, err := begun(ctx, driverConn)
	if err != nil {
		return 0, err
	}
	return pc.CopyFrom(ctx, pgx.Identifier{table}, columns, src)
}

// ReserveKeysQuery implements dialect.BulkCopier: nextval of the sequence that
// pg_get_serial_sequence finds behind a serial or identity column. The
// materialized CTE looks the sequence up once: called per row, the
// lookup costs five times the nextval.
func (Driver) ReserveKeysQuery() string {
	return "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq) SELECT nextval(s.seq) FROM s, generate_series(1, $3)"
}

// RefusesReturningQuery implements dialect.ReturningRefuser: any ON
// INSERT DO INSTEAD rule. PostgreSQL refuses RETURNING under a
// conditional one and under an unconditional one without RETURNING;
// keys reserved from the sequence serve under both, and the rule's
// action receives them as NEW's key.
func (Driver) RefusesReturningQuery() string {
	return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite WHERE ev_class = to_regclass($1) AND ev_type = '3' AND is_instead)"
}
