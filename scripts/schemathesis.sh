#!/usr/bin/env bash
# Checks the API against its own OpenAPI document with a real client generator: starts `prepboard
# up` on a temporary data dir (the bundled snapshot's listings, no live source), installs
# schemathesis from PyPI into a venv under target/, and runs every check of it against
# /api/openapi.json. Exits non-zero on any failure.
#
#   scripts/schemathesis.sh [EXTRA SCHEMATHESIS ARGUMENTS]   (e.g. --max-time 600 to fuzz longer)
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION="4.32.5"
VENV="target/schemathesis-venv"

if ! python3 -m venv --help >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    else
        echo "schemathesis needs python3 with venv: run 'sudo apt-get install -y python3-venv'" >&2
        exit 1
    fi
fi
if [ ! -x "$VENV/bin/schemathesis" ] || ! "$VENV/bin/schemathesis" --version | grep -q "$SCHEMATHESIS_VERSION"; then
    rm -rf "$VENV"
    python3 -m venv "$VENV" || {
        # Debian's python3 has venv but may lack ensurepip until python3-venv is installed.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            rm -rf "$VENV"
            python3 -m venv "$VENV"
        else
            exit 1
        fi
    }
    "$VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

# The workspace test build's binary (what scripts/test.sh has just built, so this is quick): a plain
# `cargo build` resolves other features and would rebuild the dependencies.
cargo test --workspace --locked --no-run --quiet
BIN="target/debug/prepboard"

DATA="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
LOG="$DATA/server.log"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA"
}
trap cleanup EXIT

# The bundled snapshot, and no live source: the run is hermetic and the data is the same each time.
PREPBOARD_DATA_DIR="$DATA" \
PREPBOARD_SERVER__BIND="127.0.0.1:$PORT" \
PREPBOARD_SERVER__PUBLIC_URL="$BASE" \
PREPBOARD_SOURCES__WE_WORK_REMOTELY__ENABLED=false \
PREPBOARD_SOURCES__REMOTIVE__ENABLED=false \
PREPBOARD_SOURCES__REMOTEOK__ENABLED=false \
PREPBOARD_BOARDS='[]' \
PREPBOARD_PAGES='[]' \
    "$BIN" up >"$LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 240); do
    if python3 -c "import urllib.request; urllib.request.urlopen('$BASE/healthz', timeout=2)" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "prepboard up exited before answering:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    sleep 0.5
done
python3 -c "import urllib.request, json; print('serving', json.load(urllib.request.urlopen('$BASE/healthz'))['listings_indexed'], 'listings at $BASE')"

"$VENV/bin/schemathesis" run "$BASE/api/openapi.json" \
    --checks all \
    --workers 2 \
    --request-timeout 20 \
    --suppress-health-check too_slow \
    "$@"
