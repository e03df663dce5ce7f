#!/usr/bin/env bash
# Installs, from the distribution's archive (Debian bookworm, Ubuntu noble), what the repository's scripts need besides
# the .NET SDK. The package names live in one place, scripts/packages/<LIST>.txt (one package a line, then what proves
# it is there: a command on PATH or an absolute path); the Dockerfile's build stage runs this script on the same lists.
#
# Usage: scripts/install-toolchain.sh [LIST...]         install what is missing from these lists
#        scripts/install-toolchain.sh --list [LIST...]  print the lists' package names, one a line, and change nothing
# LIST: aot-native, aot-cross-arm64, aot-cross-amd64, demo, test-runtime. No LIST: everything ./test.sh needs on this
# machine (aot-native demo test-runtime, plus aot-cross-arm64 on x86-64).
#
# Idempotent: silent when everything is there. Otherwise it prints what it installs, runs apt-get update (only then)
# and apt-get install. Root is needed only when something is missing; without it, it fails naming the packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
say() { echo "install-toolchain.sh: $*" >&2; }

print_only=false
if [ "${1:-}" = "--list" ]; then print_only=true; shift; fi
lists=("$@")
if [ ${#lists[@]} -eq 0 ]; then
  lists=(aot-native demo test-runtime)
  if [ "$(uname -m)" = x86_64 ]; then lists+=(aot-cross-arm64); fi
fi

# Reads every list: "package probe" pairs, first occurrence of a package wins; '#' starts a comment.
packages=()
probes=()
for list in "${lists[@]}"; do
  file="$here/packages/$list.txt"
  [ -f "$file" ] || { say "no package list '$list' ($file); lists: $(cd "$here/packages" && ls -- *.txt | sed 's/\.txt$//' | tr '\n' ' ')"; exit 2; }
  while read -r package probe _; do
    package="${package%%#*}"
    [ -n "$package" ] || continue
    case "${probe:-}" in '#'*) probe="" ;; esac
    for known in "${packages[@]+"${packages[@]}"}"; do [ "$known" = "$package" ] && continue 2; done
    packages+=("$package")
    probes+=("${probe:-}")
  done < "$file"
done

if $print_only; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

# A package counts as present when its probe is there (a command, or a path), or, with no probe, when dpkg says so.
present() {
  local package="$1" probe="$2"
  case "$probe" in
    /*) [ -e "$probe" ] ;;
    "") [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" = installed ] ;;
    *) command -v "$probe" >/dev/null 2>&1 ;;
  esac
}

missing=()
for i in "${!packages[@]}"; do
  present "${packages[$i]}" "${probes[$i]}" || missing+=("${packages[$i]}")
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(id -u)" != 0 ]; then
  say "missing ${missing[*]} (lists: ${lists[*]}); installing them needs root: sudo $0 ${lists[*]}"
  exit 1
fi
command -v apt-get >/dev/null || { say "missing ${missing[*]}, and there is no apt-get here: install them by hand"; exit 1; }

say "installing ${missing[*]} (lists: ${lists[*]}) with apt-get..."
started=$(date +%s)
log="$(mktemp /tmp/install-toolchain.XXXXXX.log)"
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  say "apt-get failed (log above, also in $log)"
  exit 1
fi
rm -f "$log"

still=()
for i in "${!packages[@]}"; do
  present "${packages[$i]}" "${probes[$i]}" || still+=("${packages[$i]} (${probes[$i]:-dpkg})")
done
if [ ${#still[@]} -gt 0 ]; then
  say "installed, but still not found: ${still[*]}"
  exit 1
fi
say "installed ${missing[*]} in $(( $(date +%s) - started )) s"
