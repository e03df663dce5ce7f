#!/usr/bin/env bash
# Performance benchmark of aot-agent against the previous release (built from BENCH_PREVIOUS), the same agent on the
# JIT runtime and a hand-written inotifywait + jq baseline. Builds what it needs, installs missing Debian packages (needs root for that),
# runs the BenchmarkDotNet micro-benchmarks and every workload, and prints one table. See docs/benchmarks.md.
#
# Usage: ./bench.sh [harness options, e.g. --only startup,reaction]
# Env:   BENCH_OUT        where results, logs and scratch directories go (default /tmp/aotagent-bench)
#        BENCH_ARTIFACTS  --artifacts-path of the JIT + BenchmarkDotNet build (default /tmp/art-bench)
#        BENCH_PUBLISH    AOTAGENT_ARTIFACTS_PATH of the Native AOT publish (default /tmp/art-bench-pub)
#        BENCH_PREVIOUS   the previous release: a commit of this repository (default 855a1a1, the last build before
#                         incremental passes); BENCH_PREVIOUS= (empty) leaves it out, as does a clone without that commit
#        BENCH_SKIP_BDN=1 skip the BenchmarkDotNet part;  BENCH_QUICK=1 a short smoke run (numbers not comparable)
#        BENCH_SERVER_BASELINE_REF  the commit whose agent still served HTTP with HttpListener (default dff19aa), built
#                         with the same publish script for the server comparison (bench/server.py); BENCH_SKIP_SERVER=1
#                         skips that comparison
set -euo pipefail
cd "$(dirname "$0")"
started=$(date +%s)
out=${BENCH_OUT:-/tmp/aotagent-bench}
art=${BENCH_ARTIFACTS:-/tmp/art-bench}
pub=${BENCH_PUBLISH:-/tmp/art-bench-pub}
say() { printf '[bench.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- tools ----------------------------------------------------------------------------------------------------------
missing=()
command -v inotifywait >/dev/null || missing+=(inotify-tools)
command -v jq >/dev/null || missing+=(jq)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "bench.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }

case "$out" in /|/tmp|/tmp/|"") echo "bench.sh: refusing BENCH_OUT=$out" >&2; exit 1 ;; esac
rm -rf "$out"
mkdir -p "$out"

# --- builds ---------------------------------------------------------------------------------------------------------
say "publishing the Native AOT binary (scripts/publish.sh)"
native=$(AOTAGENT_ARTIFACTS_PATH="$pub" scripts/publish.sh linux-x64 "$out/native")
previous_args=()
prev=${BENCH_PREVIOUS-855a1a1}
if [ -n "$prev" ] && git rev-parse -q --verify "$prev^{commit}" >/dev/null 2>&1; then
  say "publishing the previous release ($prev) from git"
  rm -rf "$out/previous-src" && mkdir -p "$out/previous-src"
  git archive "$prev" | tar -x -C "$out/previous-src"
  previous=$(AOTAGENT_ARTIFACTS_PATH="$pub-previous" "$out/previous-src/scripts/publish.sh" linux-x64 "$out/previous")
  previous_args=(--previous "$previous")
elif [ -n "$prev" ]; then
  say "previous release $prev is not in this clone's history; its column is left out"
fi
say "building the JIT agent and the BenchmarkDotNet project (Release)"
dotnet build bench/AotAgent.Benchmarks/AotAgent.Benchmarks.csproj -c Release --artifacts-path "$art" \
  -warnaserror -nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
jit_dll="$art/bin/AotAgent/release/aot-agent.dll"
bdn_dll="$art/bin/AotAgent.Benchmarks/release/AotAgent.Benchmarks.dll"
[ -x "$native" ] && [ -f "$jit_dll" ] && [ -f "$bdn_dll" ] || { echo "bench.sh: build outputs missing" >&2; exit 1; }
built=$(date +%s)
say "builds took $((built - started)) s"

# --- BenchmarkDotNet (in process, short runs) -----------------------------------------------------------------------
bdn_args=()
if [ "${BENCH_SKIP_BDN:-0}" != 1 ]; then
  say "BenchmarkDotNet micro-benchmarks (short run, in process)"
  filter='*'
  if [ "${BENCH_QUICK:-0}" = 1 ]; then filter='*Pipeline*'; fi
  (cd "$out" && dotnet "$bdn_dll" --filter "$filter" --artifacts "$out/bdn") >"$out/bdn.log" 2>&1 ||
    { tail -40 "$out/bdn.log" >&2; exit 1; }
  bdn_args=(--bdn-json "$out/bdn/results")
  say "BenchmarkDotNet took $(($(date +%s) - built)) s"
fi

# --- workloads ------------------------------------------------------------------------------------------------------
quick=()
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  quick=(--startup-runs 5 --startup-runs-jit 3 --changes 20 --idle-seconds 5 --idle-settle 1 --scale-passes 2
    --once-runs 1 --stability-passes 1000 --scale-changes 5 --fight-clobbers 20 --scrapes 500)
fi
python3 bench/harness.py --native "$native" --jit-dll "$jit_dll" --workdir "$out/work" \
  --results "$out/results.json" "${previous_args[@]}" "${bdn_args[@]}" "${quick[@]}" "$@"

# --- HTTP server: HttpListener (the agent before issue 11) vs Kestrel (this tree) -------------------------------------
if [ "${BENCH_SKIP_SERVER:-0}" != 1 ]; then
  ref=${BENCH_SERVER_BASELINE_REF:-dff19aa}
  say "HTTP server comparison: building the HttpListener agent from $ref"
  base_src="$out/server-baseline-src"
  mkdir -p "$base_src"
  git archive "$ref" | tar -x -C "$base_src"
  base_native=$(cd "$base_src" && AOTAGENT_ARTIFACTS_PATH="$pub-server-baseline" scripts/publish.sh linux-x64 "$out/server-baseline")
  server_quick=()
  if [ "${BENCH_QUICK:-0}" = 1 ]; then server_quick=(--startup-runs 5 --idle-processes 1 --idle-seconds 5 --idle-settle 1); fi
  (cd bench && python3 server.py --httplistener "$base_native" --kestrel "$native" --workdir "$out/server" \
    --results "$out/server.json" "${server_quick[@]}")
fi

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r), .NET SDK $(dotnet --version)"
echo "bench.sh took $(($(date +%s) - started)) s (builds $((built - started)) s). Markdown tables: $out/results.md, $out/server.md"
