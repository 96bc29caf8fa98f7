package migrate

import (
	"fmt"
	"go/format"
	"slices"
	"strconv"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// renderModels writes the models of the tables of s as a gofmt'd Go
// file of package pkg.
func renderModels(c *conn, s *Schema, pkg string) ([]byte, error) {
	models, skipped := newModels(c, s)
	byTable := map[string]*genModel{}
	for _, g := range models {
		byTable[g.t.Name] = g
		addIndexes(g)
		addChecks(g)
	}
	for _, g := range models {
		addForeignKeys(c, g, byTable)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// Package %s holds models that `db inspect` wrote from the live %s database:\n", pkg, c.db.Dialect().Name())
	b.WriteString("// edit them as your own code. What a model does not declare (other\n// indexes, triggers, views) stays the database's, reported as unmanaged.\n")
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	if usesTime(models) {
		b.WriteString("import \"time\"\n\n")
	}
	for _, why := range skipped {
		fmt.Fprintf(&b, "// No model for %s.\n", why)
	}
	b.WriteString("\n")
	for _, g := range models {
		writeModel(c, &b, g)
	}
	writeAll(&b, models)
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("migrate: the generated models do not parse (%w); please report it with this source:\n%s", err, b.String())
	}
	return src, nil
}

// writeAll writes All, the list of the file's models that migrate.Run
// and rx.Register take.
func writeAll(b *strings.Builder, models []*genModel) {
	taken := map[string]bool{}
	for _, g := range models {
		taken[g.name] = true
	}
	name := unique(taken, "All")
	fmt.Fprintf(b, "// %s lists the models of this file, for migrate.Run and rx.Register.\nfunc %s() []any {\n\treturn []any{", name, name)
	for i, g := range models {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("&" + g.name + "{}")
	}
	b.WriteString("}\n}\n")
}

func usesTime(models []*genModel) bool {
	for _, g := range models {
		if slices.ContainsFunc(g.fields, func(f *genField) bool { return f.goCol.kind == schema.KindTime }) {
			return true
		}
	}
	return false
}

// writeModel writes g's struct and, when the table is not the snake_case
// of the type's name, its TableName method.
func writeModel(c *conn, b *strings.Builder, g *genModel) {
	fmt.Fprintf(b, "// %s is a row of table %s.\ntype %s struct {\n", g.name, g.t.Name, g.name)
	for _, f := range g.fields {
		fmt.Fprintf(b, "\t%s %s %s", f.name, fieldType(f), structTag(f.col.Name, fieldOptions(c, g, f)))
		if f.comment != "" {
			b.WriteString(" // " + f.comment)
		}
		b.WriteString("\n")
	}
	for _, r := range g.rels {
		typ := "*" + r.model
		if r.kind == "has-many" {
			typ = "[]" + r.model
		}
		fmt.Fprintf(b, "\t%s %s %s\n", r.name, typ, structTag("", []string{"rel=" + r.kind, "join=" + r.local + ":" + r.remote}))
	}
	b.WriteString("}\n\n")
	if schema.SnakeCase(g.name) != g.t.Name {
		fmt.Fprintf(b, "// TableName implements rx.TableNamer.\nfunc (%s) TableName() string { return %s }\n\n", g.name, strconv.Quote(g.t.Name))
	}
}

func fieldType(f *genField) string {
	if f.col.Nullable && f.goCol.kind != schema.KindBytes {
		return "*" + f.goCol.goType
	}
	return f.goCol.goType
}

// fieldOptions is the rx tag of f: key, type, nullability, default, ON
// UPDATE, collation, then the index, CHECK and foreign-key options.
func fieldOptions(c *conn, g *genModel, f *genField) []string {
	var o []string
	pk := slices.Contains(g.t.PrimaryKey, f.col.Name)
	if pk {
		o = append(o, "pk")
	}
	auto := f.col.AutoIncrement && pk && len(g.t.PrimaryKey) == 1 && !f.col.Nullable &&
		f.goCol.kind >= schema.KindInt8 && f.goCol.kind <= schema.KindUint64
	if auto {
		o = append(o, "autoincrement")
	}
	if f.sqlType = sqlTypeOf(c, f, f.keyed); f.sqlType != "" {
		o = append(o, "type="+f.sqlType)
	} else if f.goCol.size > 0 {
		o = append(o, "size="+strconv.Itoa(f.goCol.size))
	}
	if f.col.Nullable && f.goCol.kind == schema.KindBytes {
		o = append(o, "null")
	}
	if NormalizeDefault(f.col.Default) != "" && !auto { // SQLite reports DEFAULT NULL as NULL
		o = append(o, "default="+f.col.Default)
	}
	if f.col.OnUpdate != "" {
		o = append(o, "update="+f.col.OnUpdate)
	}
	if f.col.Collate != "" { // one other than the table's
		o = append(o, "collate="+f.col.Collate)
	}
	return append(o, f.opts...)
}

// structTag renders `db:"col" rx:"..."`, as a quoted string when a value
// holds a backquote.
func structTag(col string, opts []string) string {
	var parts []string
	if col != "" {
		parts = append(parts, "db:"+strconv.Quote(col))
	}
	if len(opts) > 0 {
		parts = append(parts, "rx:"+strconv.Quote(strings.Join(opts, ",")))
	}
	tag := strings.Join(parts, " ")
	if strings.Contains(tag, "`") {
		return strconv.Quote(tag)
	}
	return "`" + tag + "`"
}
