{{/*
The agent's alerts (prometheusRule.enabled). Every metric is in README.md's "Metrics" table; AotAgentRestarting reads
kube-state-metrics. Each alert is one node's agent (instance), so a cluster-wide problem fires once per node.
deploy/README.md, "Alerts", says what each one means and what to look at.
*/}}
{{- define "aot-agent.alerts" -}}
{{- $l := "{{ $labels.instance }}" }}
- alert: AotAgentRuntimeLoadsNothing
  expr: aotagent_runtime_load{state="loads_nothing"} == 1
  for: 2m
  labels:
    severity: critical
  annotations:
    summary: "The container runtime on {{ $l }} would load no CNI network: new pods get no network"
    description: "The first CNI file the runtime reads does not load (containerd has no fallback), or CRI-O's cni_default_network names a network no file has. /status and `aot-agent explain` name the file."
- alert: AotAgentOutputShadowed
  expr: aotagent_runtime_load{state=~"shadowed|pin_bypasses_multus"} == 1
  for: 5m
  labels:
    severity: warning
  annotations:
    summary: "New pods on {{ $l }} skip Multus"
    description: "Another CNI config sorts before the Multus config, or CRI-O's cni_default_network pins another network, so the runtime never loads the agent's output. /status names the file that wins."
- alert: AotAgentNoPrimary
  expr: aotagent_build_info unless on (job, instance) aotagent_primary_info
  for: 10m
  labels:
    severity: warning
  annotations:
    summary: "aot-agent on {{ $l }} has no primary CNI config"
    description: "No valid file matches Primary__Prefer (or none is valid, or the agent waits for Primary__ReadyFile or the CNI directory). The output in place is kept. `aot-agent explain` gives every file's verdict."
- alert: AotAgentConflictBackoff
  expr: increase(aotagent_reconciles_total{result="backoff"}[10m]) > 0
  labels:
    severity: warning
  annotations:
    summary: "Another writer keeps changing the Multus config on {{ $l }}; the agent has stopped restoring it"
    description: "Past Output__ConflictBudget restores a minute the agent backs off. Its log names the cause it found (a second Multus generator, Cilium's cni.exclusive, a chained installer) or says that it found none."
- alert: AotAgentOutputConflicts
  expr: increase(aotagent_output_conflicts_total[15m]) > 2
  labels:
    severity: warning
  annotations:
    summary: "Another writer changed the Multus config on {{ $l }} {{ "{{ $value | humanize }}" }} times in 15 minutes"
    description: "Each change is restored (within Output__ConflictBudget). The agent's log names the cause found, or says that none was found."
- alert: AotAgentConfigRejected
  expr: aotagent_config_rejected == 1
  for: 5m
  labels:
    severity: warning
  annotations:
    summary: "aot-agent on {{ $l }} refuses its ConfigMap; the last good configuration stays in force"
    description: "The ConfigMap holds a value the agent refuses (log event 14 names the key, the value and what is allowed). The chart's schema refuses such values at install and upgrade; an edit made with kubectl edit is not checked."
- alert: AotAgentConfigMapEmpty
  expr: aotagent_config_configmap_empty == 1
  for: 5m
  labels:
    severity: warning
  annotations:
    summary: "The ConfigMap of aot-agent on {{ $l }} is empty or missing; the last good configuration stays in force"
    description: "Set Config__AllowEmpty=true to apply the defaults on purpose, or restore the keys."
- alert: AotAgentStuck
  expr: (aotagent_last_queued_timestamp_seconds - aotagent_last_success_timestamp_seconds) > 300
  for: 1m
  labels:
    severity: critical
  annotations:
    summary: "aot-agent on {{ $l }} has not completed a pass for over 5 minutes although one is owed"
    description: "A change or a resync has waited without a successful pass: every pass fails (the log says why, e.g. a read-only or full disk) or the loop is stuck (/healthz fails and the kubelet restarts the container)."
- alert: AotAgentNotReady
  expr: aotagent_ready == 0
  for: 15m
  labels:
    severity: warning
  annotations:
    summary: "aot-agent on {{ $l }} has not been ready for 15 minutes"
    description: "/readyz on the node says why: no primary, waiting for the ready file or the directory, a failed write, backing off from another writer, or the runtime would not load the output."
- alert: AotAgentRestarting
  expr: increase(kube_pod_container_status_restarts_total{namespace="{{ .Release.Namespace }}", container="aot-agent", pod=~"{{ include "aot-agent.fullname" . }}-[a-z0-9]+"}[15m]) > 2
  labels:
    severity: warning
  annotations:
    summary: "aot-agent pod {{ "{{ $labels.pod }}" }} restarted {{ "{{ $value | humanize }}" }} times in 15 minutes"
    description: "A configuration refused at start exits 2; `kubectl describe pod` shows the line (terminationMessagePolicy FallbackToLogsOnError). Needs kube-state-metrics."
{{- end }}
