package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Dialects are the dialect names that a per-dialect option may name, as
// in rx:"type.postgres=CITEXT": the names dialect.Dialect.Name reports
// and Config.MigrationsDir's {dialect} spells.
var Dialects = []string{"mysql", "postgres", "sqlite"}

// dialectOptions are the tag options that take a per-dialect form,
// option.<dialect>=value, which on that dialect replaces option=.
// Another option joins by adding its name here and reading its value
// with Column.Override.
var dialectOptions = map[string]bool{"type": true, "default": true, "collate": true}

// parseDialectOption reads an option.<dialect>=value option, reporting
// whether key has that form.
func parseDialectOption(c *Column, key, val string, hasVal bool) (bool, error) {
	option, d, ok := strings.Cut(key, ".")
	if !ok || !dialectOptions[option] {
		return false, nil
	}
	if !slices.Contains(Dialects, d) {
		return true, fmt.Errorf("%s: unknown dialect %q (known: %s), as in rx:\"%s.postgres=...\"", key, d, strings.Join(Dialects, ", "), option)
	}
	val = strings.TrimSpace(val)
	if !hasVal || val == "" {
		return true, fmt.Errorf("%s needs a value, as in rx:\"%s=...\"", key, key)
	}
	if option == "collate" && !validCollation(val) {
		return true, fmt.Errorf("%s: collation %q must be letters, digits and _ . @ -", key, val)
	}
	if c.overrides == nil {
		c.overrides = map[string]string{}
	}
	c.overrides[key] = val
	return true, nil
}

// validCollation accepts the collation names of the three databases
// (utf8mb4_bin, NOCASE, en-US-x-icu, en_US.utf8), which DDL quotes as
// identifiers.
func validCollation(s string) bool {
	if s == "" || len(s) > 63 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '.' || r == '@' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// Override returns the value of option.<dialect>= (option being type,
// default, collate...) and whether the tag sets it.
func (c *Column) Override(option, dialect string) (string, bool) {
	v, ok := c.overrides[option+"."+dialect]
	return v, ok
}

// hasOverride reports whether any dialect overrides option.
func (c *Column) hasOverride(option string) bool {
	for _, d := range Dialects {
		if _, ok := c.Override(option, d); ok {
			return true
		}
	}
	return false
}

// SQLTypeFor is the column type asked for on dialect: type.<dialect>=,
// else type=, else "" (the dialect chooses from the Go type).
func (c *Column) SQLTypeFor(dialect string) string {
	if v, ok := c.Override("type", dialect); ok {
		return v
	}
	return c.SQLType
}

// DefaultFor is the default on dialect, default.<dialect>= else default=,
// and whether there is one.
func (c *Column) DefaultFor(dialect string) (string, bool) {
	if v, ok := c.Override("default", dialect); ok {
		return v, true
	}
	return c.Default, c.HasDefault
}

// CollateFor is the collation on dialect, collate.<dialect>= else
// collate=, or "" for the table's.
func (c *Column) CollateFor(dialect string) string {
	if v, ok := c.Override("collate", dialect); ok {
		return v
	}
	return c.Collate
}

// parseColumnSQLOption reads collate= and update=.
func parseColumnSQLOption(c *Column, key, val string) error {
	val = strings.TrimSpace(val)
	switch {
	case key == "collate" && !validCollation(val):
		return fmt.Errorf("collate needs a collation name (letters, digits and _ . @ -), as in rx:\"collate=utf8mb4_bin\"; got %q", val)
	case key == "collate":
		c.Collate = val
	case val == "":
		return fmt.Errorf("update needs an SQL expression, as in rx:\"update=CURRENT_TIMESTAMP\" (MySQL's ON UPDATE; onupdate= is the foreign key's action)")
	default:
		c.UpdateExpr = val
	}
	return nil
}
