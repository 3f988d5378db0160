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
# Fyne reads the locale while its packages initialise, before the app can
# replace a C or POSIX locale it cannot parse (cmd/parallax/locale.go): set
# a parseable one here, so that no locale error is printed at start.
for v in LC_ALL LC_MESSAGES LANG; do
	eval "val=\${$v:-}"
	case "$val" in
	C | C.* | POSIX) export "$v=en_US.UTF-8" ;;
	esac
done
echo "parallax: building (the first build of Fyne's graphics driver takes a few minutes)…" >&2
mkdir -p bin
go build -o bin/parallax ./cmd/parallax
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
	echo "parallax: built bin/parallax, but there is no display to open its window on." >&2
	echo "  Parallax is a desktop app: run this from a desktop session, or try it on a" >&2
	echo "  virtual display: xvfb-run -s '-screen 0 1280x800x24' sh scripts/run-demo.sh" >&2
	exit 1
fi
if [ "$#" -eq 0 ]; then
	exec bin/parallax --demo
fi
exec bin/parallax "$@"
