{{/*
Chart name, truncated to 63 characters (a DNS label).
*/}}
{{- define "revenue-cycle.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Release-qualified name for the chart-wide objects (Redis, the API-key Secret). The component
Deployments and Services are NOT prefixed: their Service name is the service name the gateway and
the submission service dial (http://<component>:<grpcPort>).
*/}}
{{- define "revenue-cycle.fullname" -}}
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

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "revenue-cycle.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels shared by every pod of this release, whatever its component (NetworkPolicy peers add the component).
Argument: the root context.
*/}}
{{- define "revenue-cycle.instanceLabels" -}}
app.kubernetes.io/name: {{ include "revenue-cycle.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector labels. Argument: (dict "context" $ "component" "<name>").
*/}}
{{- define "revenue-cycle.selectorLabels" -}}
{{ include "revenue-cycle.instanceLabels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Standard labels. Argument: (dict "context" $ "component" "<name>").
*/}}
{{- define "revenue-cycle.labels" -}}
helm.sh/chart: {{ include "revenue-cycle.chart" .context }}
{{ include "revenue-cycle.selectorLabels" . }}
app.kubernetes.io/version: {{ include "revenue-cycle.tag" .context | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .context.Release.Service }}
app.kubernetes.io/part-of: revenue-cycle
{{- end }}

{{/*
Tag of the RevenueCycle images: image.tag, or the chart's appVersion.
*/}}
{{- define "revenue-cycle.tag" -}}
{{- .Values.image.tag | default .Chart.AppVersion | toString }}
{{- end }}

{{/*
Image of a component: [global.imageRegistry/]image.repository/<image>:<tag>.
Argument: (dict "context" $ "image" "<components.X.image>").
*/}}
{{- define "revenue-cycle.image" -}}
{{- $repository := printf "%s/%s" (trimSuffix "/" .context.Values.image.repository) .image }}
{{- with .context.Values.global.imageRegistry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- printf "%s:%s" $repository (include "revenue-cycle.tag" .context) }}
{{- end }}

{{/*
Image of the in-chart Redis: [global.imageRegistry/]redis.image.repository:redis.image.tag.
*/}}
{{- define "revenue-cycle.redisImage" -}}
{{- $repository := .Values.redis.image.repository }}
{{- with .Values.global.imageRegistry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- printf "%s:%s" $repository (toString .Values.redis.image.tag) }}
{{- end }}

{{/*
Name of the in-chart Redis Service (and StatefulSet).
*/}}
{{- define "revenue-cycle.redisName" -}}
{{- printf "%s-redis" (include "revenue-cycle.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of the in-chart Redis headless Service (the StatefulSet's serviceName).
*/}}
{{- define "revenue-cycle.redisHeadlessName" -}}
{{- printf "%s-headless" (include "revenue-cycle.redisName" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
host:port of Redis: the in-chart Redis Service, or redis.external.address.
*/}}
{{- define "revenue-cycle.redisAddress" -}}
{{- if .Values.redis.enabled }}
{{- printf "%s:6379" (include "revenue-cycle.redisName" .) }}
{{- else }}
{{- required "redis.external.address (host:port) is required when redis.enabled=false" .Values.redis.external.address }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the gateway's API keys.
*/}}
{{- define "revenue-cycle.gatewaySecretName" -}}
{{- if .Values.gateway.existingSecret }}
{{- .Values.gateway.existingSecret }}
{{- else }}
{{- printf "%s-gateway-api-keys" (include "revenue-cycle.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the Redis password: redis.existingSecret, else the chart's generated
<fullname>-redis (in-chart Redis with redis.auth.enabled), else "" (no password).
*/}}
{{- define "revenue-cycle.redisSecretName" -}}
{{- if .Values.redis.existingSecret }}
{{- .Values.redis.existingSecret }}
{{- else if and .Values.redis.enabled (dig "auth" "enabled" false .Values.redis) }}
{{- include "revenue-cycle.redisName" . }}
{{- end }}
{{- end }}

{{/*
Key of the Redis password inside the Secret named by revenue-cycle.redisSecretName.
*/}}
{{- define "revenue-cycle.redisSecretKey" -}}
{{- if .Values.redis.existingSecret }}
{{- .Values.redis.existingSecretKey | default "redis-password" }}
{{- else }}
{{- print "password" }}
{{- end }}
{{- end }}

{{/*
StackExchange.Redis connection string of the services (Storage__Redis): host:port, plus
",password=$(REDIS_PASSWORD)" when Redis has a password (the container defines REDIS_PASSWORD from the
Secret first, and Kubernetes expands $(REDIS_PASSWORD) in the value).
*/}}
{{- define "revenue-cycle.redisConnectionString" -}}
{{- if include "revenue-cycle.redisSecretName" . }}
{{- printf "%s,password=$(REDIS_PASSWORD)" (include "revenue-cycle.redisAddress" .) }}
{{- else }}
{{- include "revenue-cycle.redisAddress" . }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the Dapr app API token (key `token`): dapr.appToken.existingSecret, or the
chart's generated <fullname>-dapr-app-token.
*/}}
{{- define "revenue-cycle.auditSecretName" -}}
{{- if .Values.audit.existingSecret }}
{{- .Values.audit.existingSecret }}
{{- else }}
{{- printf "%s-audit" (include "revenue-cycle.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "revenue-cycle.daprAppTokenSecretName" -}}
{{- if .Values.dapr.appToken.existingSecret }}
{{- .Values.dapr.appToken.existingSecret }}
{{- else }}
{{- printf "%s-dapr-app-token" (include "revenue-cycle.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/*
A random secret value that survives upgrades: the current value of key .key in Secret .name (read with
lookup), else randAlphaNum .length. `helm template` and --dry-run cannot look up, so they print a fresh value.
Argument: (dict "context" $ "name" "<secret>" "key" "<key>" "length" 32).
*/}}
{{- define "revenue-cycle.stableRandom" -}}
{{- $existing := lookup "v1" "Secret" .context.Release.Namespace .name | default dict }}
{{- $current := dig "data" .key "" $existing }}
{{- if $current }}
{{- $current | b64dec }}
{{- else }}
{{- randAlphaNum (.length | int) }}
{{- end }}
{{- end }}
