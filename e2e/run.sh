#!/usr/bin/env bash
# Browser end-to-end tests of the site baocao builds: the one entry point.
#   bash e2e/run.sh
# Installs what is missing (Chromium and Java from Debian, the npm packages
# from package-lock.json), builds the release binary, builds the sample site
# into a temporary folder and runs the tests in e2e/ on it. See e2e/README.md.
set -euo pipefail

e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$e2e")"
started=$SECONDS

# System packages, only when missing.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== e2e: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

# npm packages, reinstalled only when package-lock.json changed. Install scripts
# are skipped: the only one (vnu-jar's) fetches a Java runtime when none is
# found, and Java comes from the system here.
lock_sum="$(sha256sum "$e2e/package-lock.json" | cut -d' ' -f1)"
stamp="$e2e/node_modules/.package-lock.sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "== e2e: npm ci"
  (cd "$e2e" && npm ci --ignore-scripts --no-audit --no-fund)
  echo "$lock_sum" >"$stamp"
fi

# The release binary.
echo "== e2e: cargo build --release"
(cd "$root" && cargo build --release)
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
bin="$target_dir/release/baocao"

# The sample site, into a temporary folder removed on exit.
work="$(mktemp -d "${TMPDIR:-/tmp}/baocao-e2e.XXXXXX")"
trap 'rm -rf "$work"' EXIT
site="$work/site"
echo "== e2e: baocao build --root $root --output $site"
"$bin" build --root "$root" --output "$site"

echo "== e2e: node --test"
status=0
(
  cd "$e2e"
  BAOCAO_SITE="$site" BAOCAO_BIN="$bin" BAOCAO_ROOT="$root" node --test --test-reporter=spec
) || status=$?
echo "== e2e: finished in $((SECONDS - started)) s, exit status $status"
exit "$status"
