#!/bin/sh
# Sets up what the tests need on Debian/Ubuntu and runs every check: gofmt,
# go vet, staticcheck, all unit/integration tests (the UI ones headless), and a
# smoke test of the real app under Xvfb.
#   poppler-utils: pdftotext/pdftoppm, the reference our PDF and report tests compare against
#   xvfb, imagemagick, xdotool: the smoke test's virtual display, screenshot and key presses
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go
need_packages $FYNE_BUILD_PACKAGES poppler-utils xvfb imagemagick xdotool
export LANG="${LANG:-en_US.UTF-8}"

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
if go test -tags ci -timeout 20m ./... >"$log" 2>&1; then status=0; else status=$?; fi
cat "$log"
passed=$(grep -c '^ok' "$log" || true)
failed=$(grep -c '^FAIL' "$log" || true)
rm -f "$log"
[ "$status" -eq 0 ] || { echo "go test failed ($failed failing packages)"; exit "$status"; }
echo "go test: $passed packages passed"

echo "== smoke test of the desktop app"
sh scripts/smoke.sh
