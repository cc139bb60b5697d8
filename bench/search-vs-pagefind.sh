#!/usr/bin/env bash
# Compares odop's search with Pagefind 1.6.0 on the same pages, in one run:
# builds the real catalogue, installs Pagefind from the npm registry into a
# temporary directory (never into the repository), runs it over a copy of
# the built site whose search page uses Pagefind's default UI, serves both
# sites on the loopback address and drives headless Chromium through each:
# load the search page, then type the query. It prints, for both sides,
# bytes and requests of each step, the time from the last keystroke to
# results, the index's size and its build time.
#
# Needs Go, npm and Debian's chromium. Takes about a minute; not run in CI.
# Usage: bench/search-vs-pagefind.sh [QUERY]   (default: turmeric)
set -euo pipefail
cd "$(dirname "$0")/.."
query="${1:-turmeric}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building the site..." >&2
# English alone: the pages the issue's Hugo build has, so that Pagefind
# indexes one language's 2,089 pages, not all eight languages'.
go run ./cmd/odop build -languages en -out "$work/site" -base-url http://127.0.0.1/ >&2

echo "installing pagefind@1.6.0..." >&2
npm install --silent --no-audit --no-fund --prefix "$work/npm" pagefind@1.6.0 >&2

go run ./bench/searchbench -repo . -site "$work/site" -work "$work" \
  -pagefind "$work/npm/node_modules/.bin/pagefind" -q "$query"
