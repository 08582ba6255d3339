"""Drives prepboard's /mcp with the official MCP Python SDK, as an assistant would.

Usage: client.py URL SEARCH_ARGUMENTS_JSON ENTRY_ID

Connects over Streamable HTTP with the initialize handshake, lists the tools and resources,
calls every tool (search_jobs with the given filters, then get_job, prep_for_job and prep_plan on
what it found), reads both kinds of resource and makes a few bad calls, and prints one JSON
object with what came back. crates/web/tests/mcp.rs runs it and checks that object; this script
asserts nothing itself.
"""

import asyncio
import json
import sys

from mcp import Client
from mcp.shared.exceptions import MCPError


def structured(result):
    """A tool result's JSON (its text content), checked against its structured content if any."""
    text = json.loads(result.content[0].text)
    if result.structured_content is not None and result.structured_content != text:
        raise SystemExit("structured content differs from the text content")
    return {"is_error": bool(result.is_error), "value": text}


async def error_of(call):
    """The JSON-RPC error a call fails with, or None when it does not fail."""
    try:
        await call
    except MCPError as error:
        return {"code": error.error.code, "message": error.error.message}
    return None


async def main(url, search, entry_id):
    out = {}
    async with Client(url, mode="legacy") as client:
        out["server"] = client.server_info.name if client.server_info else None
        out["protocol_version"] = client.protocol_version
        out["instructions"] = client.instructions
        tools = await client.list_tools()
        out["tools"] = {
            tool.name: {"description": tool.description, "schema": tool.input_schema}
            for tool in tools.tools
        }
        found = structured(await client.call_tool("search_jobs", search))
        out["search_jobs"] = found
        ids = [job["id"] for job in found["value"].get("jobs", [])]
        if ids:
            out["get_job"] = structured(await client.call_tool("get_job", {"id": ids[0]}))
            out["prep_for_job"] = structured(await client.call_tool("prep_for_job", {"id": ids[0]}))
            job = await client.read_resource(f"job://{ids[0]}")
            out["job_resource"] = json.loads(job.contents[0].text)
        out["prep_plan"] = structured(await client.call_tool("prep_plan", search))
        out["list_facets"] = structured(await client.call_tool("list_facets", {}))
        out["list_sources"] = structured(await client.call_tool("list_sources", {}))
        resources = await client.list_resources()
        out["resources"] = [str(resource.uri) for resource in resources.resources]
        templates = await client.list_resource_templates()
        out["resource_templates"] = [t.uri_template for t in templates.resource_templates]
        entry = await client.read_resource(f"prep://entry/{entry_id}")
        out["entry_resource"] = {
            "mime_type": entry.contents[0].mime_type,
            "value": json.loads(entry.contents[0].text),
        }
        out["bad_argument"] = structured(await client.call_tool("search_jobs", {"per_page": "lots"}))
        out["unknown_tool"] = await error_of(client.call_tool("no_such_tool", {}))
        out["unknown_resource"] = await error_of(client.read_resource("prep://entry/no-such-entry"))
    # A client of the 2026 protocol skips the handshake (server/discover, then requests that each
    # carry their version): the same search finds the same jobs.
    async with Client(url) as client:
        out["modern"] = {
            "protocol_version": client.protocol_version,
            "search_jobs": structured(await client.call_tool("search_jobs", search)),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]))
