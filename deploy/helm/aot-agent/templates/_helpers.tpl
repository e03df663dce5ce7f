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
{{- if .Values.serviceAccount.create }}
{{- default (include "aot-agent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "aot-agent.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
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
