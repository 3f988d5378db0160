#!/bin/sh
# Runs every fuzz target of a parser that reads project files (files from a
# folder Parallax did not make) for a short time each: FUZZTIME (default 3s).
# Called by scripts/test.sh; run it alone with a longer FUZZTIME to hunt.
# A failing input is saved under the package's testdata/fuzz/ by go test:
# commit it, so it stays a regression test.
set -eu
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-3s}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# package target: one line each.
targets="
./internal/sourcemeta FuzzSidecar
./internal/sourcemeta FuzzOverrides
./internal/alias FuzzDecisions
./internal/framing FuzzLexicon
./internal/entity FuzzProjectAliases
./internal/project FuzzCacheRecord
./internal/project FuzzCacheIndex
./internal/project FuzzFrontMatter
./internal/workspace FuzzLoad
"

echo "$targets" | while read -r pkg target; do
	[ -n "$pkg" ] || continue
	echo "fuzz $target ($pkg, $fuzztime)"
	go test -tags ci -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" "$pkg" >"$log" 2>&1 || {
		cat "$log"; exit 1
	}
done
