{{/* Names, labels and the pod both planes share. */}}

{{- define "eventbus.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name; resource names add a suffix, so it stays under 45 characters. */}}
{{- define "eventbus.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 45 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 45 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 45 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "eventbus.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "eventbus.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Labels of every resource; call with (dict "root" $ "component" "control-plane"). */}}
{{- define "eventbus.labels" -}}
helm.sh/chart: {{ include "eventbus.chart" .root }}
{{ include "eventbus.selectorLabels" . }}
app.kubernetes.io/version: {{ default .root.Chart.AppVersion .root.Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: eventbus
{{- end }}

{{- define "eventbus.selectorLabels" -}}
app.kubernetes.io/name: {{ include "eventbus.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "eventbus.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "eventbus.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the chart generates for the admin token and the secret key (whichever is not given). */}}
{{- define "eventbus.generatedSecretName" -}}
{{- include "eventbus.fullname" . }}
{{- end }}

{{- define "eventbus.adminTokenSecretName" -}}
{{- default (include "eventbus.generatedSecretName" .) .Values.adminToken.existingSecret }}
{{- end }}

{{- define "eventbus.secretKeySecretName" -}}
{{- default (include "eventbus.generatedSecretName" .) .Values.secretKey.existingSecret }}
{{- end }}

{{- define "eventbus.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "eventbus.fullname" .) }}
{{- end }}

{{- define "eventbus.postgresql.secretName" -}}
{{- default (include "eventbus.postgresql.fullname" .) .Values.postgresql.auth.existingSecret }}
{{- end }}

{{/* The JDBC URL the planes use. */}}
{{- define "eventbus.database.url" -}}
{{- if .Values.postgresql.enabled }}
{{- printf "jdbc:postgresql://%s:5432/%s" (include "eventbus.postgresql.fullname" .) .Values.postgresql.auth.database }}
{{- else }}
{{- .Values.database.external.url }}
{{- end }}
{{- end }}

{{/* The PostgreSQL port, for the NetworkPolicy: from the URL's first host, else 5432. */}}
{{- define "eventbus.database.port" -}}
{{- $port := regexReplaceAll "^jdbc:postgresql://[^/:,?]+(:([0-9]+))?[/,?].*$" (include "eventbus.database.url" .) "${2}" }}
{{- if regexMatch "^[0-9]+$" $port }}{{ $port }}{{ else }}5432{{ end }}
{{- end }}

{{/* Database credentials: from Secrets only (the user name may be a plain value). */}}
{{- define "eventbus.database.env" -}}
{{- if .Values.postgresql.enabled }}
- name: DATASOURCES_DEFAULT_USERNAME
  value: {{ .Values.postgresql.auth.username | quote }}
- name: DATASOURCES_DEFAULT_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "eventbus.postgresql.secretName" . }}
      key: {{ .Values.postgresql.auth.passwordKey }}
{{- else }}
{{- with .Values.database.external }}
- name: DATASOURCES_DEFAULT_USERNAME
{{- if .usernameKey }}
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .usernameKey }}
{{- else }}
  value: {{ .username | quote }}
{{- end }}
- name: DATASOURCES_DEFAULT_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The pod of a plane; call with (dict "root" $ "component" "control-plane" "role" "control" "plane" .Values.controlPlane).
Nothing is written but /tmp: every secret comes from the environment and the database is external, so the
process never opens its home (EVENTBUS_HOME is read-only on purpose: a pod that tried to generate its own
secret key would fail to start instead of encrypting with a key no other pod has).
*/}}
{{- define "eventbus.pod" -}}
{{- $root := .root }}
{{- $plane := .plane -}}
metadata:
  labels:
    {{- include "eventbus.labels" . | nindent 4 }}
  {{- with $plane.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "eventbus.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: 60
  containers:
    - name: eventbus
      image: {{ include "eventbus.image" $root }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      env:
        - name: EVENTBUS_ROLES
          value: {{ .role }}
        - name: EVENTBUS_HOME
          value: /var/lib/eventbus
        - name: DATASOURCES_DEFAULT_URL
          value: {{ include "eventbus.database.url" $root | quote }}
        {{- include "eventbus.database.env" $root | trim | nindent 8 }}
        - name: DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE
          value: {{ $plane.databasePoolSize | quote }}
        - name: EVENTBUS_SECRET_KEY
          valueFrom:
            secretKeyRef:
              name: {{ include "eventbus.secretKeySecretName" $root }}
              key: {{ $root.Values.secretKey.key }}
        {{- if eq .role "control" }}
        - name: EVENTBUS_ADMIN_TOKEN
          valueFrom:
            secretKeyRef:
              name: {{ include "eventbus.adminTokenSecretName" $root }}
              key: {{ $root.Values.adminToken.key }}
        {{- end }}
        {{- /* both planes: the data plane enforces it, the control plane warns of webhooks it would refuse */}}
        - name: EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS
          value: {{ $root.Values.delivery.allowPrivateNetworks | quote }}
        - name: EVENTBUS_LOG_FORMAT
          value: {{ $root.Values.log.format | quote }}
        - name: EVENTBUS_LOG_LEVEL
          value: {{ $root.Values.log.level | quote }}
        - name: JAVA_TOOL_OPTIONS
          value: {{ $root.Values.jvmOptions | quote }}
        {{- with $plane.env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
      startupProbe:
        httpGet:
          path: /health/liveness
          port: http
        periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
        failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: /health/liveness
          port: http
        periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: /health/readiness
          port: http
        periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
      lifecycle:
        preStop:
          # Endpoints are removed asynchronously: keep serving a moment so that no request lands on a stopped pod.
          exec:
            command: ["sleep", "5"]
      resources:
        {{- toYaml $plane.resources | nindent 8 }}
      securityContext:
        runAsNonRoot: true
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: ["ALL"]
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    # The JVM and Netty unpack native libraries and keep performance data here.
    - name: tmp
      emptyDir:
        sizeLimit: 256Mi
  {{- with $plane.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $plane.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if $plane.affinity }}
  affinity:
    {{- toYaml $plane.affinity | nindent 4 }}
  {{- else }}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                {{- include "eventbus.selectorLabels" . | nindent 16 }}
  {{- end }}
{{- end }}

{{/* What values.schema.json cannot say. */}}
{{- define "eventbus.validate" -}}
{{- with .Values.dataPlane.autoscaling }}
{{- if and .enabled (gt (int .minReplicas) (int .maxReplicas)) }}
{{- fail (printf "dataPlane.autoscaling.minReplicas (%d) is more than maxReplicas (%d)" (int .minReplicas) (int .maxReplicas)) }}
{{- end }}
{{- end }}
{{- if and .Values.ingress.enabled (eq .Values.ingress.control.host .Values.ingress.data.host) }}
{{- fail "ingress.control.host and ingress.data.host must differ: both planes answer under /v1, so each needs its own host" }}
{{- end }}
{{- if and (not .Values.postgresql.enabled) (not .Values.database.external.usernameKey) (not .Values.database.external.username) }}
{{- fail "database.external.username is empty: set it, or usernameKey to read it from database.external.existingSecret" }}
{{- end }}
{{- end }}
