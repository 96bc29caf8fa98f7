// Command chart turns `go test -bench` output of the rx benchmark suite
// into an SVG chart of every library's ns/op and allocs/op as a ratio to
// raw database/sql, per scenario and database, and into Markdown tables.
//
//	go run ./cmd/chart -svg chart.svg -md results.md new.txt
//
// Several runs of one benchmark (-count) are summarised by their median,
// as benchstat does.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"sort"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// The scenarios and libraries of the comparison, in display order.
var (
	scenarios = []string{"Insert", "InsertMulti", "Update", "Read", "ReadSlice", "Delete", "FindPage"}
	dbs       = []string{"sqlite", "mysql", "postgres"}
	libs      = []string{"raw", "sqlx", "gorm", "bun", "pgx", "rx", "rx-session"}
	colors    = map[string]string{"sqlx": "#8c8c8c", "gorm": "#e6862e", "bun": "#7b5fc4", "pgx": "#2ca02c", "rx": "#1f77b4", "rx-session": "#7fb8e0"}
	dbTitles  = map[string]string{"sqlite": "SQLite", "mysql": "MariaDB", "postgres": "PostgreSQL"}
)

// key names one benchmark: its base name and its /key=value parts.
type key struct {
	base string
	conf string // "db=sqlite/lib=raw"
}

type stats struct {
	units  map[string][]float64
	order  []string // units in first-seen order
	median map[string]float64
}

func main() {
	svgPath := flag.String("svg", "chart.svg", "SVG output file")
	mdPath := flag.String("md", "", "Markdown tables output file (stdout if empty)")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("usage: chart [-svg chart.svg] [-md results.md] go-test-output.txt...")
	}
	res, order, err := read(flag.Args())
	if err != nil {
		log.Fatal(err)
	}
	var svg bytes.Buffer
	writeSVG(&svg, res)
	if err := os.WriteFile(*svgPath, svg.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	var md bytes.Buffer
	writeTables(&md, res, order)
	if *mdPath == "" {
		os.Stdout.Write(md.Bytes())
	} else if err := os.WriteFile(*mdPath, md.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

func read(paths []string) (map[key]*stats, []key, error) {
	res := map[key]*stats{}
	var order []key
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, err
		}
		r := benchfmt.NewReader(f, p)
		for r.Scan() {
			rec, ok := r.Result().(*benchfmt.Result)
			if !ok {
				continue
			}
			base, parts := rec.Name.Parts()
			var conf []string
			for _, part := range parts {
				if part[0] == '/' {
					conf = append(conf, string(part[1:]))
				}
			}
			k := key{strings.TrimPrefix(string(base), "Benchmark"), strings.Join(conf, "/")}
			s := res[k]
			if s == nil {
				s = &stats{units: map[string][]float64{}, median: map[string]float64{}}
				res[k] = s
				order = append(order, k)
			}
			for _, v := range rec.Values {
				if _, seen := s.units[v.Unit]; !seen {
					s.order = append(s.order, v.Unit)
				}
				s.units[v.Unit] = append(s.units[v.Unit], v.Value)
			}
		}
		f.Close()
		if err := r.Err(); err != nil {
			return nil, nil, err
		}
	}
	for _, s := range res {
		for u, vs := range s.units {
			s.median[u] = median(vs)
		}
	}
	return res, order, nil
}

