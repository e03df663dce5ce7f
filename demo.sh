#!/usr/bin/env bash
# A guided tour of aot-agent on a bundled CNI directory (demo/net.d), no cluster needed.
# Installs what it needs (scripts/install-toolchain.sh: clang and zlib1g-dev to build, curl), builds the Native AOT
# binary (unless AOT_AGENT_BINARY points at one), then: explain, once, and the daemon reacting to a ConfigMap edit and
# to another writer clobbering its output. Pass --keep-running to leave the daemon up.
set -euo pipefail
cd "$(dirname "$0")"
bin="${AOT_AGENT_BINARY:-}"
if [ -z "$bin" ]; then
  scripts/install-toolchain.sh aot-native demo
  case "$(uname -m)" in aarch64 | arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  printf '\033[1m== building the native binary (%s, scripts/publish.sh): about a minute the first time\033[0m\n' "$rid"
  bin="$(pwd)/$(scripts/publish.sh "$rid" "artifacts/publish/$rid")"
else
  scripts/install-toolchain.sh demo
fi
port="${DEMO_PORT:-9747}"
work="$(mktemp -d /tmp/aot-agent-demo.XXXXXX)"
cni="$work/net.d"
cfg="$work/config"
cp -r demo/net.d "$cni"
chmod u+w "$cni"/*
mkdir -p "$cfg"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Writes the ConfigMap exactly as the kubelet does: a new timestamped directory, a ..data_tmp symlink to it,
# renamed over ..data in one rename(2); the key files are symlinks through ..data.
configmap() {
  local ts="..$(date +%Y_%m_%d_%H_%M_%S.%N)"
  mkdir "$cfg/$ts"
  echo "$2" > "$cfg/$ts/$1"
  ln -sfn "$ts" "$cfg/..data_tmp"
  mv -T "$cfg/..data_tmp" "$cfg/..data"
  [ -L "$cfg/$1" ] || ln -s "..data/$1" "$cfg/$1"
  find "$cfg" -maxdepth 1 -name '..20*' ! -name "$ts" -exec rm -rf {} +
}
configmap Primary__Prefer "file:10-aws.conflist"

step "The directory: istio-cni's 02-istio-cni.conflist sorts first, so Multus 'auto' would pick it"
ls -1 "$cni"

step "aot-agent explain (Primary__Prefer=file:10-aws.conflist from the ConfigMap directory)"
"$bin" explain --cni-dir "$cni" --config-dir "$cfg" || true

step "aot-agent once: writes 00-multus.conf atomically"
"$bin" once --cni-dir "$cni" --config-dir "$cfg"
cat "$cni/00-multus.conf"

step "aot-agent run: the daemon, HTTP on 127.0.0.1:$port"
AOTAGENT_Http__Address=127.0.0.1 AOTAGENT_Http__Port="$port" AOTAGENT_Http__ProbePort=$((port + 1)) "$bin" run --cni-dir "$cni" --config-dir "$cfg" > "$work/agent.log" 2>&1 &
agent=$!
trap 'kill -TERM $agent 2>/dev/null || true; wait $agent 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sS "http://127.0.0.1:$port/readyz"

step "A ConfigMap edit (kubelet-style ..data swap) switches the primary to 11-bws.conflist, live"
configmap Primary__Prefer "file:11-bws.conflist"
for _ in $(seq 1 50); do grep -q 11-bws "$cni/00-multus.conf" && break; sleep 0.1; done
grep clusterNetwork "$cni/00-multus.conf"

step "Another writer clobbers 00-multus.conf; the agent restores it and counts the conflict"
echo '{}' > "$cni/00-multus.conf"
for _ in $(seq 1 50); do grep -q clusterNetwork "$cni/00-multus.conf" && break; sleep 0.1; done
grep clusterNetwork "$cni/00-multus.conf"
curl -sS "http://127.0.0.1:$port/metrics" | grep -E '^aotagent_(ready|primary_info|output_writes_total|output_conflicts_total|config_reloads_total)'

step "The daemon's log"
cat "$work/agent.log"

if [ "${1:-}" = "--keep-running" ]; then
  step "Running: try curl http://127.0.0.1:$port/status, edit $cfg/Primary__Prefer or files in $cni. Ctrl+C stops."
  wait $agent
fi
step "SIGTERM: the daemon stops and leaves its output in place"
kill -TERM $agent; wait $agent || true
trap - EXIT
ls -1a "$cni"
