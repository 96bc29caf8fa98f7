package sqlitemigrate

// ForwardReferences implements migrate.ForwardReferencer: SQLite checks
// a foreign key only when rows change, so CREATE TABLE may reference a
// table created later, and tables whose keys form a cycle are created
// with their constraints inline (SQLite has no ALTER TABLE ADD
// CONSTRAINT).
func (Driver) ForwardReferences() bool { return true }
