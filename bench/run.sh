#!/usr/bin/env bash
# Runs the benchmark suite and regenerates results.md, chart.svg,
# benchstat.txt and the tables in README.md from one fresh run.
#
#   bash run.sh                       # -count 10, about 45 minutes on 2 cores
#   COUNT=5 BENCHTIME=500ms bash run.sh
#   RAW=old.txt bash run.sh           # only redraw from an existing output
#
# The databases come from RX_TEST_MYSQL_URL and RX_TEST_POSTGRES_URL, as
# for the tests (defaults: root@127.0.0.1:3306 and postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")"
count=${COUNT:-10}
benchtime=${BENCHTIME:-1s}
out=${RAW:-}
if [ -z "$out" ]; then
  out=new.txt
  # The comparison and the rx-only benchmarks. BenchmarkRegister needs a
  # bounded b.N and the 1,000,000-row Iter runs only when named: both get
  # their own runs below.
  go test -run '^$' -bench '^Benchmark(Insert|InsertMulti|Update|Read|ReadSlice|Delete|FindPage|Bulk|BuildSelect)$' \
    -count "$count" -benchtime "$benchtime" -timeout 4h . | tee "$out"
  go test -run '^$' -bench '^BenchmarkRegister$' -count "$count" -benchtime 100x . | grep -v '^\(PASS\|ok\|goos\|goarch\|pkg\|cpu\)' | tee -a "$out"
  go test -run '^$' -bench '^BenchmarkIter$' -count 3 -benchtime 1x . | grep '^Benchmark' | tee -a "$out"
fi
go run ./cmd/chart -svg chart.svg -md results.md "$out"
go run golang.org/x/perf/cmd/benchstat -col /lib -row .name,/db "$out" > benchstat.txt || true
# Splice the tables into README.md between the markers.
awk -v tables=results.md '
  /<!-- results:begin -->/ { print; while ((getline line < tables) > 0) print line; skip = 1; next }
  /<!-- results:end -->/ { skip = 0 }
  !skip { print }
' README.md > README.md.tmp && mv README.md.tmp README.md
echo "wrote chart.svg, results.md, benchstat.txt and README.md from $out"
