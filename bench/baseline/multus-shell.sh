#!/usr/bin/env bash
# The hand-written baseline: what an operator would write with inotifywait and jq (the shape of Linkerd's former
# install-cni.sh). Watches CNI_DIR, picks the pinned primary (first existing match of PRIMARY, in order), writes the
# Multus thin config (type multus, name, cniVersion of the primary, kubeconfig, delegates [primary]) through a temp
# file and a rename. Skips the rename when the content is unchanged. No resync, no validation beyond what jq refuses.
#
# Usage: multus-shell.sh CNI_DIR [--once]
# Env:   PRIMARY     space-separated file globs in preference order (default "10-aws.conflist")
#        MULTUS_CONF output file name (default 00-multus.conf)
#        NETWORK_NAME, KUBECONFIG_PATH as in Multus
set -u
dir=${1:?usage: multus-shell.sh CNI_DIR [--once]}
out=${MULTUS_CONF:-00-multus.conf}
network=${NETWORK_NAME:-multus-cni-network}
kubeconfig=${KUBECONFIG_PATH:-/etc/cni/net.d/multus.d/multus.kubeconfig}
read -r -a patterns <<<"${PRIMARY:-10-aws.conflist}"
export LC_ALL=C
shopt -s nullglob

log() { printf '%(%Y-%m-%dT%H:%M:%S)T multus-shell: %s\n' -1 "$*"; }

sync_conf() {
  local primary="" pattern f
  for pattern in "${patterns[@]}"; do
    for f in "$dir"/$pattern; do
      if [ -f "$f" ]; then primary=$f; break 2; fi
    done
  done
  if [ -z "$primary" ]; then log "no primary"; return 0; fi
  local tmp="$dir/.multus-shell.$$.tmp"
  if ! jq --arg name "$network" --arg kc "$kubeconfig" \
      '{cniVersion: .cniVersion, name: $name, type: "multus", kubeconfig: $kc, delegates: [.]}' "$primary" >"$tmp" 2>/dev/null; then
    rm -f "$tmp"; log "invalid ${primary##*/}"; return 0
  fi
  if cmp -s "$tmp" "$dir/$out"; then rm -f "$tmp"; log "unchanged ${primary##*/}"; return 0; fi
  mv -f "$tmp" "$dir/$out"
  log "wrote $out -> ${primary##*/}"
}

wanted() {
  local pattern
  for pattern in "${patterns[@]}"; do
    # shellcheck disable=SC2254 # the pattern is a glob on purpose
    case "$1" in $pattern) return 0 ;; esac
  done
  return 1
}

sync_conf
if [ "${2:-}" = "--once" ]; then exit 0; fi

inotifywait -m -q -e close_write -e moved_to -e create -e delete -e moved_from --format '%f' "$dir" |
  while IFS= read -r name; do
    if wanted "$name"; then sync_conf; fi
  done
