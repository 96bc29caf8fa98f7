// Package atlaseval runs ariga.io/atlas's open-source inspect, diff and
// plan on rxdb's model history (the same v1 -> v2 -> v3 models as
// migrate's TestModelHistory), on SQLite, MariaDB and PostgreSQL, as the
// evidence for choosing between atlas and hand-written introspection. It
// is a module of its own so that atlas stays out of rxdb's go.mod:
//
//	cd tools/atlaseval && go test -v .
package atlaseval
