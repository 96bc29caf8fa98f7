package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-migrate/migrate/v4/source"
)

// goFS is the migrations folder with the Go migrations added as files,
// <version>_<name>.up.sql and .down.sql, whose body is a marker line
// that the database driver's wrapper (goRunner) runs as the function.
// Seen through it, a Go migration is a migration like the others to
// everything that reads the folder: golang-migrate's source (ordering,
// Steps, the lock, the dirty flag), the checksums, db status and goto.
// Config.MigrationsFS holds it, so a copy of the Config (the replay of
// db check) keeps the Go migrations.
type goFS struct {
	base    fs.FS
	baseDir string // the folder inside base
	dir     string // the folder as callers name it (MigrationsSource's)

	mu   sync.Mutex
	migs map[uint]GoMigration
}

// goMarker starts a Go migration's body: a NUL byte, which no SQL file
// holds, so a hand-written file cannot be taken for one.
const goMarker = "\x00rxdb go migration "

// goFS returns m's overlay, putting it in place on first use.
func (m *Migrator) goFS() *goFS {
	if g, ok := m.cfg.MigrationsFS.(*goFS); ok {
		return g
	}
	base, baseDir := m.cfg.MigrationsSource()
	g := &goFS{base: base, baseDir: baseDir, migs: map[uint]GoMigration{}}
	m.cfg.MigrationsFS = g
	_, dir := m.cfg.MigrationsSource()
	g.dir = path.Clean(dir)
	return g
}

func (g *goFS) add(mig GoMigration) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if o, ok := g.migs[mig.Version]; ok {
		return fmt.Errorf("%w: version %d is registered twice (%s and %s)", ErrBadGoMigration, mig.Version, o.Name, mig.Name)
	}
	g.migs[mig.Version] = mig
	return nil
}

// lookup returns the Go migration of version v.
func (g *goFS) lookup(v uint) (GoMigration, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	mig, ok := g.migs[v]
	return mig, ok
}

// goOf is the Go migration of version v in fsys, if fsys is a goFS.
func goOf(fsys fs.FS, v uint) (GoMigration, bool) {
	if g, ok := fsys.(*goFS); ok {
		return g.lookup(v)
	}
	return GoMigration{}, false
}

// rel is name relative to the folder; ok is false outside it.
func (g *goFS) rel(name string) (string, bool) {
	n := path.Clean(name)
	switch {
	case n == g.dir:
		return ".", true
	case g.dir == ".":
		return n, true
	case strings.HasPrefix(n, g.dir+"/"):
		return n[len(g.dir)+1:], true
	}
	return "", false
}

// synthetic is the body of the Go migration file named rel.
func (g *goFS) synthetic(rel string) ([]byte, bool) {
	m, err := source.Parse(rel)
	if err != nil || strings.Contains(rel, "/") {
		return nil, false
	}
	mig, ok := g.lookup(m.Version)
	if !ok || mig.Name != m.Identifier {
		return nil, false
	}
	return []byte(goMarker + strconv.FormatUint(uint64(m.Version), 10) + " " + string(m.Direction) + "\n"), true
}

// Open implements fs.FS.
func (g *goFS) Open(name string) (fs.File, error) {
	rel, ok := g.rel(name)
	if !ok {
		return g.base.Open(name)
	}
	if body, ok := g.synthetic(rel); ok {
		return &memFile{Reader: bytes.NewReader(body), info: memInfo{name: path.Base(rel), size: int64(len(body))}}, nil
	}
	return g.base.Open(path.Join(g.baseDir, rel))
}

// ReadDir implements fs.ReadDirFS: the folder's files and the Go
// migrations' files, refusing a version that is both.
func (g *goFS) ReadDir(name string) ([]fs.DirEntry, error) {
	rel, ok := g.rel(name)
	if !ok {
		return fs.ReadDir(g.base, name)
	}
	entries, err := fs.ReadDir(g.base, path.Join(g.baseDir, rel))
	if rel != "." {
		return entries, err
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, e := range entries {
		if m, err := source.Parse(e.Name()); err == nil {
			if mig, ok := g.migs[m.Version]; ok {
				return nil, fmt.Errorf("%w: version %d is both the Go migration %s and the SQL file %s in the folder: give one of them a new version", ErrBadGoMigration, m.Version, mig.FileName(), e.Name())
			}
		}
	}
	for _, mig := range g.migs {
		for _, dir := range []string{"up", "down"} {
			n := mig.FileName() + "." + dir + ".sql"
			entries = append(entries, fs.FileInfoToDirEntry(memInfo{name: n}))
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// memFile is a Go migration's file.
type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
