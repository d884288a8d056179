{{/*
Expand the name of the chart.
*/}}
{{- define "campuspass.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name (max 63 chars, DNS-1123). If the release name already contains the chart
name it is not repeated.
*/}}
{{- define "campuspass.fullname" -}}
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

{{/* Name of the optional in-cluster Keycloak. */}}
{{- define "campuspass.keycloak.fullname" -}}
{{- printf "%s-keycloak" (include "campuspass.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "campuspass.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels shared by every object. */}}
{{- define "campuspass.commonLabels" -}}
helm.sh/chart: {{ include "campuspass.chart" . }}
app.kubernetes.io/part-of: campuspass
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels of the application objects. */}}
{{- define "campuspass.labels" -}}
{{ include "campuspass.commonLabels" . }}
{{ include "campuspass.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{- define "campuspass.selectorLabels" -}}
app.kubernetes.io/name: {{ include "campuspass.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: app
{{- end }}

{{/* Labels of the Keycloak objects. */}}
{{- define "campuspass.keycloak.labels" -}}
{{ include "campuspass.commonLabels" . }}
{{ include "campuspass.keycloak.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.keycloak.deploy.image.tag | quote }}
{{- end }}

{{- define "campuspass.keycloak.selectorLabels" -}}
app.kubernetes.io/name: {{ include "campuspass.name" . }}-keycloak
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: keycloak
{{- end }}

{{- define "campuspass.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "campuspass.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference. Call with (dict "image" .Values.x.image "global" .Values.global "defaultTag" "...").
registry/repository:tag, or registry/repository@digest when a digest is given.
*/}}
{{- define "campuspass.image" -}}
{{- $registry := .image.registry | default (.global).imageRegistry | default "" -}}
{{- $repo := .image.repository -}}
{{- if $registry }}{{ $repo = printf "%s/%s" (trimSuffix "/" $registry) $repo }}{{ end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repo .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (toString (.image.tag | default .defaultTag)) -}}
{{- end -}}
{{- end }}

{{- define "campuspass.imagePullSecrets" -}}
{{- $secrets := concat (.Values.global.imagePullSecrets | default list) (.Values.imagePullSecrets | default list) | uniq -}}
{{- with $secrets -}}
imagePullSecrets:
{{- range . }}
  {{- if kindIs "string" . }}
  - name: {{ . }}
  {{- else }}
  - name: {{ .name }}
  {{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of the Secret holding passwords and keys (chart-managed or existing). */}}
{{- define "campuspass.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "campuspass.fullname" . }}
{{- end }}
{{- end }}

{{/* true when the chart renders its own Secret. */}}
{{- define "campuspass.createSecret" -}}
{{- if not .Values.secrets.existingSecret }}true{{ end }}
{{- end }}

{{/* Container port that serves /actuator: always its own port (validate refuses management.port = containerPort). */}}
{{- define "campuspass.managementPortName" -}}management{{- end }}

{{/*
Ids of the PII data keys, sorted and unique: the chart-managed keys (pii.keys) or, with an existing Secret,
pii.keyIds; the active key id is always one of them.
*/}}
{{- define "campuspass.piiKeyIds" -}}
{{- $ids := list .Values.pii.activeKeyId -}}
{{- if .Values.secrets.existingSecret -}}
{{- $ids = concat $ids (.Values.pii.keyIds | default list) -}}
{{- else -}}
{{- $ids = concat $ids (keys (.Values.pii.keys | default dict)) -}}
{{- end -}}
{{- $ids | compact | uniq | sortAlpha | join " " -}}
{{- end }}

{{/*
Public URL of the application: publicUrl, else derived from the first ingress host.
*/}}
{{- define "campuspass.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := (index .Values.ingress.hosts 0).host }}
{{- $tls := false }}
{{- range .Values.ingress.tls }}{{ if has $host .hosts }}{{ $tls = true }}{{ end }}{{ end }}
{{- printf "%s://%s" (ternary "https" "http" $tls) $host }}
{{- end }}
{{- end }}

{{/*
Public base URL of Keycloak: keycloak.url, else the in-cluster Keycloak's hostname or ingress host.
*/}}
{{- define "campuspass.keycloakUrl" -}}
{{- if .Values.keycloak.url }}
{{- .Values.keycloak.url | trimSuffix "/" }}
{{- else if .Values.keycloak.deploy.enabled }}
{{- if .Values.keycloak.deploy.hostname }}
{{- .Values.keycloak.deploy.hostname | trimSuffix "/" }}
{{- else if and .Values.keycloak.deploy.ingress.enabled .Values.keycloak.deploy.ingress.host }}
{{- $host := .Values.keycloak.deploy.ingress.host }}
{{- printf "%s://%s" (ternary "https" "http" (not (empty .Values.keycloak.deploy.ingress.tls))) $host }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Environment variables the chart owns. extraEnv and config.extra may not set them (use the dedicated
values), nor any variable that changes the Spring profile or redirects WeChat/SMS.
*/}}
{{- define "campuspass.reservedEnvNames" -}}
SPRING_PROFILES_ACTIVE SPRING_PROFILES_INCLUDE SPRING_PROFILES_DEFAULT SPRING_PROFILES_GROUP SPRING_APPLICATION_JSON SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD SPRING_DATA_REDIS_HOST SPRING_DATA_REDIS_PORT SPRING_DATA_REDIS_PASSWORD CAMPUSPASS_STORAGE_ENDPOINT CAMPUSPASS_STORAGE_ACCESS_KEY CAMPUSPASS_STORAGE_SECRET_KEY CAMPUSPASS_STORAGE_BUCKET CAMPUSPASS_KEYCLOAK_URL CAMPUSPASS_KEYCLOAK_ADMIN_CLIENT_ID CAMPUSPASS_KEYCLOAK_ADMIN_CLIENT_SECRET CAMPUSPASS_PUBLIC_URL CAMPUSPASS_PII_KEY CAMPUSPASS_PII_ACTIVE_KEY_ID CAMPUSPASS_PII_INDEX_KEY CAMPUSPASS_GATE_LINK_SECRET JAVA_TOOL_OPTIONS MANAGEMENT_SERVER_PORT SERVER_PORT SPRING_DATA_REDIS_DATABASE SPRING_DATA_REDIS_USERNAME SPRING_DATA_REDIS_SSL_ENABLED SPRING_DATA_REDIS_SSL_BUNDLE
{{- end }}

{{- define "campuspass.checkEnvName" -}}
{{- $name := upper (toString .) -}}
{{- if has $name (splitList " " (include "campuspass.reservedEnvNames" .)) -}}
{{- fail (printf "environment variable %s is managed by the chart: set it through its dedicated value (see helm/README.md), not through extraEnv/config.extra" $name) -}}
{{- end -}}
{{- if or (hasPrefix "CAMPUSPASS_PII" $name) (hasPrefix "CAMPUSPASS_KEYCLOAK" $name) (hasPrefix "MANAGEMENT_SERVER" $name) (hasPrefix "SPRING_SSL_BUNDLE_PEM_REDIS" $name) -}}
{{- fail (printf "environment variable %s is managed by the chart: set it through its dedicated value (see helm/README.md), not through extraEnv/config.extra" $name) -}}
{{- end -}}
{{- if or (hasPrefix "SPRING_PROFILES" $name) (hasPrefix "CAMPUSPASS_WECHAT" $name) (hasPrefix "CAMPUSPASS_SMS" $name) (contains "SIMULATOR" $name) -}}
{{- fail (printf "environment variable %s may not be set through extraEnv/config.extra: the profile is always prod, and WeChat/SMS are redirected only through wechat.apiBase" $name) -}}
{{- end -}}
{{- end }}

{{/* Checks that fail the render early with a clear message instead of a crash-looping pod. */}}
{{- define "campuspass.validate" -}}
{{- range .Values.extraEnv }}{{ include "campuspass.checkEnvName" .name }}{{ end -}}
{{- range $k, $v := .Values.config.extra }}{{ include "campuspass.checkEnvName" $k }}{{ end -}}
{{- $jvm := lower (toString .Values.jvm.extraOptions) -}}
{{- if or (contains "spring.profiles" $jvm) (contains "simulator" $jvm) (contains "wechat" $jvm) -}}
{{- fail "jvm.extraOptions may not set Spring profiles or WeChat/SMS endpoints" -}}
{{- end -}}
{{- if .Values.wechat.apiBase -}}
{{- if not (regexMatch "^https?://[^\\s]+$" .Values.wechat.apiBase) -}}
{{- fail "wechat.apiBase must be an http(s) URL or empty (empty = the real WeChat API)" -}}
{{- end -}}
{{- end -}}
{{- if not .Values.pii.activeKeyId -}}
{{- fail "pii.activeKeyId must name the data key new personal data is encrypted with (e.g. k1)" -}}
{{- end -}}
{{- if not .Values.secrets.existingSecret -}}
{{- range $id, $key := .Values.pii.keys -}}
{{- if ne (len (b64dec $key)) 32 -}}
{{- fail (printf "pii.keys.%s must be the base64 encoding of a 32-byte AES-256 key (`openssl rand -base64 32`)" $id) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.pii.keys (not (hasKey .Values.pii.keys .Values.pii.activeKeyId)) -}}
{{- fail (printf "pii.activeKeyId %q is not one of pii.keys" .Values.pii.activeKeyId) -}}
{{- end -}}
{{- if and .Values.pii.indexKey (ne (len (b64dec .Values.pii.indexKey)) 32) -}}
{{- fail "pii.indexKey must be the base64 encoding of a 32-byte key (`openssl rand -base64 32`)" -}}
{{- end -}}
{{- if and .Values.gateLink.secret (lt (len (b64dec .Values.gateLink.secret)) 32) -}}
{{- fail "gateLink.secret must be the base64 encoding of at least 32 random bytes (`openssl rand -base64 32`)" -}}
{{- end -}}
{{- end -}}
{{- if eq (int .Values.management.port) (int .Values.containerPort) -}}
{{- fail "management.port must differ from containerPort: /actuator is never served on the public port" -}}
{{- end -}}
{{- if and .Values.redis.tls.caSecret (not .Values.redis.tls.enabled) -}}
{{- fail "redis.tls.caSecret needs redis.tls.enabled=true" -}}
{{- end -}}
{{- range $id, $url := .Values.keycloak.clusters -}}
{{- if or (not (regexMatch "^[a-z0-9]+$" $id)) (eq $id "main") -}}
{{- fail (printf "keycloak.clusters: id %q must be lowercase letters/digits and not \"main\" (keycloak.url is main)" $id) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.keycloak.deploy.enabled (not .Values.keycloak.deploy.database.url) -}}
{{- fail "keycloak.deploy.enabled=true needs keycloak.deploy.database.url (jdbc:postgresql://host:5432/keycloak)" -}}
{{- end -}}
{{- if and .Values.keycloak.deploy.enabled (not (.Values.keycloak.deploy.hostname | default (include "campuspass.keycloakUrl" .))) -}}
{{- fail "keycloak.deploy.enabled=true needs its public URL: keycloak.url, keycloak.deploy.hostname or keycloak.deploy.ingress.host" -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" -}}
{{- end -}}
{{- end }}
