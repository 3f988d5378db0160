#!/bin/sh
# merge.sh builds ParallaxSans-Regular.ttf and ParallaxSans-Bold.ttf, the
# app theme's text fonts: Noto Sans (Latin, Greek, Cyrillic) and Noto Sans
# Arabic (Arabic, Persian) merged into one face with Noto Sans's vertical
# metrics, so that Fyne's own widgets draw Arabic without growing taller.
# Needs Debian's fonttools package (apt-get install -y fonttools): it was
# run with fonttools 4.38.0-1+deb12u1. Run it from any directory:
#   sh resources/fonts/merge.sh
# or through go generate ./resources/. README.txt says more.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# Debian's fonttools lives in the system Python, not in a pyenv one.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for style in Regular Bold; do
	for src in NotoSans NotoSansArabic; do
		# Drop the hinting: each font has its own ttfautohint programs
		# (fpgm, prep, cvt), which cannot be merged, and Fyne's
		# rasteriser ignores hints anyway. DSIG is dropped as a merged
		# font's signature would be wrong.
		"$py" -m fontTools.subset "$here/$src-$style.ttf" \
			--unicodes='*' --glyphs='*' --layout-features='*' \
			--layout-scripts='*' --name-IDs='*' --name-languages='*' \
			--no-hinting --notdef-outline --glyph-names --legacy-kern \
			--drop-tables+=DSIG --output-file="$tmp/$src-$style.ttf"
	done
	# The first font wins where both map a character (digits, space,
	# common punctuation, the joiners): those draw as in Noto Sans.
	"$py" -m fontTools.merge --output-file="$tmp/merged-$style.ttf" \
		"$tmp/NotoSans-$style.ttf" "$tmp/NotoSansArabic-$style.ttf"
	"$py" "$here/fixup.py" "$tmp/merged-$style.ttf" "$here/NotoSans-$style.ttf" \
		"$here/NotoSansArabic-$style.ttf" "$style" "$here/ParallaxSans-$style.ttf"
done
