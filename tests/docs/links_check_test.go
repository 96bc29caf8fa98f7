package docs

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAnchor checks the GitHub anchor rules on headings of the guide.
func TestAnchor(t *testing.T) {
	for heading, want := range map[string]string{
		"Transactions that conflict: rx.Retry":                            "transactions-that-conflict-rxretry",
		"`db check` replays the folder":                                   "db-check-replays-the-folder",
		"Multi-primary clusters (MariaDB Galera, Percona XtraDB Cluster)": "multi-primary-clusters-mariadb-galera-percona-xtradb-cluster",
		"Why hand-written introspection and not ariga.io/atlas":           "why-hand-written-introspection-and-not-arigaioatlas",
		"A [linked](x.md) heading_with_underscores":                       "a-linked-heading_with_underscores",
	} {
		if got := anchor(heading); got != want {
			t.Errorf("anchor(%q) = %q, want %q", heading, got, want)
		}
	}
}

// TestBrokenLinksAreFound checks that checkLink refuses what does not
// resolve, naming the file and line.
func TestBrokenLinksAreFound(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	text := "# Title\n\n## Two words\n\n## Two words\n\nsee `[x](nowhere.md)` and\n[a](#two-words-1) [b](#title) [c](../rx/db.go) [d](https://example.com/x)\n"
	links, anchors := scanMarkdown("docs/x.md", []byte(text))
	all := map[string]map[string]bool{"docs/x.md": anchors}
	for _, l := range links {
		if err := checkLink(root, l, all); err != nil {
			t.Errorf("a good link is refused: %v", err)
		}
	}
	if len(links) != 4 {
		t.Errorf("found %d links outside code, want 4: %+v", len(links), links)
	}
	for target, want := range map[string]string{
		"nowhere.md":              "docs/x.md:3: nowhere.md: no such file",
		"#missing":                "docs/x.md:3: #missing: docs/x.md has no heading",
		"connecting.md#no-such":   "has no heading with the anchor #no-such",
		"../../outside":           "leaves the repository",
		"../bench/README.md#nope": "bench/README.md has no heading",
	} {
		err := checkLink(root, link{file: "docs/x.md", line: 3, target: target}, all)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error containing %q", target, err, want)
		}
	}
}
