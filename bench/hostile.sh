#!/usr/bin/env bash
# Times `baocao check` (and `build`) on one-file sites whose single write-up is a
# hostile 1 MB file. Goal: check takes at most 2 s on each. A benchmark, not a
# test: nothing asserts a time, nothing in CI runs it.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/hostile.sh [-h] [--clean] [KIND ...]

Builds the release binary once (or uses $BAOCAO), writes for each KIND a site
holding one write-up of about 1 MB under $BENCH_DIR/hostile/KIND, then times
  baocao check --root SITE
  baocao build --root SITE --output OUT
and prints one row per KIND: wall seconds and peak MB of each, the exit codes,
and the first error check reports. Each run is stopped after 120 s.

Kinds (default: all):
  aliases     YAML anchors and aliases to long scalars (a "billion laughs")
  brackets    60,000 nested brackets in the front matter
  bodybrackets  60,000 nested brackets, links and emphasis in the body
  honours     32,000 honours to one unit
  units       2,000 honours to 2,000 different, near-identical units
  controls    control characters pasted all through front matter and body
  links       40,000 body links of every kind (web, write-up, broken)
  longnames   1,000 members with 300-character names

Options:
  -h, --help  show this help and exit
  --clean     delete $BENCH_DIR/hostile and exit

Environment:
  BENCH_DIR   where sites and outputs go (default /dev/shm/baocao-bench)
  BAOCAO      an already built baocao binary to measure
  PYTHON      Python 3 interpreter (default python3)
EOF
}

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
bench_dir="${BENCH_DIR:-/dev/shm/baocao-bench}/hostile"
python="${PYTHON:-python3}"
all_kinds=(aliases brackets bodybrackets honours units controls links longnames)

kinds=()
for arg in "$@"; do
    case "$arg" in
        -h|--help) usage; exit 0 ;;
        --clean) rm -rf "$bench_dir"; exit 0 ;;
        -*) echo "unknown option: $arg" >&2; usage >&2; exit 2 ;;
        *) kinds+=("$arg") ;;
    esac
done
[ ${#kinds[@]} -gt 0 ] || kinds=("${all_kinds[@]}")

if [ -n "${BAOCAO:-}" ]; then
    bin="$BAOCAO"
else
    (cd "$repo" && cargo build --release --quiet)
    bin="$repo/target/release/baocao"
fi

gen() {
    local kind="$1" dir="$2"
    mkdir -p "$dir/content"
    "$python" - "$kind" "$dir/content/a.md" <<'PY'
import sys

kind, path = sys.argv[1], sys.argv[2]
MB = 1_000_000
head = "title: Hội nghị tổng kết\ndate: 2023-11-25\n"
body = "Nội dung.\n"
if kind == "aliases":
    fm = head + 'summary: &a "' + "x" * 10_000 + '"\ntags: ['
    fm += ", ".join(["*a"] * ((MB - len(fm)) // 4)) + "]\n"
elif kind == "brackets":
    fm = head + "tags: " + "[" * 60_000 + "\n"
elif kind == "bodybrackets":
    fm = head
    body = "[" * 60_000 + "\n\n" + "[a](" * 60_000 + "\n\n" + "*_" * 100_000 + "\n\n"
    body += "> " * 50_000 + "x\n\n" + "- " * 50_000 + "x\n"
elif kind == "honours":
    fm = head + "honours:\n" + "  - {title: Cờ thi đua, to: [Lai Châu]}\n" * 32_000
elif kind == "units":
    fm = head + "honours:\n" + "".join(
        f"  - {{title: Cờ thi đua, to: [Đơn vị {i}]}}\n" for i in range(2_000)
    )
elif kind == "controls":
    junk = "\x01\x08\x0b\x0c\x1b\x1e\x1f\x7f"
    fm = head.replace("tổng", "tổng" + junk) + 'summary: "' + ("Tóm" + junk) * 100 + '"\n'
    body = (("Nội dung" + junk + " ") * 20 + "\n\n") * (MB // 400)
elif kind == "links":
    fm = head
    kinds = ["[web](https://cand.com.vn)", "[#](#phan)", "[tự](a.md)", "[thư](mailto:a@b.vn)"]
    body = "\n".join(kinds[i % 4] + " chữ" for i in range(40_000)) + "\n"
elif kind == "longnames":
    fm = head + "cluster: 2\nmembers:\n" + "".join(
        f"  - Đơn vị {i} " + "rất dài " * 37 + "\n" for i in range(1_000)
    )
else:
    sys.exit(f"unknown kind {kind}")
with open(path, "w", encoding="utf-8") as f:
    f.write("---\n" + fm + "---\n\n" + body)
PY
}

# Runs "$@" with a 120 s limit; prints "wall_s peak_MB exit".
timed() {
    local log="$1"; shift
    local code=0
    /usr/bin/time -f "%e %M" -o "$log.time" timeout 120 "$@" >"$log.out" 2>"$log.err" || code=$?
    local wall kb
    read -r wall kb < <(tail -n 1 "$log.time" 2>/dev/null || echo "? 0")
    printf '%s %s %s' "$wall" "$(( ${kb:-0} / 1024 ))" "$code"
}

printf '%-13s %7s %8s %9s %7s %8s %9s  %s\n' \
    kind size_KB chk_wall_s chk_MB chk_rc bld_wall_s bld_MB "bld_rc  first error of check"
for kind in "${kinds[@]}"; do
    site="$bench_dir/$kind"
    rm -rf "$site" "$bench_dir/out-$kind"
    gen "$kind" "$site"
    size=$(( $(stat -c %s "$site/content/a.md") / 1024 ))
    read -r cw cm cc < <(timed "$bench_dir/$kind-check" "$bin" check --root "$site"; echo)
    read -r bw bm bc < <(timed "$bench_dir/$kind-build" "$bin" build --quiet --root "$site" \
        --output "$bench_dir/out-$kind"; echo)
    first=$(grep -m1 -E '^(error|warning)' "$bench_dir/$kind-check.err" | cut -c1-60 || true)
    printf '%-13s %7s %10s %9s %7s %8s %9s %7s  %s\n' \
        "$kind" "$size" "$cw" "$cm" "$cc" "$bw" "$bm" "$bc" "${first:--}"
done
