package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/golang-migrate/migrate/v4/source"
	"github.com/rxgo/rxdb/rx"
)

// File is one migration in the folder: a version with its up and down
// files, named <version>_<slug>.up.sql and .down.sql as golang-migrate
// expects.
type File struct {
	Version uint
	Slug    string
	HasUp   bool
	HasDown bool
	// Go is set for a Go migration (GoMigration), which has no files.
	Go bool
}

// kind is " (Go)" for a Go migration, as db status marks it.
func (f File) kind() string {
	if f.Go {
		return " (Go)"
	}
	return ""
}

// Name is the migration's file name stem, <version>_<slug>.
func (f File) Name() string { return strconv.FormatUint(uint64(f.Version), 10) + "_" + f.Slug }

// listFiles reads the migrations in dir of fsys, in version order. A
// missing folder is no migrations.
func listFiles(fsys fs.FS, dir string) ([]File, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("migrate: reading the migrations folder: %w", err)
	}
	byVersion := map[uint]*File{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		m, err := source.Parse(e.Name())
		if err != nil {
			continue // not a migration: a README, a .keep
		}
		f := byVersion[m.Version]
		if f == nil {
			_, isGo := goOf(fsys, m.Version)
			f = &File{Version: m.Version, Slug: m.Identifier, Go: isGo}
			byVersion[m.Version] = f
		}
		if f.Slug != m.Identifier {
			return nil, fmt.Errorf("migrate: version %d is used by two migrations (%q and %q): give one a new version", m.Version, f.Slug, m.Identifier)
		}
		switch m.Direction {
		case source.Up:
			f.HasUp = true
		case source.Down:
			f.HasDown = true
		}
	}
	out := make([]File, 0, len(byVersion))
	for _, f := range byVersion {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// versionLayout makes versions UTC timestamps: two branches that each add
// a migration get different versions (sequential numbers would both take
// the next one and collide on merge), and the order of the folder is the
// order in which they were written.
const versionLayout = "20060102150405"

// nextVersion is now as a timestamp, moved past last so that versions
// only grow even when two migrations are written within a second.
func nextVersion(now time.Time, last uint) uint {
	v, _ := strconv.ParseUint(now.UTC().Format(versionLayout), 10, 64)
	if uint(v) <= last {
		return last + 1
	}
	return uint(v)
}

// slug turns a message into the file name part: lower case, words joined
// by underscores, at most 60 bytes.
func slug(message string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(message) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			sep = false
		} else {
			sep = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "migration"
	}
	return b.String()
}

// writeFiles writes the up and down files of a migration into dir,
// creating it, and refusing to overwrite; the up file gets the findings
// of `db lint` at its top (withLintBlock).
func writeFiles(dir string, f File, up, down string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("migrate: creating the migrations folder: %w", err)
	}
	var paths []string
	up = withLintBlock(f.Name()+".up.sql", up)
	for _, part := range []struct{ dir, body string }{{"up", up}, {"down", down}} {
		p := filepath.Join(dir, f.Name()+"."+part.dir+".sql")
		fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return paths, fmt.Errorf("migrate: writing %s: %w", p, err)
		}
		_, werr := fh.WriteString(part.body)
		if cerr := fh.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return paths, fmt.Errorf("migrate: writing %s: %w", p, werr)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// headerDialect finds the dialect in the header line that rxdb writes at
// the top of each file: "-- <name>.up.sql, written by rxdb migrate on
// <dialect>." It is "" for a file without one (written by hand).
func headerDialect(fsys fs.FS, path string) (string, error) {
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		return "", fmt.Errorf("migrate: reading %s: %w", path, err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return lineDialect(line), nil
}

// lineDialect is the dialect of rxdb's header line, or "" for another
// line.
func lineDialect(line string) string {
	_, d, ok := strings.Cut(line, ", written by rxdb migrate on ")
	if !strings.HasPrefix(line, "-- ") || !ok {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(d), ".")
}

// DialectPlaceholder in Config.MigrationsDir stands for the database's
// dialect name (sqlite, mysql, postgres), so that one setting,
// "migrations/{dialect}", keeps one folder per database.
const DialectPlaceholder = "{dialect}"

// Dir returns the migrations folder cfg names for the database it
// names, with DialectPlaceholder replaced ("migrations" when
// MigrationsDir is empty). It parses the URL and connects to nothing.
func Dir(cfg rx.Config) (string, error) {
	dir := cfg.MigrationsDir
	if dir == "" {
		dir = rx.DefaultMigrationsDir
	}
	if !strings.Contains(dir, DialectPlaceholder) {
		return dir, nil
	}
	_, d, err := rx.ParseURL(cfg.URL())
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(dir, DialectPlaceholder, d.Name()), nil
}

// withDialect resolves DialectPlaceholder in cfg.MigrationsDir for
// dialect d.
func withDialect(cfg rx.Config, d string) rx.Config {
	cfg.MigrationsDir = strings.ReplaceAll(cfg.MigrationsDir, DialectPlaceholder, d)
	return cfg
}
