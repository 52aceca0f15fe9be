#!/usr/bin/env bash
# make helm-lint: proves the chart renders. helm lint --strict, then helm template with several value sets, each
# rendering validated against the Kubernetes schemas by kubeconform. The build machines have no helm: there the
# chart's values and template text are checked by tests/charts (make test) and this target says so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
chart="$root/charts/revenue-cycle"
kube_version=${KUBE_VERSION:-1.29.0}

if ! command -v helm >/dev/null 2>&1; then
  echo "helm not installed: the chart is checked as text by tests/charts (make test); install helm to render it here"
  exit 0
fi
if ! command -v kubeconform >/dev/null 2>&1; then
  echo "kubeconform not installed: needed to validate the rendered chart against the Kubernetes schemas (https://github.com/yannh/kubeconform)" >&2
  exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
key=$(printf %s lint-key | sha256sum | cut -d' ' -f1)
# name|--set flags: the defaults, and each optional part switched on or off.
sets=(
  "defaults|"
  "with-keys|gateway.apiKeys[0].name=portal,gateway.apiKeys[0].sha256=$key,gateway.apiKeys[0].scopes[0]=*"
  "sandbox|clearinghouse.kind=Directory,clearinghouse.existingClaim=clearinghouse,sandbox.enabled=true"
  "external-redis|redis.enabled=false,redis.external.address=redis.example:6379"
  "in-memory|storage.provider=InMemory"
  "autoscaling|components.coding.autoscaling.enabled=true,components.scrubbing.autoscaling.enabled=true"
  "reference-volume|referenceData.existingClaim=cms-reference"
  "no-dapr-no-policies|components.coding.dapr.enabled=false,networkPolicy.enabled=false,otel.endpoint=http://otel:4317"
)
for entry in "${sets[@]}"; do
  name=${entry%%|*} flags=${entry#*|}
  args=(--kube-version "$kube_version")
  [ -n "$flags" ] && args+=(--set "$flags")
  helm lint --strict "$chart" "${args[@]}" >"$out/$name.lint" 2>&1 || { cat "$out/$name.lint"; echo "helm lint failed: $name"; exit 1; }
  helm template rc "$chart" --namespace rcm "${args[@]}" >"$out/$name.yaml"
  # The Dapr Component is a custom resource: its schema is not among Kubernetes' own.
  kubeconform -strict -summary -kubernetes-version "$kube_version" -ignore-missing-schemas "$out/$name.yaml"
  echo "chart ok: $name"
done
