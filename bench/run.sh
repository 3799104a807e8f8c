#!/usr/bin/env bash
# Benchmark `baocao build` and `baocao check` on synthetic corpora of N write-ups.
# A benchmark, not a test: nothing in CI runs it. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/run.sh [-h] [--clean] [N ...]

Builds the release binary once, then for each N (default: 1000 10000 100000):
  1. generates a corpus of N write-ups with bench/gen_corpus.py under
     $BENCH_DIR/N (re-used when it was already made with the same N, seed
     and generator);
  2. removes $BENCH_DIR/out-N and times
       baocao build --root $BENCH_DIR/N --output $BENCH_DIR/out-N
  3. times  baocao check --root $BENCH_DIR/N
and prints one table row per N.

Columns:
  N          write-ups in the corpus
  wall_s     build: elapsed wall-clock seconds
  cpu_s      build: user + system CPU seconds (above wall_s = parallel work)
  peak_MB    build: maximum resident set size
  pages      pages the build reports ("built X pages ...")
  out_MB     size of the output folder (du -sm)
  chk_wall_s check: elapsed wall-clock seconds
  chk_MB     check: maximum resident set size
  chk_E/W    errors/warnings that check reports (expected: 0/0)

Options:
  -h, --help  show this help and exit
  --clean     delete $BENCH_DIR (corpora and outputs) and exit

Environment:
  BENCH_DIR   where corpora and outputs go (default /dev/shm/baocao-bench;
              keep it on tmpfs so disk speed does not dominate)
  SEED        corpus seed (default 1)
  PYTHON      Python 3.11+ interpreter (default python3)
  BAOCAO      an already built baocao binary to measure instead of building
              target/release/baocao (e.g. to compare two versions)

Logs of every run are kept in $BENCH_DIR/logs/. Exits non-zero when the
binary cannot be built, a corpus cannot be generated, or a build fails.
EOF
}

BENCH_DIR=${BENCH_DIR:-/dev/shm/baocao-bench}
SEED=${SEED:-1}
PYTHON=${PYTHON:-python3}

sizes=()
for arg in "$@"; do
    case "$arg" in
        -h|--help) usage; exit 0 ;;
        --clean)
            rm -rf -- "$BENCH_DIR"
            echo "removed $BENCH_DIR"
            exit 0 ;;
        ''|*[!0-9]*)
            echo "error: unknown argument '$arg' (N must be a whole number)" >&2
            echo "run 'bench/run.sh -h' for usage" >&2
            exit 2 ;;
        *) sizes+=("$arg") ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time is missing (it measures peak memory)." >&2
    echo "install it with:  apt-get install time" >&2
    exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bin="${BAOCAO:-$repo/target/release/baocao}"
gen="$here/gen_corpus.py"

mkdir -p "$BENCH_DIR/logs"
if [ "$(stat -f -c %T "$BENCH_DIR" 2>/dev/null)" != "tmpfs" ]; then
    echo "warning: $BENCH_DIR is not on tmpfs; disk writes will weigh on the timings" >&2
fi

if [ -n "${BAOCAO:-}" ]; then
    if [ ! -x "$bin" ]; then
        echo "error: BAOCAO=$bin is not an executable file" >&2
        exit 2
    fi
    bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
    version="$bin"
else
    echo "building the release binary ..." >&2
    if ! (cd "$repo" && cargo build --release --quiet) >"$BENCH_DIR/logs/cargo.log" 2>&1; then
        cat "$BENCH_DIR/logs/cargo.log" >&2
        echo "error: cargo build --release failed" >&2
        exit 1
    fi
    version=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git -C "$repo" status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ]; then
        version="$version+uncommitted changes"
    fi
fi

gen_hash=$(sha256sum "$gen" | cut -c1-16)

# Fields of a `/usr/bin/time -v` report, as numbers.
wall_of() {   # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.5" -> seconds
    awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        printf "%.2f", s }' "$1"
}
cpu_of() {
    awk -F': ' '/User time \(seconds\)/ {u = $2} /System time \(seconds\)/ {s = $2}
        END { printf "%.2f", u + s }' "$1"
}
rss_mb_of() {
    awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"
}

echo "baocao $version, $(nproc) cores, seed $SEED, corpora and output in $BENCH_DIR" >&2
fmt='%8s %8s %8s %8s %8s %8s %10s %8s %8s\n'
printf "$fmt" N wall_s cpu_s peak_MB pages out_MB chk_wall_s chk_MB chk_E/W

for n in "${sizes[@]}"; do
    corpus="$BENCH_DIR/$n"
    out="$BENCH_DIR/out-$n"
    log="$BENCH_DIR/logs/$n"
    stamp="count=$n seed=$SEED generator=$gen_hash"

    if [ "$(cat "$corpus/.bench-stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "generating $n write-ups in $corpus ..." >&2
        rm -rf -- "$corpus"
        mkdir -p "$corpus"
        start=$(date +%s.%N)
        if ! "$PYTHON" "$gen" --count "$n" --seed "$SEED" --out "$corpus"; then
            echo "error: generating the corpus of $n failed" >&2
            exit 1
        fi
        echo "$stamp" >"$corpus/.bench-stamp"
        awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "  generated in %.1fs\n", b - a }' >&2
    fi

    rm -rf -- "$out"
    echo "N=$n: baocao build ..." >&2
    status=0
    /usr/bin/time -v -o "$log.build.time" \
        "$bin" build --root "$corpus" --output "$out" \
        >"$log.build.out" 2>"$log.build.err" || status=$?
    if [ "$status" -ne 0 ]; then
        echo "error: baocao build failed on N=$n (exit $status); last lines of $log.build.err:" >&2
        tail -n 20 "$log.build.err" >&2
        exit 1
    fi
    pages=$(sed -n 's/^built \([0-9]*\) pages.*/\1/p' "$log.build.out" | head -n 1)
    out_mb=$(du -sm "$out" | cut -f1)

    echo "N=$n: baocao check ..." >&2
    status=0
    /usr/bin/time -v -o "$log.check.time" \
        "$bin" check --root "$corpus" \
        >"$log.check.out" 2>"$log.check.err" || status=$?
    ew=$(cat "$log.check.out" "$log.check.err" |
        sed -n 's/.*checked [0-9]* write-ups: \([0-9]*\) errors\{0,1\}, \([0-9]*\) warnings\{0,1\}.*/\1\/\2/p' |
        head -n 1)
    if [ "$status" -ne 0 ]; then
        echo "warning: baocao check exited $status on N=$n; see $log.check.err" >&2
    fi

    printf "$fmt" "$n" "$(wall_of "$log.build.time")" "$(cpu_of "$log.build.time")" \
        "$(rss_mb_of "$log.build.time")" "${pages:-?}" "$out_mb" \
        "$(wall_of "$log.check.time")" "$(rss_mb_of "$log.check.time")" "${ew:-?}"
done
