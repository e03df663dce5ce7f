#!/usr/bin/env bash
# The one Native AOT publish command: test.sh, demo.sh, bench.sh and the Dockerfile all run this script.
# Usage: scripts/publish.sh [RID] [OUTPUT_DIR]   (defaults: linux-x64, artifacts/publish/<RID>)
# Prints the binary's path on stdout; progress (every 15 s) and errors go to stderr.
#
# RID is linux-x64 or linux-arm64. For the machine's own architecture the ILCompiler uses clang (or gcc) as it finds
# them. For the other one it cross-compiles, and this script sets what a machine with only the cross gcc would get
# wrong: the linker must be clang (the ILCompiler passes --target=<triple>, which gcc refuses), and the symbol
# stripper must read the target's ELF (llvm-objcopy, else <triple>-objcopy; the host's objcopy cannot).
# Missing tools stop it before the build, naming the scripts/install-toolchain.sh list that installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-linux-x64}"
out="${2:-artifacts/publish/$rid}"
fail() { echo "publish.sh: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "the .NET SDK is required (dotnet on PATH; global.json names the version)"

case "$(uname -m)" in
  x86_64) host=x64 ;;
  aarch64 | arm64) host=arm64 ;;
  *) host="$(uname -m)" ;;
esac
case "$rid" in
  linux-x64) target=x64 triple=x86_64-linux-gnu cross_list=aot-cross-amd64 ;;
  linux-arm64) target=arm64 triple=aarch64-linux-gnu cross_list=aot-cross-arm64 ;;
  *) fail "unsupported RID '$rid' (linux-x64 or linux-arm64)" ;;
esac

extra=()
if [ "$target" = "$host" ]; then
  command -v clang >/dev/null || command -v gcc >/dev/null ||
    fail "a Native AOT publish needs clang (or gcc): run scripts/install-toolchain.sh aot-native (as root)"
else
  need=()
  command -v clang >/dev/null || need+=(clang)
  command -v "$triple-gcc" >/dev/null || need+=("$triple-gcc")
  [ -e "/usr/$triple/lib/crt1.o" ] || need+=("/usr/$triple/lib/crt1.o")
  objcopy=""
  if command -v llvm-objcopy >/dev/null; then
    objcopy=llvm-objcopy
  elif command -v "$triple-objcopy" >/dev/null; then
    objcopy="$triple-objcopy"
  else
    need+=(llvm-objcopy)
  fi
  [ ${#need[@]} -eq 0 ] ||
    fail "cross-publishing $rid on this $host machine needs ${need[*]}: run scripts/install-toolchain.sh $cross_list (as root)"
  extra+=(-p:CppCompilerAndLinker=clang "-p:ObjCopyName=$objcopy")
fi
# AOTAGENT_ARTIFACTS_PATH keeps obj/ and bin/ apart when several builds run at once.
if [ -n "${AOTAGENT_ARTIFACTS_PATH:-}" ]; then extra+=(--artifacts-path "$AOTAGENT_ARTIFACTS_PATH"); fi

started=$(date +%s)
echo "publish.sh: Native AOT publish for $rid$([ "$target" = "$host" ] || echo " (cross-compiled on $host)") -> $out; this takes about a minute" >&2
# A heartbeat, so nobody stares at a silent terminal: it sleeps 1 s at a time so that nothing it leaves behind
# holds the caller's pipes open for longer than that.
(
  exec >&2
  n=0
  while sleep 1; do
    n=$((n + 1))
    if [ $((n % 15)) -eq 0 ]; then echo "publish.sh: $rid ... ${n} s"; fi
  done
) &
heartbeat=$!
trap 'kill "$heartbeat" 2>/dev/null || true' EXIT

dotnet publish src/AotAgent/AotAgent.csproj -c Release -r "$rid" -o "$out" -warnaserror -nologo -v quiet "${extra[@]}" >&2
rm -f "$out"/*.dbg "$out"/*.xml
echo "publish.sh: $rid done in $(($(date +%s) - started)) s: $out/aot-agent ($(stat -c %s "$out/aot-agent") bytes)" >&2
echo "$out/aot-agent"
