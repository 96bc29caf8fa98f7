package mysql_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/rxgo/rxdb/drivers/mysql"
)

// TestConfig: URL to go-sql-driver/mysql's configuration, with rx's
// settings, which a URL parameter overrides. No server.
func TestConfig(t *testing.T) {
	parse := func(raw string) *url.URL {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	cfg, err := mysql.Config(parse("mysql://app:s%40cret@db.example:3307/shop"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.User != "app" || cfg.Passwd != "s@cret" || cfg.Net != "tcp" || cfg.Addr != "db.example:3307" || cfg.DBName != "shop" {
		t.Errorf("user %q, password %q, %s %s, database %q", cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName)
	}
	if !cfg.ParseTime || !cfg.InterpolateParams || !cfg.ClientFoundRows || cfg.MaxAllowedPacket != 0 || cfg.Timeout != 10*time.Second {
		t.Errorf("rx's settings: parseTime %v, interpolateParams %v, clientFoundRows %v, maxAllowedPacket %d, timeout %s",
			cfg.ParseTime, cfg.InterpolateParams, cfg.ClientFoundRows, cfg.MaxAllowedPacket, cfg.Timeout)
	}

	cfg, err = mysql.Config(parse("mysql://root@/shop?unix_socket=/run/mysqld/mysqld.sock&interpolateParams=false&maxAllowedPacket=4194304&wsrep_sync_wait=1"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Net != "unix" || cfg.Addr != "/run/mysqld/mysqld.sock" {
		t.Errorf("socket: %s %s", cfg.Net, cfg.Addr)
	}
	if cfg.InterpolateParams || cfg.MaxAllowedPacket != 4194304 || cfg.Params["wsrep_sync_wait"] != "1" {
		t.Errorf("URL parameters not kept: interpolateParams %v, maxAllowedPacket %d, params %v", cfg.InterpolateParams, cfg.MaxAllowedPacket, cfg.Params)
	}

	cfg, err = mysql.Config(parse("mysql://root@/shop"))
	if err != nil || cfg.Addr != "127.0.0.1:3306" {
		t.Errorf("default address = %q, %v; want 127.0.0.1:3306", cfg.Addr, err)
	}
	if _, err := mysql.Config(parse("mysql://root@/shop?parseTime=maybe")); err == nil {
		t.Error("parseTime=maybe: no error")
	}
}
