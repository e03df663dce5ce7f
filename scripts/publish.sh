#!/usr/bin/env bash
# The one Native AOT publish command: test.sh, bench.sh and the Dockerfile all run this script.
# Usage: scripts/publish.sh [RID] [OUTPUT_DIR]   (defaults: linux-x64, artifacts/publish/<RID>); prints the binary path.
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-linux-x64}"
out="${2:-artifacts/publish/$rid}"
# AOTAGENT_ARTIFACTS_PATH keeps obj/ and bin/ apart when several builds run at once.
extra=()
if [ -n "${AOTAGENT_ARTIFACTS_PATH:-}" ]; then extra=(--artifacts-path "$AOTAGENT_ARTIFACTS_PATH"); fi
dotnet publish src/AotAgent/AotAgent.csproj -c Release -r "$rid" -o "$out" -warnaserror -nologo -v quiet "${extra[@]}" >&2
rm -f "$out"/*.dbg "$out"/*.xml
echo "$out/aot-agent"
