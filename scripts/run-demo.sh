#!/bin/sh
# Sets up what Parallax needs on Debian/Ubuntu (a C compiler and the X11/GL
# development headers Fyne builds against), builds the desktop app and opens
# the demo project that ships inside it. Extra arguments go to the app
# (e.g. a project folder instead of the demo).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go
need_packages $FYNE_BUILD_PACKAGES
export LANG="${LANG:-en_US.UTF-8}"
echo "parallax: building (the first build of Fyne's graphics driver takes a few minutes)…" >&2
mkdir -p bin
go build -o bin/parallax ./cmd/parallax
if [ "$#" -eq 0 ]; then
	exec bin/parallax --demo
fi
exec bin/parallax "$@"
