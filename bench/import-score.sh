#!/usr/bin/env bash
# Score `baocao import` on the development set of real articles
# (../shared/import-dev, kept outside the repository) and summarise the
# result per field: right, wrong, missing. Not part of `cargo test`.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bash bench/import-score.sh [-h] [DEV_DIR]

Builds the release binary (or uses $BAOCAO_BIN), runs DEV_DIR/score.py -v on
it and prints its lines, then a table per field. DEV_DIR defaults to
../shared/import-dev relative to the repository; without it the script says
so and exits 0. Needs Python 3 with PyYAML.
USAGE
}

case "${1:-}" in
    -h | --help)
        usage
        exit 0
        ;;
esac

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dev="${1:-$repo/../shared/import-dev}"
if [ ! -f "$dev/score.py" ]; then
    echo "no development set at $dev (score.py missing): nothing to score"
    exit 0
fi
dev="$(cd "$dev" && pwd)"

bin="${BAOCAO_BIN:-}"
if [ -z "$bin" ]; then
    (cd "$repo" && cargo build --release --quiet)
    bin="$repo/target/release/baocao"
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
python3 "$dev/score.py" "$bin" "$dev" -v >"$out" || status=$?
cat "$out"
echo

python3 - "$dev/EXPECTED.yaml" "$out" <<'PY'
import re, sys, yaml

FIELDS = ["date", "cluster", "bloc", "kind", "year", "host", "members", "collectives",
          "individuals", "leader", "deputy", "handover.leader", "handover.deputy", "honour"]
key = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["files"]
total = dict.fromkeys(FIELDS, 0)
for exp in key.values():
    exp = dict(exp or {})
    ho = exp.pop("handover", None) or {}
    for k in ("leader", "deputy"):
        if ho.get(k) is not None:
            exp["handover." + k] = ho[k]
    amb = set(exp.get("ambiguous") or [])
    if "handover" in amb:
        amb |= {"handover.leader", "handover.deputy"}
    opt = dict(exp.get("optional") or {})
    for k, v in (opt.pop("handover", None) or {}).items():
        opt["handover." + k] = v
    for f in FIELDS[:-1]:
        if f in amb or f in opt:
            continue
        if exp.get(f) is not None:
            total[f] += 1
    if "honours" not in amb:
        total["honour"] += len(exp.get("honours") or [])
wrong = dict.fromkeys(FIELDS, 0)
missing = dict.fromkeys(FIELDS, 0)
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r"(WRONG|MISSING) [^:]+: ([a-z.]+):", line)
    if not m or m.group(2) not in wrong:
        continue
    (wrong if m.group(1) == "WRONG" else missing)[m.group(2)] += 1
print(f"{'field':<16}{'facts':>6}{'right':>7}{'wrong':>7}{'missing':>9}")
for f in FIELDS:
    # a wrong value where the key has none counts as wrong but is no fact
    right = max(total[f] - missing[f] - wrong[f], 0)
    print(f"{f:<16}{total[f]:>6}{right:>7}{wrong[f]:>7}{missing[f]:>9}")
PY
exit "$status"
