package mysqlmigrate

import (
	"context"
	"database/sql"

	"github.com/rxgo/rxdb/migrate"
)

// MariaDB's check_constraints names each constraint's table; MySQL 8's
// does not (its names are unique per schema), so there the table comes
// from table_constraints.
const (
	mariaChecks = `SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints
		WHERE constraint_schema = DATABASE() ORDER BY table_name, constraint_name`
	mysqlChecks = `SELECT t.table_name, c.constraint_name, c.check_clause FROM information_schema.check_constraints c
		JOIN information_schema.table_constraints t ON t.constraint_schema = c.constraint_schema AND t.constraint_name = c.constraint_name AND t.constraint_type = 'CHECK'
		WHERE c.constraint_schema = DATABASE() ORDER BY t.table_name, c.constraint_name`
)

// checks reads the tables' CHECK constraints, leaving out the json_valid
// check MariaDB adds by itself to a JSON column (part of the type, as
// the model writes it).
func checks(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	rows, err := conn.QueryContext(ctx, mariaChecks)
	if isMySQLError(err, errBadField) {
		rows, err = conn.QueryContext(ctx, mysqlChecks)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		ck := &migrate.Check{}
		if err := rows.Scan(&table, &ck.Name, &ck.Expr); err != nil {
			return err
		}
		t := byName[table]
		if t == nil || t.Column(ck.Name) != nil && ck.Expr == "json_valid(`"+ck.Name+"`)" {
			continue
		}
		t.Checks = append(t.Checks, ck)
	}
	return rows.Err()
}

// errBadField is ER_BAD_FIELD_ERROR: MySQL's check_constraints has no
// table_name.
const errBadField = 1054
