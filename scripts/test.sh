#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh Debian machine (Chromium and its
# WebDriver for the browser test), then runs every test in the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing chromium and chromium-driver for the browser test"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        echo "the browser test needs chromium and chromium-driver: run 'sudo apt-get install -y chromium chromium-driver'" >&2
        exit 1
    fi
fi

cargo test --workspace --locked "$@"
