#!/bin/sh
# Regenerates the encrypted test PDFs from a plain one written here, with
# qpdf (apt-get install -y qpdf). The files are committed so that the tests
# need no qpdf; run this script only to change them.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A one-page PDF with a title in its Info dictionary (a string to decrypt)
# and text on the page (a stream to decrypt); qpdf fixes the offsets.
cat > "$tmp/raw.pdf" <<'PDF'
%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj
4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> endobj
5 0 obj << /Length 94 >>
stream
BT /F1 12 Tf 72 700 Td (Sealed minutes of the harbour council) Tj 0 -16 Td (Second line) Tj ET
endstream
endobj
6 0 obj << /Title (Harbour council minutes) /Author (Clerk of the council) >> endobj
trailer << /Root 1 0 R /Info 6 0 R /Size 7 >>
%%EOF
PDF
qpdf "$tmp/raw.pdf" "$tmp/plain.pdf" || test $? -eq 3 # 3: repaired with warnings
w=--allow-weak-crypto
qpdf $w --encrypt "" owner 40 -- "$tmp/plain.pdf" rc4-40.pdf
qpdf $w --encrypt "" owner 128 --use-aes=n -- "$tmp/plain.pdf" rc4-128.pdf
qpdf --encrypt "" owner 128 --use-aes=y -- "$tmp/plain.pdf" aes-128.pdf
qpdf --encrypt "" owner 128 --use-aes=y --cleartext-metadata -- "$tmp/plain.pdf" aes-128-clearmeta.pdf
qpdf --encrypt "" owner 256 -- "$tmp/plain.pdf" aes-256.pdf
qpdf --encrypt "" owner 256 --force-R5 -- "$tmp/plain.pdf" aes-256-r5.pdf
qpdf --object-streams=generate --encrypt "" owner 256 -- "$tmp/plain.pdf" aes-256-objstm.pdf
qpdf --encrypt openpassword owner 256 -- "$tmp/plain.pdf" aes-256-password.pdf
qpdf $w --encrypt openpassword owner 128 --use-aes=n -- "$tmp/plain.pdf" rc4-128-password.pdf
