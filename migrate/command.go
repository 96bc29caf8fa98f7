package migrate

import (
	"database/sql"
	"runtime/debug"
	"strings"
)

var errNoRows = sql.ErrNoRows

// goRunPackage returns "./path/to/pkg" when exe was built by go run (it
// sits in a go-build temporary folder), so that suggested commands can be
// pasted back as they are.
func goRunPackage(exe string) string {
	if !strings.Contains(exe, "go-build") {
		return ""
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Path == "" || bi.Main.Path == "" || !strings.HasPrefix(bi.Path, bi.Main.Path) || strings.HasSuffix(bi.Path, ".test") {
		return ""
	}
	return "." + strings.TrimPrefix(bi.Path, bi.Main.Path)
}
