#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh Debian machine (Chromium and its
# WebDriver for the browser test, the MCP Python SDK for the MCP test), then runs every test in the
# workspace.
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

# The MCP test (crates/web/tests/mcp.rs) drives /mcp with the official MCP Python SDK, from a venv
# of its own under target/; installed once, then reused while it holds the pinned version.
MCP_SDK_VERSION=2.3.0
MCP_VENV=target/mcp-venv
if ! "$MCP_VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('mcp') != '$MCP_SDK_VERSION')" >/dev/null 2>&1; then
    if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "installing python3-venv for the MCP test"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
        else
            echo "the MCP test needs python3 with venv: run 'sudo apt-get install -y python3-venv'" >&2
            exit 1
        fi
    fi
    echo "installing the MCP Python SDK (mcp==$MCP_SDK_VERSION) into $MCP_VENV for the MCP test"
    python3 -m venv "$MCP_VENV"
    "$MCP_VENV/bin/pip" install --quiet --disable-pip-version-check "mcp==$MCP_SDK_VERSION"
fi

cargo test --workspace --locked "$@"
