package schema

// softDelete checks the model's rx:"softdelete" column, a nullable time
// (*time.Time or sql.NullTime) that Delete sets instead of removing the
// row and that queries read as "deleted when not NULL", and records it
// as Table.SoftDelete.
func softDelete(t *Table) error {
	for _, c := range t.Columns {
		if !c.SoftDelete {
			continue
		}
		switch {
		case t.SoftDelete != nil:
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "only one column can be softdelete (also " + t.SoftDelete.Field + ")"}
		case c.Kind != KindTime || !c.Nullable || c.PrimaryKey:
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "softdelete needs a nullable time field that is not part of the key, such as `DeletedAt *time.Time rx:\"softdelete\"`"}
		}
		t.SoftDelete = c
	}
	for _, c := range t.Columns {
		switch {
		case !c.Live:
		case t.SoftDelete == nil:
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "live makes a unique index hold the rows not soft-deleted: the model needs a softdelete column, such as `DeletedAt *time.Time rx:\"softdelete\"`"}
		case !c.Unique && !c.inUniqueIndex():
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "live is for a unique column (rx:\"unique,live\") or a member of a unique index"}
		}
	}
	return nil
}

func (c *Column) inUniqueIndex() bool {
	for _, m := range c.indexes {
		if m.kind == kindUnique {
			return true
		}
	}
	return false
}
