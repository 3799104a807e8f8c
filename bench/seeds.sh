#!/usr/bin/env bash
# Check the importer against the seed articles: the published articles the
# sample write-ups in content/ were made from. They are not part of the
# repository, so `cargo test` leaves these checks out (they are #[ignore]d);
# this script runs them against a folder of the articles.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bash bench/seeds.sh [-h] [SEEDS_DIR]

Runs the ignored seed checks with BAOCAO_SEEDS=SEEDS_DIR:
  cargo test --lib seed -- --ignored      each article's draft against the
                                          sample write-up made from it, the
                                          suggested file name, the round trip
                                          of the draft, no copied text
  cargo test --test import seed -- --ignored
                                          each article through `baocao import`
                                          and `baocao check`

SEEDS_DIR holds the articles as NNN_*.txt (000_ … 004_). Default: ../shared/seeds
relative to the repository.
USAGE
}

case "${1:-}" in
    -h | --help)
        usage
        exit 0
        ;;
esac
if [ "$#" -gt 1 ]; then
    usage >&2
    exit 2
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-$repo/../shared/seeds}"
if [ ! -d "$seeds" ]; then
    echo "error: no folder of seed articles at $seeds" >&2
    echo "  = help: pass the folder: bash bench/seeds.sh SEEDS_DIR" >&2
    exit 2
fi
BAOCAO_SEEDS="$(cd "$seeds" && pwd)"
export BAOCAO_SEEDS

cd "$repo"
cargo test --lib seed -- --ignored
cargo test --test import seed -- --ignored
