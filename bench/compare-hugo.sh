#!/usr/bin/env bash
# Builds the same catalogue with odop and with Hugo, side by side, and
# prints the medians of wall time and peak memory and their ratios at
# scale 1 (the real catalogue) and 10, then odop alone at scale 80 and
# odop's time per product at 1, 10 and 80.
#
#   bench/compare-hugo.sh [WORKDIR]
#
# WORKDIR (default: a new temporary directory, removed at the end) holds
# the generated sites and both tools' output, so its file system is the
# one measured: give a tmpfs directory to compare the tools' own work, a
# disk one to include the file system's cost. RUNS (default 5) is the
# number of builds per tool and scale, alternating odop and Hugo; BIG
# (default 80) is the odop-only scale, 0 for none, BIG_RUNS (default 3)
# its runs.
# Every build starts from an empty output directory, cleared outside the
# timing. Hugo is Debian's package, installed when missing.
# The Hugo site is in English, so odop builds its default language alone
# (-languages en), the same pages; a last line gives odop's build of the
# real catalogue in all of site.yaml's languages, for scale.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
big=${BIG:-80}
big_runs=${BIG_RUNS:-3}
if [ $# -gt 0 ]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
work=$(cd "$work" && pwd)

if ! command -v hugo >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq hugo >/dev/null
fi

bin=$work/bin
mkdir -p "$bin"
go build -o "$bin/odop" ./cmd/odop
go build -o "$bin/measure" ./bench/measure
go build -o "$bin/hugosite" ./bench/hugosite

# site SCALE: makes the odop site (and the Hugo site) of that scale once.
site() {
  local dir=$work/x$1
  if [ ! -d "$dir/odop" ]; then
    go run ./bench/gen -scale "$1" -out "$dir/odop"
  fi
  if [ "${2:-}" = hugo ] && [ ! -d "$dir/hugo" ]; then
    "$bin/hugosite" -src "$dir/odop" -out "$dir/hugo" >/dev/null
  fi
}

# measure OUT CMD...: empties OUT, runs CMD, prints "wall_ms maxrss_kb".
measure() {
  local out=$1
  shift
  rm -rf "$out"
  "$bin/measure" "$@" | sed 's/wall_ms=//; s/maxrss_kb=//'
}

# median FILE COLUMN: the median of a column of numbers.
median() {
  cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'
}

products() { echo $((1241 * $1)); }

echo "odop and Hugo ($(hugo version | grep -o 'v[0-9.]*' | head -1)) on $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM," \
  "work directory on $(stat -f -c %T "$work"); medians of $runs alternating runs, each into an empty output directory"
printf '%-6s %9s %12s %12s %10s %12s %12s %10s\n' scale products "odop ms" "hugo ms" "time" "odop MB" "hugo MB" "memory"
for scale in 1 10; do
  site "$scale" hugo
  dir=$work/x$scale
  : >"$dir/odop.txt"
  : >"$dir/hugo.txt"
  for _ in $(seq "$runs"); do
    measure "$dir/out-odop" "$bin/odop" build -languages en -src "$dir/odop" -out "$dir/out-odop" >>"$dir/odop.txt"
    measure "$dir/out-hugo" hugo --source "$dir/hugo" --destination "$dir/out-hugo" --minify --quiet >>"$dir/hugo.txt"
  done
  ot=$(median "$dir/odop.txt" 1) om=$(median "$dir/odop.txt" 2)
  ht=$(median "$dir/hugo.txt" 1) hm=$(median "$dir/hugo.txt" 2)
  awk -v s="$scale" -v p="$(products "$scale")" -v ot="$ot" -v ht="$ht" -v om="$om" -v hm="$hm" 'BEGIN {
    printf "%-6s %9d %12.0f %12.0f %9.1fx %12.0f %12.0f %9.1fx\n", "x" s, p, ot, ht, ht / ot, om / 1024, hm / 1024, hm / om }'
  echo "$scale $ot $om" >>"$work/odop-scaling.txt"
done

if [ "$big" -gt 0 ]; then
  site "$big"
  dir=$work/x$big
  : >"$dir/odop.txt"
  for _ in $(seq "$big_runs"); do
    measure "$dir/out-odop" "$bin/odop" build -languages en -src "$dir/odop" -out "$dir/out-odop" >>"$dir/odop.txt"
  done
  rm -rf "$dir/out-odop"
  ot=$(median "$dir/odop.txt" 1) om=$(median "$dir/odop.txt" 2)
  awk -v s="$big" -v p="$(products "$big")" -v ot="$ot" -v om="$om" -v r="$big_runs" 'BEGIN {
    printf "%-6s %9d %12.0f %12s %10s %12.0f %12s %10s   (odop only, median of %d)\n", "x" s, p, ot, "-", "-", om / 1024, "-", "-", r }'
  echo "$big $ot $om" >>"$work/odop-scaling.txt"
fi

echo "odop time per product (linear growth keeps it flat):"
awk '{ printf "  x%-4s %8.1f µs/product  %6.1f KB/product\n", $1, $2 * 1000 / (1241 * $1), $3 / (1241 * $1) }' "$work/odop-scaling.txt"
rm -f "$work/odop-scaling.txt"

# The real catalogue as published: every language of site.yaml.
dir=$work/x1
: >"$dir/odop-all.txt"
for _ in $(seq "$runs"); do
  measure "$dir/out-odop" "$bin/odop" build -src "$dir/odop" -out "$dir/out-odop" >>"$dir/odop-all.txt"
done
pages=$(find "$dir/out-odop" -name '*.html' | wc -l)
rm -rf "$dir/out-odop"
awk -v ot="$(median "$dir/odop-all.txt" 1)" -v om="$(median "$dir/odop-all.txt" 2)" -v n="$pages" \
  -v langs="$(grep '^languages:' site.yaml | tr -cd ',' | wc -c)" 'BEGIN {
  printf "x1 in all %d languages of site.yaml: odop %.0f ms, %.0f MB for %d pages\n", langs + 1, ot, om / 1024, n }'
