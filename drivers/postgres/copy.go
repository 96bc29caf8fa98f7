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
// pg_get_serial_sequence finds behind a serial or identity column, or
// else of the one sequence that the column's default names (a
// DEFAULT nextval('seq'::regclass) of a sequence not OWNED BY the column,
// as Sakila's payment_id has), which pg_depend records for the default.
// The materialized CTE looks the sequence up once: called per row, the
// lookup costs five times the nextval.
func (Driver) ReserveKeysQuery() string {
	return "WITH s AS MATERIALIZED (SELECT COALESCE(pg_get_serial_sequence($1::text, $2::text)::regclass, (" + defaultSequence + ")) AS seq) " +
		"SELECT nextval(s.seq) FROM s, generate_series(1, $3)"
}

// defaultSequence is the sequence that table $1's column $2's default
// depends on, NULL when it depends on none or on more than one.
const defaultSequence = "SELECT min(d.refobjid)::regclass FROM pg_catalog.pg_attrdef ad " +
	"JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum " +
	"JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass " +
	"JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND c.relkind = 'S' " +
	"WHERE ad.adrelid = to_regclass($1::text) AND a.attname = $2::text HAVING count(*) = 1"

// RefusesReturningQuery implements dialect.ReturningRefuser: any ON
// INSERT DO INSTEAD rule. PostgreSQL refuses RETURNING under a
// conditional one and under an unconditional one without RETURNING;
// keys reserved from the sequence serve under both, and the rule's
// action receives them as NEW's key.
func (Driver) RefusesReturningQuery() string {
	return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite WHERE ev_class = to_regclass($1) AND ev_type = '3' AND is_instead)"
}
