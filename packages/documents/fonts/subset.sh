#!/usr/bin/env bash
# Makes the committed DejaVu Sans subsets the PDF embeds, from the dejavu-fonts-ttf package.
# Needs fontTools' pyftsubset (Debian: apt-get install fonttools). Run from the repository root after npm ci:
#   bash packages/documents/fonts/subset.sh
# Kept: Latin with Latin-1 and Extended-A (names, addresses, e-mails), Greek, all of Cyrillic (Russian, Ukrainian,
# Kazakh…), punctuation, №, ₽ € ₸ and a few maths signs. Dropped: hinting and layout tables, which jsPDF does not use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(dirname "$(node -p "require.resolve('dejavu-fonts-ttf/package.json')")")"
unicodes='U+0020-007E,U+00A0-017F,U+0370-03FF,U+0400-04FF,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+20B8,U+20BD,U+2116,U+2122,U+2190-2193,U+2212,U+2248,U+2260,U+2264,U+2265,U+FFFD'
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$src/ttf/$face.ttf" --unicodes="$unicodes" --layout-features='' --no-hinting \
    --name-IDs='*' --name-languages='*' --notdef-outline --output-file="$here/$face-subset.ttf"
done
cp "$src/LICENSE" "$here/LICENSE-DejaVu.txt"
