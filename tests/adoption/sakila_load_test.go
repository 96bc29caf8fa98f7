package adoption

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/rxgo/rxdb/internal/rxtest"
)

// loadSakila creates a fresh database holding Sakila's schema (triggers,
// views, routines, the store/staff cycle, MySQL's FULLTEXT film_text,
// PostgreSQL's partitions of payment with their rules), and on
// PostgreSQL its data, and returns its URL.
func loadSakila(t *testing.T, dialect string) string {
	t.Helper()
	u := rxtest.FreshURL(t, dialect)
	switch dialect {
	case "sqlite":
		execScript(t, dialect, u, readTestdata(t, "sakila-sqlite-sakila-schema.sql"))
	case "mysql":
		loadMySQLSakila(t, u)
	case "postgres":
		db := scriptDB(t, dialect, u)
		execPGScript(t, db, readTestdata(t, "sakila-postgres-sakila-schema.sql"))
		execPGScript(t, db, readTestdata(t, "sakila-postgres-sakila-insert-data-using-copy.sql"))
	}
	return u
}

// loadMySQLSakila runs the MySQL script, which the mysql client would
// split at its DELIMITER lines: each part between them is run as one
// multi-statement exec, or, under another delimiter than ";", statement
// by statement. The script's own database is replaced by the fresh one.
func loadMySQLSakila(t *testing.T, u string) {
	t.Helper()
	db := scriptDB(t, "mysql", u)
	script := readTestdata(t, "sakila-mysql-sakila-schema.sql")
	for _, own := range []string{"DROP SCHEMA IF EXISTS sakila;", "CREATE SCHEMA sakila;", "USE sakila;"} {
		if !strings.Contains(script, own) {
			t.Fatalf("sakila-mysql-sakila-schema.sql: no %s", own)
		}
		script = strings.Replace(script, own, "", 1)
	}
	script = strings.ReplaceAll(script, "sakila.", "") // a view names its tables so
	delim := ";"
	var part strings.Builder
	flush := func() {
		text := part.String()
		part.Reset()
		if delim == ";" {
			execOn(t, db, text)
			return
		}
		for _, stmt := range strings.Split(text, delim) {
			execOn(t, db, stmt)
		}
	}
	for _, line := range strings.SplitAfter(script, "\n") {
		if d, ok := strings.CutPrefix(strings.TrimSpace(line), "DELIMITER "); ok {
			flush()
			delim = strings.TrimSpace(d)
			continue
		}
		part.WriteString(line)
	}
	flush()
}

// execPGScript runs a pg_dump-style script on db: its SQL through the
// simple protocol, its COPY ... FROM stdin blocks through pgx's CopyFrom.
// The script's objects are in public; they are created in the fresh
// schema instead, and what the script does to public itself is skipped.
func execPGScript(t *testing.T, db *sql.DB, script string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var sqlPart strings.Builder
	execPG := func(text string) { t.Helper(); execOn(t, db, text) }
	lines := strings.SplitAfter(script, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.Contains(line, "SCHEMA public") || strings.HasPrefix(line, "SET search_path") {
			continue
		}
		line = strings.ReplaceAll(line, "public.", "")
		if !strings.HasPrefix(line, "COPY ") {
			sqlPart.WriteString(line)
			continue
		}
		execPG(sqlPart.String())
		sqlPart.Reset()
		var data strings.Builder
		for i++; i < len(lines) && strings.TrimRight(lines[i], "\r\n") != `\.`; i++ {
			data.WriteString(lines[i])
		}
		copyPG(t, ctx, db, strings.TrimSuffix(strings.TrimSpace(line), ";"), data.String())
	}
	execPG(sqlPart.String())
}

func copyPG(t *testing.T, ctx context.Context, db *sql.DB, copySQL, data string) {
	t.Helper()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		_, err := dc.(*stdlib.Conn).Conn().PgConn().CopyFrom(ctx, strings.NewReader(data), copySQL)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", copySQL, err)
	}
}