func median(vs []float64) float64 {
	s := append([]float64(nil), vs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func get(res map[key]*stats, scenario, db, lib, unit string) (float64, bool) {
	s := res[key{scenario, "db=" + db + "/lib=" + lib}]
	if s == nil {
		return 0, false
	}
	v, ok := s.median[unit]
	return v, ok
}

func ratio(res map[key]*stats, scenario, db, lib, unit string) (float64, bool) {
	base, ok1 := get(res, scenario, db, "raw", unit)
	v, ok2 := get(res, scenario, db, lib, unit)
	if !ok1 || !ok2 || base == 0 {
		return 0, false
	}
	return v / base, true
}

// Chart geometry.
const (
	barW     = 6
	groupGap = 12
	panelGap = 30
	plotH    = 170
	marginL  = 50
	top      = 80
	chartGap = 90
	minR     = 0.25
	maxR     = 8.0
)

func writeSVG(w io.Writer, res map[key]*stats) {
	shown := libs[1:]
	groupW := len(shown)*barW + groupGap
	panelW := len(scenarios) * groupW
	width := marginL + len(dbs)*(panelW+panelGap) + 10
	height := top + 2*(plotH+chartGap) + 40
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">`+"\n", width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(w, `<text x="%d" y="18" font-size="14" font-weight="bold">Each library as a ratio to raw database/sql (hand-written SQL = 1x)</text>`+"\n", marginL)
	fmt.Fprintf(w, `<text x="%d" y="34" fill="#555">median of the runs; lower is better; log scale; bars past 8x are labelled with their value</text>`+"\n", marginL)
	// Legend.
	x := marginL
	for _, l := range shown {
		fmt.Fprintf(w, `<rect x="%d" y="44" width="10" height="10" fill="%s"/><text x="%d" y="53">%s</text>`+"\n", x, colors[l], x+14, l)
		x += 20 + 8*len(l)
	}
	y := func(r float64, y0 int) float64 {
		r = math.Max(minR, math.Min(maxR, r))
		return float64(y0+plotH) - (math.Log2(r)-math.Log2(minR))/(math.Log2(maxR)-math.Log2(minR))*plotH
	}
	for ci, unit := range []string{"sec/op", "allocs/op"} {
		y0 := top + 20 + ci*(plotH+chartGap)
		title := map[string]string{"sec/op": "time per operation (ns/op) ÷ raw", "allocs/op": "allocations per operation (allocs/op) ÷ raw"}[unit]
		fmt.Fprintf(w, `<text x="%d" y="%d" font-size="12" font-weight="bold">%s</text>`+"\n", marginL, y0-22, title)
		for di, db := range dbs {
			px := marginL + di*(panelW+panelGap)
			fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold">%s</text>`+"\n", px+panelW/2, y0-6, dbTitles[db])
			for _, g := range []float64{0.25, 0.5, 1, 2, 4, 8} {
				gy := y(g, y0)
				stroke, dash := "#ddd", ` stroke-dasharray="3,3"`
				if g == 1 {
					stroke, dash = "#222", ""
				}
				fmt.Fprintf(w, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s"%s/>`+"\n", px, px+panelW, gy, gy, stroke, dash)
				if di == 0 {
					fmt.Fprintf(w, `<text x="%d" y="%.1f" text-anchor="end">%gx</text>`+"\n", px-4, gy+4, g)
				}
			}
			for si, sc := range scenarios {
				gx := px + si*groupW + groupGap/2
				for li, l := range shown {
					r, ok := ratio(res, sc, db, l, unit)
					if !ok {
						continue
					}
					bx := gx + li*barW
					y1, yb := y(r, y0), y(1, y0)
					lo, hi := math.Min(y1, yb), math.Max(y1, yb)
					fmt.Fprintf(w, `<rect x="%d" y="%.1f" width="%d" height="%.1f" fill="%s"><title>%s %s %s: %.2fx raw</title></rect>`+"\n",
						bx, lo, barW-1, math.Max(hi-lo, 1), colors[l], dbTitles[db], sc, l, r)
					if r > maxR {
						fmt.Fprintf(w, `<text x="%d" y="%.1f" font-size="8" text-anchor="middle">%.0f</text>`+"\n", bx+barW/2, lo-2, r)
					}
				}
				fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="end" font-size="9" transform="rotate(-35 %d %d)">%s</text>`+"\n",
					gx+groupW/2, y0+plotH+12, gx+groupW/2, y0+plotH+12, sc)
			}
		}
	}
	fmt.Fprintln(w, "</svg>")
}

func writeTables(w io.Writer, res map[key]*stats, order []key) {
	for _, db := range dbs {
		if _, ok := get(res, "Read", db, "raw", "sec/op"); !ok {
			continue
		}
		fmt.Fprintf(w, "### %s\n\n", dbTitles[db])
		fmt.Fprintln(w, "| scenario | library | ns/op | B/op | allocs/op | ns ÷ raw | allocs ÷ raw |")
		fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|")
		for _, sc := range scenarios {
			for _, l := range libs {
				ns, ok := get(res, sc, db, l, "sec/op")
				if !ok {
					continue
				}
				b, _ := get(res, sc, db, l, "B/op")
				a, _ := get(res, sc, db, l, "allocs/op")
				rn, _ := ratio(res, sc, db, l, "sec/op")
				ra, _ := ratio(res, sc, db, l, "allocs/op")
				name := l
				if strings.HasPrefix(l, "rx") {
					name = "**" + l + "**"
				}
				fmt.Fprintf(w, "| %s | %s | %s | %.0f | %.0f | %.2f | %.2f |\n", sc, name, fmtNS(ns*1e9), b, a, rn, ra)
			}
		}
		fmt.Fprintln(w)
	}
	// Everything else (the rx-only benchmarks), as measured.
	var rest []key
	for _, k := range order {
		if !contains(scenarios, k.base) {
			rest = append(rest, k)
		}
	}
	if len(rest) == 0 {
		return
	}
	fmt.Fprintln(w, "### rx only")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| benchmark | ns/op | B/op | allocs/op | other |")
	fmt.Fprintln(w, "|---|--:|--:|--:|---|")
	for _, k := range rest {
		s := res[k]
		var other []string
		for _, u := range s.order {
			if u != "sec/op" && u != "B/op" && u != "allocs/op" {
				other = append(other, fmt.Sprintf("%.3g %s", s.median[u], u))
			}
		}
		name := k.base
		if k.conf != "" {
			name += "/" + k.conf
		}
		fmt.Fprintf(w, "| %s | %s | %.0f | %.0f | %s |\n", name, fmtNS(s.median["sec/op"]*1e9), s.median["B/op"], s.median["allocs/op"], strings.Join(other, ", "))
	}
	fmt.Fprintln(w)
}

func fmtNS(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
