package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsRelationships builds the guide's Relationships examples as
// printed (docs/relationships.md: the models, the session that inserts
// linked objects, the one that changes links, With and JoinRelation),
// each snippet in a block of its own, and runs them on SQLite.
func TestDocsRelationships(t *testing.T) {
	page, err := os.ReadFile("../../docs/relationships.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(page)
	var blocks []string
	for {
		var block string
		_, rest, ok := strings.Cut(section, "```go\n")
		if !ok {
			break
		}
		block, section, _ = strings.Cut(rest, "```\n")
		blocks = append(blocks, block)
	}
	if len(blocks) != 5 {
		t.Fatalf("want 5 go blocks in docs/relationships.md (models, insert, links, With, JoinRelation), found %d", len(blocks))
	}
	src := `package main

import (
	"context"
	"fmt"
	"log"

	_ "github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/rx"
)

` + blocks[0] + `
func main() {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///readme.db", IgnoreEnv: true})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.CreateAll(ctx, &User{}, &Post{}, &Tag{}, &PostTag{}); err != nil {
		log.Fatal(err)
	}
	{
` + blocks[1] + `
		if err != nil {
			log.Fatal(err)
		}
	}
	{
` + blocks[2] + `
		if err != nil {
			log.Fatal(err)
		}
	}
	{
` + blocks[3] + `
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("users", len(users), users[0].Username, len(users[0].Posts), users[0].Posts[0].Tags[0].Label)
	}
	{
` + blocks[4] + `
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("posts", len(posts), posts[0].Title, posts[0].UserID)
	}
}
`
	dir, err := os.MkdirTemp(".", "_readme")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "readme")
	if out, err := exec.Command("go", "build", "-o", bin, "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("docs/relationships.md's examples do not compile as printed: %v\n%s\n%s", err, out, src)
	}
	cmd := exec.Command(bin)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "users 1 ann 1 go\nposts 1 Hello 1\n") {
		t.Fatalf("docs/relationships.md's examples: %v\n%s", err, out)
	}
}
