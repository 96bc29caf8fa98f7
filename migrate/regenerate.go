package migrate

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// regenerateHint adds the way out of a loop to makemigrations' refusal:
// a generated migration that failed (and so never applied) would be
// retried by `db migrate` forever, since makemigrations refuses while
// it is pending and the fixed models cannot be written. Such a migration
// is best deleted and written again from the models as they are now.
// rxdb prints how rather than deleting files itself: only the user
// knows whether the file was edited by hand and is worth keeping.
func (m *Migrator) regenerateHint(err error, files []File, v version, transactional bool) error {
	var stale []File
	switch {
	case v.Dirty && v.Undoing == 0: // a failed upgrade of v.Version
		for _, f := range files {
			if f.Version >= v.Version {
				stale = append(stale, f)
			}
		}
	case !v.Dirty:
		stale = pending(files, v)
	}
	if len(stale) == 0 {
		return err
	}
	var paths []string
	for _, f := range stale {
		for _, part := range []struct {
			ok  bool
			dir string
		}{{f.HasUp, "up"}, {f.HasDown, "down"}} {
			if part.ok {
				paths = append(paths, filepath.Join(m.dir(), f.Name()+"."+part.dir+".sql"))
			}
		}
	}
	list := strings.Join(paths, " and ")
	regen := "`" + m.cmd(`db makemigrations -m "..."`) + "` again to write it from the models as they are now"
	var b strings.Builder
	switch {
	case v.Dirty:
		force := "`" + m.cmd("db force "+strconv.Itoa(previous(files, v.Version))) + "`"
		b.WriteString("If the failed migration is wrong (the models have changed since it was written), do not retry it: ")
		if !transactional {
			b.WriteString("undo by hand what the statements before the failing one applied, then ")
		} else {
			b.WriteString("it ran in a transaction, so it never applied. ")
		}
		fmt.Fprintf(&b, "Delete %s, run %s, then run %s.", list, force, regen)
	default:
		b.WriteString("If `" + m.cmd("db migrate") + "` fails on it and the models have changed since it was written, it never applied")
		if !transactional {
			b.WriteString(" (this database commits each statement: check with `" + m.cmd("db status") + "` that the failure left nothing)")
		}
		fmt.Fprintf(&b, ": delete %s and run %s.", list, regen)
	}
	return fmt.Errorf("%w\n%s", err, b.String())
}
