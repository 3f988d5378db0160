#!/bin/sh
# Smoke test of the real desktop app: build it, start it on a project under
# Xvfb, take a screenshot, check that it is not blank, quit with Ctrl+Q and
# check that the app exits cleanly. Expects the packages test.sh installs.
set -eu
cd "$(dirname "$0")/.."
export LANG="${LANG:-en_US.UTF-8}"
src=${1:-../shared/fixtures/border-crossing}
[ -d "$src" ] || src=resources/demo
out=${SMOKE_OUT:-$(mktemp -d)}
# The app saves its state (cache, workspace) in the project: give it a copy.
project="$out/project"
mkdir -p "$project"
cp "$src"/* "$project"/
chmod -R u+w "$project"
mkdir -p bin "$out"
go build -o bin/parallax ./cmd/parallax

display=:$((90 + $$ % 9))
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

DISPLAY=$display PARALLAX_THREAD_CHECKS=1 bin/parallax "$project" >"$out/app.log" 2>&1 &
app=$!
sleep 8
DISPLAY=$display import -window root "$out/shot.png"
colours=$(convert "$out/shot.png" -format '%k' info:)
echo "smoke: screenshot $out/shot.png has $colours colours"
if [ "$colours" -lt 16 ]; then
	echo "smoke: the window looks blank"; cat "$out/app.log"; exit 1
fi
win=$(DISPLAY=$display xdotool search --name Parallax | head -n 1 || true)
[ -n "$win" ] && DISPLAY=$display xdotool windowactivate --sync "$win" 2>/dev/null || true
DISPLAY=$display xdotool key ctrl+q
i=0
while kill -0 "$app" 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -gt 20 ]; then
		echo "smoke: the app did not quit on Ctrl+Q"; kill "$app"; cat "$out/app.log"; exit 1
	fi
	sleep 0.5
done
wait "$app" || { echo "smoke: the app exited with an error"; cat "$out/app.log"; exit 1; }
if grep -q 'panic:\|Error in Fyne call thread' "$out/app.log"; then
	echo "smoke: the app log reports errors"; cat "$out/app.log"; exit 1
fi
echo "smoke: 1 passed, 0 failed"
