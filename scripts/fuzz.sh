#!/usr/bin/env bash
# Runs one cargo-fuzz target for SECONDS seconds, seeded from the real fixtures, niced and on one
# job, and prints libFuzzer's final line (executions, coverage). Crashes land in
# fuzz/artifacts/TARGET/; each one becomes a regression test in the normal test suite.
#
#   scripts/fuzz.sh TARGET SECONDS      e.g. scripts/fuzz.sh json_sources 600
#   scripts/fuzz.sh list                the targets
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz needs nightly features (the sanitizer
# and coverage flags); on a stable toolchain RUSTC_BOOTSTRAP=1 unlocks them, so this script sets
# it unless a nightly toolchain is asked for (FUZZ_TOOLCHAIN=nightly).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

targets=(json_sources wwr_feed jsonld_page html_sanitizer readers query)

# The seed directories of each target: real payloads for the parsers, strings taken from them for
# the readers (fuzz/seeds/README.md says which). They are read, never written: new inputs go to
# fuzz/corpus/TARGET (kept out of git).
seeds() {
    case "$1" in
        json_sources) echo tests/fixtures/greenhouse tests/fixtures/lever tests/fixtures/ashby \
            tests/fixtures/remotive tests/fixtures/remoteok ;;
        wwr_feed) echo tests/fixtures/wwr ;;
        jsonld_page) echo tests/fixtures/jsonld fuzz/seeds/jsonld_page ;;
        html_sanitizer) echo fuzz/seeds/html_sanitizer ;;
        readers) echo fuzz/seeds/readers ;;
        query) echo fuzz/seeds/query ;;
        *) return 1 ;;
    esac
}

usage() {
    echo "usage: scripts/fuzz.sh TARGET SECONDS   (targets: ${targets[*]})" >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
if [[ "$1" == list ]]; then
    printf '%s\n' "${targets[@]}"
    exit 0
fi
[[ $# -eq 2 ]] || usage
target="$1"
seconds="$2"
seed_dirs="$(seeds "$target")" || usage
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

toolchain=()
if [[ -n "${FUZZ_TOOLCHAIN:-}" ]]; then
    toolchain=("+$FUZZ_TOOLCHAIN")
else
    export RUSTC_BOOTSTRAP=1
fi

corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
log="fuzz/artifacts/$target.log"
mkdir -p "fuzz/artifacts/$target"

# Build first (niced, one job), so the fuzzing time is all fuzzing.
CARGO_BUILD_JOBS=1 nice -n 10 cargo "${toolchain[@]}" fuzz build "$target"

# One fuzzing process (libFuzzer's default: no -jobs/-fork, which would spawn workers). -timeout
# and -rss_limit_mb make slow inputs and memory blow-ups findings too; -print_final_stats gives
# the executions figure.
status=0
# shellcheck disable=SC2086 # the seed directories are separate words
nice -n 10 cargo "${toolchain[@]}" fuzz run "$target" "$corpus" $seed_dirs -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?

grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|Done [0-9]+ runs|SUMMARY|==[0-9]+==ERROR|artifact_prefix|Test unit written)' "$log" || true
echo "exit status $status; full log: $log"
exit "$status"
