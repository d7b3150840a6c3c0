#!/usr/bin/env bash
# Parses every bundled scenario's Mermaid ladder (and the state diagram)
# with the real Mermaid CLI. Not part of `go test`: it needs npm and a
# headless Chromium. Usage: scripts/check-mermaid.sh [MMDC_DIR]
#   apt-get install chromium
#   npm install --prefix /tmp/mmdc @mermaid-js/mermaid-cli   (PUPPETEER_SKIP_DOWNLOAD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
mmdc_dir=${1:-/tmp/mmdc}
mmdc="$mmdc_dir/node_modules/.bin/mmdc"
chromium=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
[ -x "$mmdc" ] || { echo "no mmdc at $mmdc: PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix $mmdc_dir @mermaid-js/mermaid-cli"; exit 2; }
[ -x "$chromium" ] || { echo "no Chromium at $chromium: apt-get install chromium"; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"executablePath":"%s","args":["--no-sandbox","--disable-gpu","--disable-dev-shm-usage"]}\n' "$chromium" >"$work/puppeteer.json"
go build -o "$work/tcpsim" ./cmd/tcpsim
# One Markdown file with every chart: one browser start for all of them.
md="$work/all.md"
n=0
for name in $(ls scenarios/*.yaml | xargs -n1 basename | sed 's/\.yaml$//'); do
  for kind in ladder states; do
    flag=""; [ "$kind" = states ] && flag=--states
    "$work/tcpsim" diagram "$name" $flag -o "$work/$name-$kind.mmd" >/dev/null
    { echo "## $name $kind"; echo; echo '```mermaid'; cat "$work/$name-$kind.mmd"; echo '```'; echo; } >>"$md"
    n=$((n + 1))
  done
done
"$mmdc" -q -p "$work/puppeteer.json" -i "$md" -o "$work/out.md"
echo "mermaid-cli parsed and drew all $n charts"
