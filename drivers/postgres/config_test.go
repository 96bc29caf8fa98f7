package postgres_test

import (
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/rxgo/rxdb/drivers/postgres"
)

// TestConfigExecMode: rx's pools name no prepared statements unless the URL
// asks pgx for another mode, so that they work behind a transaction pooler.
func TestConfigExecMode(t *testing.T) {
	for raw, want := range map[string]pgx.QueryExecMode{
		"postgresql://u@h/db": pgx.QueryExecModeCacheDescribe,
		"postgresql://u@h/db?default_query_exec_mode=cache_statement": pgx.QueryExecModeCacheStatement,
		"postgresql://u@h/db?default_query_exec_mode=exec":            pgx.QueryExecModeExec,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := postgres.Config(u)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.DefaultQueryExecMode != want {
			t.Errorf("%s: mode %v, want %v", raw, cfg.DefaultQueryExecMode, want)
		}
	}
}
