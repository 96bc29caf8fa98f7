// Package otherdrivers tests rx on pools opened with Go drivers other than
// the ones its driver packages use (lib/pq, mattn/go-sqlite3), as
// applications adopting rx bring them. It is a module of its own so that
// rxdb's go.mod does not require those drivers.
package otherdrivers
