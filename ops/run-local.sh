#!/usr/bin/env bash
# Runs the CampusPass stack locally as plain processes (no Docker):
# PostgreSQL, Redis, Keycloak, S3Proxy, the WeChat/SMS simulator and the app.
#
#   ops/run-local.sh              build the reactor (skip tests), then start everything; Ctrl-C stops it
#   ops/run-local.sh --no-build   start without building (uses what the last build left in target/)
#   ops/run-local.sh --no-app     services only (the app is not started nor seeded)
#   ops/run-local.sh stop         stop a stack left running (e.g. after the launcher was killed)
#
# State (databases, Keycloak, objects, logs) lives in .local/ and is kept between runs; values in .local/stack.env.
# The databases in the machine's PostgreSQL are this checkout's own (campuspass_<dir>_<hash>, keycloak_<dir>_<hash>).
# Ports: app 8080, Keycloak 8180, S3Proxy 8280, simulator 8380; only one checkout's local stack can have them.
# CAMPUSPASS_LOCAL_SLOT=N (1..5) shifts them all by N*10 to run beside another checkout's local stack.
# The build honours MAVEN_OPTS (e.g. MAVEN_OPTS=-Dmaven.repo.local=/path/to/repo).
set -euo pipefail

cd "$(dirname "$0")/.."
REPO="$(pwd)"

build=1
launcher_args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-app) launcher_args+=("--no-app") ;;
    stop) build=0; launcher_args=("stop") ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $arg (see ops/run-local.sh --help)" >&2; exit 2 ;;
  esac
done

if [[ $build == 1 ]]; then
  echo "Building (mvn -B -q install -DskipTests -DskipITs) ..."
  mvn -B -q install -DskipTests -DskipITs
fi

CLASSES="$REPO/ops/local-stack/target/classes"
CLASSPATH_FILE="$REPO/ops/local-stack/target/launcher-classpath.txt"
if [[ ! -d "$CLASSES" || ! -f "$CLASSPATH_FILE" ]]; then
  echo "ops/local-stack is not built: run ops/run-local.sh without --no-build" >&2
  exit 1
fi

# 'exec': the launcher JVM replaces this shell, so Ctrl-C (SIGINT) reaches it directly and its shutdown hook
# stops every process it started. JAVA_HOME wins over the java on PATH; Keycloak and the app use the same JVM.
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx256m -Dcampuspass.repo="$REPO" -Dcampuspass.local-stack.slot="${CAMPUSPASS_LOCAL_SLOT:-0}" \
  -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" \
  cn.campuspass.localstack.LocalStackMain "${launcher_args[@]+"${launcher_args[@]}"}"
