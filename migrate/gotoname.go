package migrate

import (
	"fmt"
	"strconv"
	"strings"
)

// gotoVersion reads db goto's argument: a version number, or the
// migration's name as db status prints it (<version>_<slug>, also with
// .up.sql or .down.sql), so that what status shows can be pasted back.
// A name's slug must match the file's, so a typo cannot pick another
// migration that happens to share the number.
func (m *Migrator) gotoVersion(arg string) (uint, error) {
	name := strings.TrimSuffix(strings.TrimSuffix(arg, ".up.sql"), ".down.sql")
	num, slugPart, named := strings.Cut(name, "_")
	v, err := strconv.ParseUint(num, 10, 64)
	if err != nil || v == 0 {
		return 0, fmt.Errorf("migrate: db goto takes a version, as a number or as the name `%s` lists, got %q (`%s` goes to the empty schema)", m.cmd("db status"), arg, m.cmd("db downgrade all"))
	}
	if !named {
		return uint(v), nil
	}
	files, err := listFiles(m.cfg.MigrationsSource())
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		if f.Version == uint(v) && f.Slug != slugPart {
			return 0, fmt.Errorf("migrate: db goto %s: version %d is %s in %s, not %s: `%s` lists the migrations", arg, v, f.Name(), m.dir(), name, m.cmd("db status"))
		}
	}
	return uint(v), nil // Goto reports a version not in the folder
}
