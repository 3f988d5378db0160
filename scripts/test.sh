#!/bin/sh
# Sets up what the tests need on Debian/Ubuntu and runs every check: gofmt,
# go vet, staticcheck, all unit/integration tests (the UI ones headless), and a
# smoke test of the real app under Xvfb.
#   poppler-utils: pdftotext/pdftoppm, the reference our PDF and report tests compare against
#   xvfb, imagemagick, xdotool: the smoke test's virtual display, screenshot and key presses
#   postgresql: a throwaway server (scripts/pg-local.sh) for the PostgreSQL store's tests
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go
need_packages $FYNE_BUILD_PACKAGES poppler-utils xvfb imagemagick xdotool postgresql
export LANG="${LANG:-en_US.UTF-8}"

# A throwaway PostgreSQL cluster for the PostgreSQL store's tests (in a
# temporary folder, on a Unix socket only), stopped and deleted at exit.
# A server given in PARALLAX_TEST_POSTGRES is used instead.
pg_note=""
if [ -z "${PARALLAX_TEST_POSTGRES:-}" ]; then
	pgdir=$(mktemp -d /tmp/parallax-pg.XXXXXX)
	trap 'sh scripts/pg-local.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir" "$pgdir.err"' EXIT
	echo "== a throwaway PostgreSQL server"
	if PARALLAX_TEST_POSTGRES=$(sh scripts/pg-local.sh start "$pgdir" 2>"$pgdir.err"); then
		export PARALLAX_TEST_POSTGRES
		echo "$PARALLAX_TEST_POSTGRES"
	else
		PARALLAX_TEST_POSTGRES=""
		pg_note="PostgreSQL could not be started ($(tail -n 1 "$pgdir.err")): the PostgreSQL store's tests were skipped"
		echo "$pg_note"
	fi
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet -tags ci ./...

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags ci ./...

echo "== go test"
log=$(mktemp)
if go test -tags ci -v -timeout 20m ./... >"$log" 2>&1; then status=0; else status=$?; fi
# Print the package summary (the verbose log only when something failed).
if [ "$status" -eq 0 ]; then
	grep -E '^(ok|FAIL|--- FAIL)' "$log" || true
else
	cat "$log"
fi
tests_passed=$(grep -cE '^\s*--- PASS' "$log" || true)
tests_failed=$(grep -cE '^\s*--- FAIL' "$log" || true)
tests_skipped=$(grep -cE '^\s*--- SKIP' "$log" || true)
# Each skipped test with its reason (the line the test logged after SKIP).
skips=$(mktemp)
awk '/^=== (RUN|CONT|PAUSE)/{reason=""; next}
	/^[ \t]*--- SKIP: /{print $3 ": " reason; next}
	{line=$0; sub(/^[ \t]*/, "", line); sub(/^[A-Za-z_0-9]+\.go:[0-9]+: /, "", line); if (line != "") reason=line}' "$log" >"$skips"
rm -f "$log"
if [ "$status" -ne 0 ]; then
	echo "go test: $tests_passed passed, $tests_failed failed"
	exit "$status"
fi

echo "== go test -race (engine, loader, grouping, the stores and the window's packages)"
racelog=$(mktemp)
if ! go test -tags ci -race -timeout 20m ./internal/engine/ ./internal/project/ ./internal/alias/ ./internal/store/... ./ui/... >"$racelog" 2>&1; then
	cat "$racelog"; rm -f "$racelog"
	echo "go test -race failed"; exit 1
fi
grep -cE '^ok ' "$racelog" | sed 's/$/ packages race-free/'
rm -f "$racelog"

echo "== complexity: the ten most complex functions (gocyclo; a list to watch, not a gate)"
go run github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0 -top 10 -ignore '_test|confusables_table' internal ui cmd || true
echo "== fuzz the parsers of project files (a few seconds each)"
sh scripts/fuzz.sh

echo "== smoke test of the desktop app"
sh scripts/smoke.sh
if [ -s "$skips" ]; then
	echo "== skipped tests and why"
	sed 's/^/  /' "$skips"
fi
rm -f "$skips"
echo "all: $((tests_passed + 1)) passed, 0 failed, $tests_skipped skipped${pg_note:+ ($pg_note)}"
