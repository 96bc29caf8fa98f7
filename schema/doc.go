// Package schema holds the metadata of rx models: the tables, columns,
// indexes, foreign keys and relations that rx reads from a struct's fields
// and tags by reflection, once per type, and caches.
//
// Applications use package rx and rarely need this one. It is for code
// that works with models generically: dialects (which map a Column's Kind
// to a column type), migrations (which compare tables with the database)
// and tools. TableOf returns a model's Table; Models lists the registered
// ones.
//
// The Column accessors (Addr, Value, Dest, SetInt, Int, IsZero) read and
// write a field of a model value through its cached offset, which is how
// rx moves rows without reflecting by name on the hot path.
package schema
