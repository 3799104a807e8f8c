#!/usr/bin/env bash
# Search benchmark: builds generated sites of N write-ups, then measures in
# Chromium from file:// what the search page loads before the first keystroke,
# how long each query takes to show its results (first query included), and the
# size of the index on disk against the write-ups' text. With BAOCAO_BASE set to
# another binary, also times that binary's build of the same corpus (to compare
# the build before and after a change).
#
#   bench/search.sh [N ...]          # default: 10000
#   BAOCAO_BASE=/path/to/old/baocao bench/search.sh 10000
#
# Corpora and outputs go to $BENCH_DIR (default /dev/shm/baocao-search-bench).
# Needs python3, node, /usr/bin/chromium, GNU time, and e2e/node_modules.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
dir="${BENCH_DIR:-/dev/shm/baocao-search-bench}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000)

if [ -z "${BAOCAO:-}" ]; then
  (cd "$repo" && cargo build --release --quiet)
  BAOCAO="$repo/target/release/baocao"
fi
[ -d "$repo/e2e/node_modules/playwright-core" ] || (cd "$repo/e2e" && npm ci --ignore-scripts --silent)
mkdir -p "$dir/logs"

# Seconds of wall and CPU time of a build, from GNU time's report.
build() { # binary corpus out log
  rm -rf "$3"
  (cd "$2" && /usr/bin/time -v "$1" build --output "$3" >"$4.out" 2>"$4.time") || {
    echo "build failed, see $4.out and $4.time" >&2
    exit 1
  }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s }
              /User time/ { u = $2 } /System time/ { y = $2 } /Maximum resident/ { m = $2 }
              END { printf "%.2f %.2f %d", w, u + y, m / 1024 }' "$4.time"
}

for n in "${sizes[@]}"; do
  corpus="$dir/$n"
  if [ ! -f "$corpus/.generated" ]; then
    python3 "$here/gen_corpus.py" --count "$n" --seed 1 --out "$corpus" >/dev/null
    touch "$corpus/.generated"
  fi
  out="$dir/out-$n"
  read -r wall cpu mb < <(build "$BAOCAO" "$corpus" "$out" "$dir/logs/build-$n")
  echo "N=$n build: ${wall} s wall, ${cpu} s CPU, ${mb} MB peak"
  if [ -n "${BAOCAO_BASE:-}" ]; then
    read -r bwall bcpu bmb < <(build "$BAOCAO_BASE" "$corpus" "$dir/out-base-$n" "$dir/logs/base-$n")
    echo "N=$n build with BAOCAO_BASE: ${bwall} s wall, ${bcpu} s CPU, ${bmb} MB peak"
    rm -rf "$dir/out-base-$n"
  fi
  text=$(find "$corpus/content" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  index=$(find "$out/tim-kiem" -name '*.js' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  files=$(find "$out/tim-kiem" -name '*.js' | wc -l)
  awk -v t="$text" -v i="$index" -v f="$files" 'BEGIN { printf "index: %.1f MB in %d files; write-ups: %.1f MB of text; ratio %.2f\n", i / 1e6, f, t / 1e6, i / t }'
  node "$here/search-bench.mjs" "$out" | tee "$dir/logs/search-$n.json"
done
