#!/bin/sh
# Runs Parallax's benchmarks. They read the corpora in ../shared/corpora
# (unpacked once into the temporary folder) and report each figure as a
# ratio against a baseline measured in the same run; see BENCHMARKS.md.
# Pass a package pattern to run fewer, e.g. sh scripts/bench.sh ./internal/reuse
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go
need_packages poppler-utils
export LANG="${LANG:-en_US.UTF-8}"
pkgs=${*:-./internal/... ./ui/...}
# shellcheck disable=SC2086
go test -tags ci -run '^$' -bench . -benchtime 1x -timeout 60m $pkgs
