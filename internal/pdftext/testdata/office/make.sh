#!/bin/sh
# Makes the PDFs of this folder from their texts with LibreOffice Writer,
# as an analyst saving an article would: each text becomes an HTML page
# (first line the headline; lang and dir set; Noto fonts; paragraphs
# justified when the name ends in -justified) exported with
# writer_pdf_Export. Needs soffice (Debian: libreoffice-writer-nogui,
# fonts-noto-core). The PDFs are committed; run this only to remake them.
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for txt in *.txt; do
	name=${txt%.txt}
	lang=${name%%-*}
	dir=ltr
	font="Noto Serif"
	align=start
	case $name in
	*-justified) align=justify ;;
	esac
	case $lang in
	ar | fa) dir=rtl font="Noto Naskh Arabic" ;;
	esac
	{
		printf '<!doctype html><html lang="%s" dir="%s"><head><meta charset="utf-8"><title>%s</title>' "$lang" "$dir" "$name"
		printf '<style>body{font-family:"%s";font-size:12pt} p{text-align:%s}</style></head><body>\n' "$font" "$align"
		awk 'NR==1 {print "<h1>" $0 "</h1>"; next} NF {print "<p>" $0 "</p>"}' "$txt"
		printf '</body></html>\n'
	} >"$tmp/$name.html"
	soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$tmp" "$tmp/$name.html" >/dev/null
	cp "$tmp/$name.pdf" "$name.pdf"
done
