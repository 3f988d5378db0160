#!/bin/sh
# Builds a Linux desktop package (dist/Parallax.tar.xz: binary, .desktop
# entry, icon) with the fyne tool, pinned in scripts/fyne-tool, from the
# repository's FyneApp.toml.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go
need_packages $FYNE_BUILD_PACKAGES
root=$(pwd)
mkdir -p bin dist
(cd scripts/fyne-tool && go build -o "$root/bin/fyne" fyne.io/tools/cmd/fyne)
# fyne reads FyneApp.toml beside the main package: hand it the root one.
cp FyneApp.toml cmd/parallax/FyneApp.toml
trap 'rm -f "$root/cmd/parallax/FyneApp.toml"' EXIT
(cd cmd/parallax && "$root/bin/fyne" package --target linux --release --icon "$root/resources/icons/parallax.png")
mv cmd/parallax/*.tar.xz dist/
ls -l dist/
