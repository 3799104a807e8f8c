#!/usr/bin/env bash
# Benchmark the photos of a site: first build, cached rebuild, and serve
# showing one added photo. A benchmark, not a test: nothing in CI runs it.
# See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/photos.sh [-h] [PHOTOS] [WRITEUPS]

Builds the release binary and the noisy_photos example, then:
  1. generates a corpus of WRITEUPS write-ups (default 100) with
     bench/gen_corpus.py, twice: as is ("no photos"), and with PHOTOS
     (default 200) noisy 4000 x 3000 JPEGs of about 4 MB, two per write-up
     in the folder of its name, shown in its body;
  2. times `baocao build` of the photo site with an empty cache (wall,
     CPU, peak memory with /usr/bin/time -v);
  3. times a second build with the cache, and a build of the same site
     without photos (the target: within 0.3 s of it);
  4. starts `baocao serve` on the photo site, adds one photo and its
     reference to a write-up, and reports the time serve took to show it
     (the rebuild time serve prints; target: under 1 s).

Environment: BENCH_DIR (default /dev/shm/baocao-bench), SEED (default 1),
PYTHON (default python3), BAOCAO (a built binary; default: build
target/release/baocao).
EOF
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
photos=${1:-200}
writeups=${2:-100}
for v in "$photos" "$writeups"; do
    case "$v" in ''|*[!0-9]*) echo "error: PHOTOS and WRITEUPS must be whole numbers (see -h)" >&2; exit 2 ;; esac
done

BENCH_DIR=${BENCH_DIR:-/dev/shm/baocao-bench}
SEED=${SEED:-1}
PYTHON=${PYTHON:-python3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bin="${BAOCAO:-$repo/target/release/baocao}"

echo "building the release binary and the photo generator ..." >&2
if [ -z "${BAOCAO:-}" ]; then
    (cd "$repo" && cargo build --release --quiet)
fi
(cd "$repo" && cargo build --release --quiet --example noisy_photos)
gen="$repo/target/release/examples/noisy_photos"

originals="$BENCH_DIR/photo-originals"
echo "generating $photos noisy photos in $originals (kept between runs) ..." >&2
# One more than the site holds: serve is shown a photo it has never seen.
"$gen" "$originals" "$((photos + 1))"
du -sh "$originals" >&2

plain="$BENCH_DIR/photos-none-$writeups"
site="$BENCH_DIR/photos-site-$writeups"
logs="$BENCH_DIR/logs"
mkdir -p "$logs"
rm -rf -- "$plain" "$site"
mkdir -p "$plain"
"$PYTHON" "$here/gen_corpus.py" --count "$writeups" --seed "$SEED" --out "$plain" >/dev/null
cp -r "$plain" "$site"

# Two photos per write-up (as many as there are), in the folder of its name.
"$PYTHON" - "$site" "$originals" "$photos" <<'PY'
import pathlib, shutil, sys
site, originals, count = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
files = sorted((site / "content").rglob("*.md"))
n = 0
for md in files:
    if n >= count:
        break
    folder = md.with_suffix("") / "anh"
    folder.mkdir(parents=True, exist_ok=True)
    refs = []
    for _ in range(2):
        if n >= count:
            break
        name = f"anh-{n:04d}.jpg"
        shutil.copyfile(originals / name, folder / name)
        refs.append(f"![Ảnh {n} của hội nghị](anh/{name})\n")
        n += 1
    md.write_text(md.read_text() + "\n" + "\n".join(refs))
print(f"{n} photos in {site}", file=sys.stderr)
PY

timed() {  # timed NAME ARGS...: runs baocao with /usr/bin/time -v, prints "wall cpu peak_MB"
    local name=$1; shift
    /usr/bin/time -v "$bin" "$@" >"$logs/$name.out" 2>"$logs/$name.err" || {
        cat "$logs/$name.err" >&2; echo "error: $name failed" >&2; exit 1; }
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
        /User time/ { u = $2 } /System time/ { s = $2 }
        /Maximum resident/ { peak = $2 / 1024 }
        END { printf "%.2f %.2f %.0f\n", wall, u + s, peak }' "$logs/$name.err"
}

rm -rf -- "$site/.baocao-cache" "$site/public" "$plain/public"
read -r w1 c1 m1 < <(timed photos-first build --root "$site" --output "$site/public")
read -r w2 c2 m2 < <(timed photos-cached build --root "$site" --output "$site/public")
read -r w0 c0 m0 < <(timed photos-none build --root "$plain" --output "$plain/public")
out_mb=$(du -sm "$site/public" | cut -f1)
cache_mb=$(du -sm "$site/.baocao-cache" | cut -f1)

printf '%-28s %8s %8s %8s\n' "build" "wall_s" "cpu_s" "peak_MB"
printf '%-28s %8s %8s %8s\n' "photos, empty cache" "$w1" "$c1" "$m1"
printf '%-28s %8s %8s %8s\n' "photos, cached" "$w2" "$c2" "$m2"
printf '%-28s %8s %8s %8s\n' "same site without photos" "$w0" "$c0" "$m0"
echo "output: $out_mb MB; cache: $cache_mb MB; originals: $(du -sm "$originals" | cut -f1) MB (one more than the site holds)"

# serve: one photo added to a write-up.
log="$logs/photos-serve.log"
: >"$log"
"$bin" serve --root "$site" --port 0 >/dev/null 2>>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do
    grep -q "^built " "$log" && break
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; echo "error: serve exited" >&2; exit 1; }
    sleep 0.2
done
"$PYTHON" - "$site" "$log" "$originals" "$photos" <<'PY'
import pathlib, re, shutil, sys, time
site, log, originals = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
unseen = originals / f"anh-{int(sys.argv[4]):04d}.jpg"
md = sorted((site / "content").rglob("*.md"))[0]
folder = md.with_suffix("") / "anh"
folder.mkdir(parents=True, exist_ok=True)
seen = len(log.read_text(errors="replace").splitlines())
def wait():
    global seen
    for _ in range(1200):
        lines = log.read_text(errors="replace").splitlines()
        for line in lines[seen:]:
            m = re.search(r"(?:rebuilt \d+ pages .*?|built \d+ files|errors \(found) in ([\d.]+) ms", line)
            if m:
                seen = len(lines)
                return float(m.group(1)), line
        time.sleep(0.05)
    raise SystemExit("error: no rebuild seen in 60 s; see " + str(log))
# The photo first (a new file: serve processes it), then its reference.
shutil.copyfile(unseen, folder / "moi.jpg")
t1, l1 = wait()
time.sleep(0.3)
md.write_text(md.read_text() + "\n![Ảnh mới](anh/moi.jpg)\n")
t2, l2 = wait()
print(f"serve: photo file added: {t1:.0f} ms ({l1.strip()})")
print(f"serve: reference added, page shows it: {t2:.0f} ms ({l2.strip()})")
PY
