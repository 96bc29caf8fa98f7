package migrate

import (
	"slices"
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// addForeignKeys tags each foreign key of g that a model can declare
// with fk= (and its actions), gives g a belongs-to field for it and the
// model it references a has-many (has-one) field. A key that a model
// cannot declare is left to the database (unmanaged, not drift), with a
// comment on the field saying why.
func addForeignKeys(c *conn, g *genModel, byTable map[string]*genModel) {
	for i, fk := range g.t.ForeignKeys {
		f := g.field(fk.Column)
		if f == nil {
			continue
		}
		ref, why := fkTarget(c, g, f, fk, byTable)
		if why != "" {
			f.comment = "fk " + fk.String() + " is left to the database: " + why
			continue
		}
		refCol := fk.RefColumn
		if refCol == "" {
			refCol = ref.t.PrimaryKey[0]
		}
		// The key gives the column its index: a plain one is not asked for.
		f.opts = slices.DeleteFunc(f.opts, func(o string) bool { return o == "index" })
		f.opts = append(f.opts, "fk="+fk.RefTable+"."+refCol)
		// In normal form: MariaDB reports no action as RESTRICT.
		nfk := g.norm.ForeignKeys[i]
		for _, a := range [][2]string{{"ondelete", nfk.OnDelete}, {"onupdate", nfk.OnUpdate}} {
			if act := Action(a[1]); act != schema.ActionNoAction {
				f.opts = append(f.opts, a[0]+"="+strings.ToLower(act))
			}
		}
		f.keyed = true
		g.rels = append(g.rels, genRelation{name: relationName(g, fk.Column, ref.name), model: ref.name, local: fk.Column, remote: refCol, kind: "belongs-to"})
		back := genRelation{model: g.name, local: refCol, remote: fk.Column, kind: "has-many"}
		if f.singleKey || slices.Contains(f.opts, "unique") { // at most one row points here
			back.kind = "has-one"
		}
		back.name = backName(ref, back.kind, g.name, fk.Column)
		ref.rels = append(ref.rels, back)
	}
}

// backName names the has-many (has-one) field of the model that child's
// column col references: the child's plural (Tracks; the child's name
// for has-one), or with the column when taken (FilmsByOriginalLanguageID,
// for a second key to the same model).
func backName(g *genModel, kind, child, col string) string {
	name := child
	if kind == "has-many" {
		name = plural(child)
	}
	if g.taken[name] {
		name += "By" + goIdent(col)
	}
	return unique(g.taken, name)
}

// plural is the English plural of a Go name, by the usual endings.
func plural(name string) string {
	l := strings.ToLower(name)
	switch {
	case strings.HasSuffix(l, "y") && len(l) > 1 && !strings.ContainsRune("aeiou", rune(l[len(l)-2])):
		return name[:len(name)-1] + "ies"
	case strings.HasSuffix(l, "s") || strings.HasSuffix(l, "x") || strings.HasSuffix(l, "z") || strings.HasSuffix(l, "ch") || strings.HasSuffix(l, "sh"):
		return name + "es"
	}
	return name + "s"
}

// fkTarget returns the model fk references, or why rx cannot declare
// the key: its table has no model here, it references a column that is
// neither the single primary key nor unique, the two columns' types
// differ for rx, or no index leads with the column (a model's key asks
// for one, and the database would report it missing).
func fkTarget(c *conn, g *genModel, f *genField, fk *ForeignKey, byTable map[string]*genModel) (*genModel, string) {
	ref := byTable[fk.RefTable]
	if ref == nil {
		return nil, "table " + fk.RefTable + " has no model in this file"
	}
	refCol := fk.RefColumn
	if refCol == "" && len(ref.t.PrimaryKey) == 1 {
		refCol = ref.t.PrimaryKey[0]
	}
	rf := ref.field(refCol)
	singleKey := len(ref.t.PrimaryKey) == 1 && ref.t.PrimaryKey[0] == refCol
	if rf == nil || !singleKey && !slices.Contains(rf.opts, "unique") {
		return nil, fk.RefTable + "." + refCol + " is neither its single primary key nor unique"
	}
	if d := c.db.Dialect(); f.goCol.kind != rf.goCol.kind || !dialect.SameType(d, modelType(c, f, true), modelType(c, rf, true)) {
		return nil, "its type " + f.col.Type + " differs from " + fk.RefTable + "." + refCol + "'s " + rf.col.Type
	}
	if !leadsIndex(g.t, fk.Column) {
		return nil, "no index leads with the column, and a model's foreign key asks for one"
	}
	return ref, ""
}

// leadsIndex reports whether the primary key or an index of t leads with
// col.
func leadsIndex(t *Table, col string) bool {
	if len(t.PrimaryKey) > 0 && t.PrimaryKey[0] == col {
		return true
	}
	return slices.ContainsFunc(t.Indexes, func(ix *Index) bool { return len(ix.Columns) > 0 && ix.Columns[0] == col })
}

// relationName names the belongs-to field of column col: the column
// without its id suffix (artist_id is Artist), else the model's name.
func relationName(g *genModel, col, model string) string {
	base := col
	if l := strings.ToLower(base); strings.HasSuffix(l, "id") && len(l) > 2 {
		base = strings.TrimRight(base[:len(base)-2], "_")
	}
	name := goIdent(base)
	if base == "" || g.taken[name] {
		name = model
	}
	return unique(g.taken, name)
}
