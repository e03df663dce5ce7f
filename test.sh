#!/usr/bin/env bash
# Runs every test: build with warnings as errors, the Native AOT publish (warnings as errors, as the Dockerfile runs
# it), unit tests, chart tests, and the end-to-end and fault suites against the published binary.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/install-helm.sh >/dev/null
dotnet build AotAgent.sln -c Release -warnaserror -nologo -v quiet
AOT_AGENT_BINARY="$(pwd)/$(scripts/publish.sh linux-x64 artifacts/publish/linux-x64)"
export AOT_AGENT_BINARY
echo "native binary: $AOT_AGENT_BINARY ($(stat -c %s "$AOT_AGENT_BINARY") bytes)"

status=0
for project in $(dotnet sln AotAgent.sln list | grep -E '^tests/.*\.csproj$'); do
  echo "== $project"
  dotnet test "$project" -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal" || status=1
done
echo "== demo.sh (the README's first command, on the published binary)"
DEMO_PORT=19747 ./demo.sh > artifacts/demo.log 2>&1 || { cat artifacts/demo.log; status=1; }
grep -q '11-bws.conflist' artifacts/demo.log || { echo "demo did not switch the primary"; status=1; }
exit $status
