{{/* Chart name, overridable. */}}
{{- define "aot-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: every object name derives from it, so releases side by side never collide.
*/}}
{{- define "aot-agent.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "aot-agent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: include the instance so two releases select disjoint pods. */}}
{{- define "aot-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aot-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "aot-agent.labels" -}}
helm.sh/chart: {{ include "aot-agent.chart" . }}
{{ include "aot-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: cni-config-agent
{{- end }}

{{- define "aot-agent.serviceAccountName" -}}
{{- $serviceAccount := .Values.serviceAccount | default dict }}
{{- if dig "create" true $serviceAccount }}
{{- default (include "aot-agent.fullname" .) $serviceAccount.name }}
{{- else }}
{{- default "default" $serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image: repository@digest when image.digest is set (the tag is then ignored), else repository:tag. */}}
{{- define "aot-agent.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
updateStrategy as written, with two refusals instead of a silent drop: OnDelete takes no rollingUpdate, and maxSurge
must stay 0 (see values.yaml).
*/}}
{{- define "aot-agent.updateStrategy" -}}
{{- $strategy := deepCopy (.Values.updateStrategy | default dict) }}
{{- $type := get $strategy "type" | default "RollingUpdate" }}
{{- $_ := set $strategy "type" $type }}
{{- if eq $type "OnDelete" }}
{{- $_ := unset $strategy "rollingUpdate" }}
{{- else }}
{{- $rolling := get $strategy "rollingUpdate" | default dict }}
{{- $surge := toString (get $rolling "maxSurge" | default 0) | trimSuffix "%" }}
{{- if ne $surge "0" }}
{{- fail (printf "updateStrategy.rollingUpdate.maxSurge=%v cannot work here: the agent runs on the host network with fixed ports (Kubernetes sets hostPort = containerPort), so a surge pod cannot be scheduled on a node while the old one runs and the rollout would never finish. Leave maxSurge at 0 and set maxUnavailable" (get $rolling "maxSurge")) }}
{{- end }}
{{- end }}
{{- toYaml $strategy }}
{{- end }}

{{/*
Checks no schema can make, because they compare two values: config keys the chart itself sets in the environment
(which would shadow the ConfigMap's value without a word), and extra volume mounts that name no volume.
*/}}
{{- define "aot-agent.validate" -}}
{{- $config := .Values.config | default dict }}
{{- $http := .Values.http | default dict }}
{{- range $key, $value := dict "Http__Port" "port" "Http__ProbePort" "probePort" }}
{{- $set := get $config $key }}
{{- if and $set (ne (atoi (trim (toString $set))) (int (get $http $value))) }}
{{- fail (printf "config.%s=%v: the chart passes http.%s (%v) to the agent in the environment, which overrides the ConfigMap; set http.%s instead" $key $set $value (get $http $value) $value) }}
{{- end }}
{{- end }}
{{- $formatter := get $config "Logging__Console__FormatterName" }}
{{- if and $formatter .Values.logFormat (ne (lower (trim $formatter)) (lower .Values.logFormat)) }}
{{- fail (printf "config.Logging__Console__FormatterName=%s: the chart passes logFormat (%s) to the agent in the environment, which overrides the ConfigMap; set logFormat instead" $formatter .Values.logFormat) }}
{{- end }}
{{- $extraJson := trim (toString (get $config "Multus__ExtraJson" | default "")) }}
{{- if $extraJson }}
{{- /* fromJsonArray gives [the object], or [the error text] when the JSON is bad: never ambiguous. */}}
{{- $array := fromJsonArray (printf "[%s]" $extraJson) }}
{{- $parsed := first $array }}
{{- if or (ne (len $array) 1) (not (kindIs "map" $parsed)) }}
{{- fail (printf "config.Multus__ExtraJson is not one valid JSON object: %v" (ternary "more than one value" $parsed (gt (len $array) 1))) }}
{{- end }}
{{- /* The keys the agent writes itself (Rendering/MultusConfigRenderer.OwnedKeys; a test keeps the two lists equal). */}}
{{- range list "cniVersion" "name" "type" "capabilities" "delegates" "clusterNetwork" "kubeconfig" "plugins" "namespaceIsolation" "globalNamespaces" "logToStderr" "logLevel" "logFile" "binDir" "confDir" "readinessindicatorfile" "daemonSocketDir" "aotAgentPrimaryFile" }}
{{- if hasKey $parsed . }}
{{- fail (printf "config.Multus__ExtraJson sets %s, which the agent writes itself; use its Multus__ setting" .) }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq (int $http.port) (int $http.probePort) }}
{{- fail "http.probePort must differ from http.port: the probe listener needs a port of its own" }}
{{- end }}
{{- $volumes := list "cni-net-dir" "config" }}
{{- range (.Values.extraVolumes | default list) }}
{{- if has .name $volumes }}
{{- fail (printf "extraVolumes: the name %s is taken (the chart's own volumes are cni-net-dir and config)" .name) }}
{{- end }}
{{- $volumes = append $volumes .name }}
{{- end }}
{{- range (.Values.extraVolumeMounts | default list) }}
{{- if not (has .name $volumes) }}
{{- fail (printf "extraVolumeMounts: %s names no volume; add it to extraVolumes" .name) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Default affinity, used when .Values.affinity is null/unset. Keep in sync with the comment in
values.yaml and deploy/README.md (tests check the rendered result).
*/}}
{{- define "aot-agent.defaultAffinity" -}}
nodeAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    nodeSelectorTerms:
      - matchExpressions:
          - key: kubernetes.io/os
            operator: In
            values:
              - linux
          - key: eks.amazonaws.com/compute-type
            operator: NotIn
            values:
              - fargate
          - key: type
            operator: NotIn
            values:
              - virtual-kubelet
              - kwok
          - key: kwok.x-k8s.io/node
            operator: DoesNotExist
{{- end }}

{{/*
Effective affinity: the default (affinity unset) or the user's map (replaces the default),
with extraMatchExpressions appended to every required nodeSelectorTerm.
*/}}
{{- define "aot-agent.affinity" -}}
{{- $aff := dict }}
{{- if kindIs "invalid" .Values.affinity }}
{{- $aff = include "aot-agent.defaultAffinity" . | fromYaml }}
{{- else }}
{{- $aff = deepCopy .Values.affinity }}
{{- end }}
{{- $extra := .Values.extraMatchExpressions | default list }}
{{- if $extra }}
{{- $na := get $aff "nodeAffinity" | default dict }}
{{- $req := get $na "requiredDuringSchedulingIgnoredDuringExecution" | default dict }}
{{- $terms := get $req "nodeSelectorTerms" | default list }}
{{- if not $terms }}
{{- $terms = list dict }}
{{- end }}
{{- $newTerms := list }}
{{- range $terms }}
{{- $t := deepCopy . }}
{{- $_ := set $t "matchExpressions" (concat (get $t "matchExpressions" | default list) $extra) }}
{{- $newTerms = append $newTerms $t }}
{{- end }}
{{- $_ := set $req "nodeSelectorTerms" $newTerms }}
{{- $_ := set $na "requiredDuringSchedulingIgnoredDuringExecution" $req }}
{{- $_ := set $aff "nodeAffinity" $na }}
{{- end }}
{{- if $aff }}
{{- toYaml $aff }}
{{- end }}
{{- end }}

{{- define "aot-agent.tolerations" -}}
{{- $all := concat (.Values.tolerations | default list) (.Values.extraTolerations | default list) }}
{{- if $all }}
{{- toYaml $all }}
{{- end }}
{{- end }}
