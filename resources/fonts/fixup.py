"""fixup.py MERGED LATIN ARABIC STYLE OUT: finish a merged font for merge.sh.

fontTools' merger takes the largest ascent and descent of the fonts it
merges; Noto Sans Arabic's (1374/-738) would make every line of the app half
as tall again. This puts back the first font's vertical metrics and gives
the result its own name: the OFL reserves the name "Noto" for the
originals.
"""
import sys

from fontTools.ttLib import TTFont

merged_path, latin_path, arabic_path, style, out_path = sys.argv[1:6]
font = TTFont(merged_path)
src = TTFont(latin_path)  # the vertical metrics to keep
arabic = TTFont(arabic_path)

for attr in ("ascent", "descent", "lineGap"):
    setattr(font["hhea"], attr, getattr(src["hhea"], attr))
for attr in ("sTypoAscender", "sTypoDescender", "sTypoLineGap",
             "usWinAscent", "usWinDescent"):
    setattr(font["OS/2"], attr, getattr(src["OS/2"], attr))

family = "Parallax Sans"
version = "Version 1.000"
names = {
    # Both originals' copyright notices, as the OFL asks.
    0: "%s %s" % (src["name"].getDebugName(0), arabic["name"].getDebugName(0)),
    1: family,
    2: style,
    3: "%s;%s-%s" % (version, family.replace(" ", ""), style),
    4: "%s %s" % (family, style),
    5: version + "; merged from Noto Sans 2.004 and Noto Sans Arabic 2.005",
    6: "%s-%s" % (family.replace(" ", ""), style),
}
name = font["name"]
# Trademark and typographic-family records name the originals: drop them.
name.names = [n for n in name.names if n.nameID not in (7, 16, 17, 18, 21, 22)]
for nid, text in names.items():
    name.removeNames(nameID=nid)
    name.setName(text, nid, 3, 1, 0x409)  # Windows, Unicode BMP, en-US
    name.setName(text, nid, 1, 0, 0)  # Macintosh, Roman, English
font["head"].fontRevision = 1.0
# The same inputs give the same bytes: no time stamp of the run.
font["head"].created = src["head"].created
font["head"].modified = src["head"].modified
font.recalcTimestamp = False
font.save(out_path)
