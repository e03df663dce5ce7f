#!/usr/bin/env bash
# Runs every test. Installs what it needs (scripts/install-toolchain.sh: clang, the arm64 cross toolchain, qemu-user...;
# scripts/install-helm.sh: helm and kubectl), builds with warnings as errors, publishes Native AOT for linux-x64 and
# cross-publishes linux-arm64 (warnings as errors, the way the Dockerfile runs it), runs the unit, chart, end-to-end and
# fault suites against the linux-x64 binary (with the x64/arm64 output parity test), then the end-to-end subset marked
# Arch=all against the linux-arm64 binary under qemu-user, then demo.sh. docs/architectures.md has the figures.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(date +%s)
step() { printf '== %s  [%s s]\n' "$*" "$(($(date +%s) - started))"; }

step "toolchain (scripts/install-toolchain.sh), helm and kubectl (scripts/install-helm.sh)"
scripts/install-toolchain.sh
scripts/install-helm.sh >/dev/null

step "building the solution (Release, warnings as errors)"
dotnet build AotAgent.sln -c Release -warnaserror -nologo -v quiet
step "publishing the native binary (linux-x64)"
AOT_AGENT_BINARY="$(pwd)/$(scripts/publish.sh linux-x64 artifacts/publish/linux-x64)"
arm64_started=$(date +%s)
step "cross-publishing the linux-arm64 binary"
AOT_AGENT_BINARY_ARM64="$(pwd)/$(scripts/publish.sh linux-arm64 artifacts/publish/linux-arm64)"
arm64_publish=$(($(date +%s) - arm64_started))
AOT_AGENT_RUNNER_ARM64="qemu-aarch64-static -L /usr/aarch64-linux-gnu"
export AOT_AGENT_BINARY AOT_AGENT_BINARY_ARM64 AOT_AGENT_RUNNER_ARM64
echo "native binaries: linux-x64 $(stat -c %s "$AOT_AGENT_BINARY") bytes, linux-arm64 $(stat -c %s "$AOT_AGENT_BINARY_ARM64") bytes"

status=0
for project in $(dotnet sln AotAgent.sln list | grep -E '^tests/.*\.csproj$'); do
  step "$project"
  dotnet test "$project" -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal" || status=1
done

# The same end-to-end tests on the other architecture: every test marked [Trait("Arch", "all")], on the linux-arm64
# binary under qemu-user (AOT_AGENT_RUNNER; qemu passes SIGTERM/SIGKILL to the agent and exits with its status).
step "end-to-end subset Arch=all on linux-arm64 under $AOT_AGENT_RUNNER_ARM64"
subset_started=$(date +%s)
subset_log=artifacts/arm64-subset.log
expected=$(grep -rho 'Trait("Arch", "all")' tests/AotAgent.EndToEnd.Tests --include='*.cs' | wc -l)
AOT_AGENT_BINARY="$AOT_AGENT_BINARY_ARM64" AOT_AGENT_RUNNER="$AOT_AGENT_RUNNER_ARM64" AOT_AGENT_EXPECT_ARCH=arm64 \
  dotnet test tests/AotAgent.EndToEnd.Tests -c Release --no-build --nologo -v quiet --filter Arch=all \
  --logger "console;verbosity=normal" > "$subset_log" 2>&1 || status=1
grep -E '^\s+(Passed|Failed) |^\s+(Total tests|Passed|Failed):' "$subset_log" || true
ran=$(sed -n 's/^ *Total tests: *\([0-9]*\).*/\1/p' "$subset_log" | tail -1)
# A class-level trait counts once but marks all its tests: at least one test per trait found, or the filter broke.
if [ -z "$ran" ] || [ "$ran" -lt "$expected" ] || grep -q '^ *Failed:' "$subset_log"; then
  echo "arm64 subset: ran ${ran:-no} tests (at least $expected expected) or some failed; log: $subset_log"
  grep -A25 '^ *Failed ' "$subset_log" | head -80 || true
  status=1
fi
echo "arm64: cross-publish ${arm64_publish} s, subset (${ran:-0} tests) $(($(date +%s) - subset_started)) s"
grep -h '\[architecture parity\]' "${TMPDIR:-/tmp}/aot-e2e-figures.log" 2>/dev/null | tail -1 || true

step "demo.sh (the README's first command, on the published binary)"
DEMO_PORT=19747 ./demo.sh > artifacts/demo.log 2>&1 || { cat artifacts/demo.log; status=1; }
grep -q '11-bws.conflist' artifacts/demo.log || { echo "demo did not switch the primary"; status=1; }
step "done: $([ $status -eq 0 ] && echo passed || echo FAILED)"
exit $status
