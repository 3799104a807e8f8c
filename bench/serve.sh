#!/usr/bin/env bash
# Time `baocao serve` rebuilds after single-file edits on a synthetic corpus.
# A benchmark, not a test: nothing in CI runs it. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/serve.sh [-h] [N] [REPS]

Copies the bench corpus of N write-ups (default 10000; made by bench/run.sh
or generated here) to a scratch folder, starts `baocao serve --port 0` on it,
then edits one write-up REPS times (default 7) in each of these ways, waiting
for each rebuild:

  word     a sentence of the body changes (the write-up keeps its place)
  title    the title changes (its rows on list pages change)
  date     the date moves to another month of the same year (the cluster
           timeline is reordered)
  cluster  the write-up moves to another cluster, and back
  member   a member unit is added, and removed
  delete   another write-up's file is removed
  add      ... and put back
  error    a date becomes 31/02 (the browser shows the error page)
  fix      ... and is restored

and prints min / median / max of the time serve reports for each rebuild:
from applying the file event to telling the browser to reload. (serve waits
5 ms after the first event of a burst to gather an editor's other events
before it starts; add those 5 ms for the time from the file event.)

Environment: BENCH_DIR (default /dev/shm/baocao-bench), SEED (default 1),
PYTHON (default python3), BAOCAO (a built binary; default: build
target/release/baocao).
EOF
}

n=10000
reps=7
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -ge 1 ] && n=$1
[ $# -ge 2 ] && reps=$2
for v in "$n" "$reps"; do
    case "$v" in ''|*[!0-9]*) echo "error: N and REPS must be whole numbers (see -h)" >&2; exit 2 ;; esac
done

BENCH_DIR=${BENCH_DIR:-/dev/shm/baocao-bench}
SEED=${SEED:-1}
PYTHON=${PYTHON:-python3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bin="${BAOCAO:-$repo/target/release/baocao}"

if [ -z "${BAOCAO:-}" ]; then
    echo "building the release binary ..." >&2
    (cd "$repo" && cargo build --release --quiet)
fi
corpus="$BENCH_DIR/$n"
if [ ! -f "$corpus/site.yaml" ]; then
    echo "generating $n write-ups in $corpus ..." >&2
    mkdir -p "$corpus"
    "$PYTHON" "$here/gen_corpus.py" --count "$n" --seed "$SEED" --out "$corpus"
fi

site="$BENCH_DIR/serve-$n"
log="$BENCH_DIR/logs/serve-$n.log"
mkdir -p "$BENCH_DIR/logs"
rm -rf -- "$site"
cp -r "$corpus" "$site"
: >"$log"

"$bin" serve --root "$site" --port 0 >/dev/null 2>>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf -- "$site"' EXIT
echo "serve started (pid $pid); waiting for the first build ..." >&2
for _ in $(seq 300); do
    grep -q "^built " "$log" && break
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; echo "error: serve exited" >&2; exit 1; }
    sleep 0.2
done
grep "^built " "$log" >&2

# The edits, and the reading of the log, in Python: it picks a write-up with
# members and a cluster, and another file to delete and restore.
"$PYTHON" - "$site" "$log" "$reps" <<'PY'
import pathlib, re, statistics, sys, time

site, log, reps = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
files = sorted((site / "content").rglob("*.md"))
target = next(f for f in files if re.search(r"^members: \[", f.read_text(), re.M)
              and re.search(r"^cluster: \d+$", f.read_text(), re.M)
              and re.search(r"^date: ", f.read_text(), re.M))
other = files[len(files) // 2] if files[len(files) // 2] != target else files[len(files) // 2 + 1]
held = site / "held-out.md.txt"
original = target.read_text()

def lines_of_log():
    return log.read_text(errors="replace").splitlines()

def wait_for_rebuild(seen):
    """The time serve prints for the next rebuild after `seen` log lines
    (a rebuild that finds errors prints it too)."""
    for _ in range(600):
        lines = lines_of_log()
        for line in lines[seen:]:
            m = re.search(r"(?:rebuilt \d+ pages .*?|built \d+ files|errors \(found) in ([\d.]+) ms", line)
            if m:
                return float(m.group(1)), len(lines)
        time.sleep(0.05)
    raise SystemExit("error: no rebuild seen in 30 s; see " + str(log))

def sub(pattern, repl, text):
    new, count = re.subn(pattern, repl, text, count=1, flags=re.M)
    if count != 1:
        raise SystemExit(f"error: {target} has no line matching {pattern!r}")
    return new

def date_moved(text, r):
    m = re.search(r"^date: (.*)$", text, re.M)
    value = m.group(1).strip()
    iso = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)
    dmy = re.fullmatch(r"(\d\d?)/(\d\d?)/(\d{4})", value)
    year = iso.group(1) if iso else dmy.group(3)
    month = int(iso.group(2) if iso else dmy.group(2))
    month = month % 12 + 1 if r % 2 == 0 else (month + 5) % 12 + 1
    return sub(r"^date: .*$", f"date: {year}-{month:02d}-15", text)

results = {}
seen = len(lines_of_log())
def step(kind, action):
    global seen
    action()
    took, seen = wait_for_rebuild(seen)
    results.setdefault(kind, []).append(took)
    time.sleep(0.3)

for r in range(reps):
    text = target.read_text()
    step("word", lambda: target.write_text(text.replace("\n---\n", f"\n---\nĐoạn thêm {r}.\n", 1)))
    text = target.read_text()
    step("title", lambda: target.write_text(sub(r'^title: "', f'title: "({r}) ', text)))
    text = target.read_text()
    step("date", lambda: target.write_text(date_moved(text, r)))
    text = target.read_text()
    cur = int(re.search(r"^cluster: (\d+)$", text, re.M).group(1))
    step("cluster", lambda: target.write_text(sub(r"^cluster: \d+$", f"cluster: {cur % 17 + 1}", text)))
    text = target.read_text()
    step("member", lambda: target.write_text(sub(r"^members: \[", "members: [Hà Giang, ", text)
                                              if "Hà Giang" not in text else text.replace("Hà Giang, ", "", 1)))
    step("delete", lambda: other.rename(held))
    step("add", lambda: held.rename(other))
    text = target.read_text()
    step("error", lambda: target.write_text(sub(r"^date: .*$", "date: 31/02/2020", text)))
    step("fix", lambda: target.write_text(text))

target.write_text(original)
print(f"{'edit':8} {'n':>3} {'min_ms':>7} {'median':>7} {'max_ms':>7}")
for kind in ["word", "title", "date", "cluster", "member", "delete", "add", "error", "fix"]:
    v = results.get(kind, [])
    if v:
        print(f"{kind:8} {len(v):3d} {min(v):7.1f} {statistics.median(v):7.1f} {max(v):7.1f}")
    else:
        print(f"{kind:8} {0:3d}       -       -       -")
PY
