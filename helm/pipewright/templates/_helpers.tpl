{{/* The chart's name. */}}
{{- define "pipewright.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's base name for objects. */}}
{{- define "pipewright.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries. */}}
{{- define "pipewright.labels" -}}
app.kubernetes.io/name: {{ include "pipewright.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: pipewright
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "daemon"). */}}
{{- define "pipewright.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pipewright.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The daemon's service account. */}}
{{- define "pipewright.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (printf "%s-daemon" (include "pipewright.fullname" .)) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret with the database URL and the ingest token secret. */}}
{{- define "pipewright.secretName" -}}
{{- default (include "pipewright.fullname" .) .Values.existingSecret -}}
{{- end -}}

{{/* The namespace of step pods. */}}
{{- define "pipewright.stepNamespace" -}}
{{- default .Release.Namespace .Values.steps.namespace -}}
{{- end -}}

{{/* Prometheus scrape annotations of a pod: (dict "root" $ "port" 3000). */}}
{{- define "pipewright.scrapeAnnotations" -}}
{{- if .root.Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /q/metrics
{{- end -}}
{{- end -}}

{{/* Liveness and readiness probes on Quarkus's health endpoints. */}}
{{- define "pipewright.probes" -}}
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  initialDelaySeconds: 10
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  periodSeconds: 5
  failureThreshold: 3
startupProbe:
  httpGet: {path: /q/health/started, port: http}
  periodSeconds: 2
  failureThreshold: 60
{{- end -}}

{{/* The datasource and the token secret, from the Secret. */}}
{{- define "pipewright.secretEnv" -}}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  valueFrom: {secretKeyRef: {name: {{ include "pipewright.secretName" . }}, key: QUARKUS_DATASOURCE_REACTIVE_URL}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  valueFrom: {secretKeyRef: {name: {{ include "pipewright.secretName" . }}, key: QUARKUS_DATASOURCE_JDBC_URL}}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom: {secretKeyRef: {name: {{ include "pipewright.secretName" . }}, key: QUARKUS_DATASOURCE_USERNAME}}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "pipewright.secretName" . }}, key: QUARKUS_DATASOURCE_PASSWORD}}
- name: PIPEWRIGHT_INGEST_TOKEN_SECRET
  valueFrom: {secretKeyRef: {name: {{ include "pipewright.secretName" . }}, key: PIPEWRIGHT_INGEST_TOKEN_SECRET}}
{{- end -}}
