#!/usr/bin/env bash
# Start-up benchmark: starts a second app instance on port 8090 against the running local stack (which should
# already hold many schools, e.g. after `ops/bench/onboarding-bench.sh 200`) and times it to readiness.
# The app does not touch schools at start-up (schema checks run in the background), so this should stay flat as
# schools grow. Usage: ops/bench/startup-bench.sh [SEED]
#   SEED > 0 first registers SEED extra schools straight in the registry with schema version "0" (registry rows
#   only, no realm), so the started instance's background worker has SEED schemas to create and migrate; the
#   script also reports how long that background pass takes after readiness.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source .local/stack.env
SEED=${1:-0}
if [ "$SEED" -gt 0 ]; then
  tag=s$(date +%H%M%S)
  psql "$PG_URL" -q -c "insert into platform.school (code, name, status, schema_state, schema_version, settings,
      admin_username, admin_phone) select '$tag' || g, '种子学校' || g, 'ACTIVE', 'CURRENT', '0', '{}'::jsonb, 'admin', 'x'
      from generate_series(1, $SEED) g"
  # Throw-away rows: the next start of the local stack removes them (LeftoverSchools).
  for g in $(seq 1 "$SEED"); do echo "$tag$g"; done >> .local/bench-schools
fi
schools=$(psql "$PG_URL" -Atc "select count(*) from platform.school where status = 'ACTIVE'")
export SERVER_PORT=8090 MANAGEMENT_SERVER_PORT=8091 SPRING_PROFILES_ACTIVE=local CAMPUSPASS_MIGRATION_ON_STARTUP=true
export SPRING_DATASOURCE_URL="$JDBC_URL" CAMPUSPASS_KEYCLOAK_URL="$KEYCLOAK_URL"
export CAMPUSPASS_KEYCLOAK_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USERNAME" CAMPUSPASS_KEYCLOAK_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD"
export CAMPUSPASS_STORAGE_ENDPOINT="$S3_ENDPOINT" CAMPUSPASS_STORAGE_ACCESS_KEY="$S3_ACCESS_KEY" CAMPUSPASS_STORAGE_SECRET_KEY="$S3_SECRET_KEY"
redis_hostport=${REDIS_URL#redis://}; redis_hostport=${redis_hostport%%/*}
export SPRING_DATA_REDIS_HOST=${redis_hostport%%:*} SPRING_DATA_REDIS_PORT=${redis_hostport##*:}
start=$(date +%s.%N)
java -jar app/target/campuspass-app.jar > .local/logs/startup-bench.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do
  if curl -sf http://127.0.0.1:8091/actuator/health/readiness >/dev/null; then break; fi
  sleep 0.1
done
end=$(date +%s.%N)
echo "start-up to readiness with $schools active schools: $(echo "$end - $start" | bc) s"
if [ "$SEED" -gt 0 ]; then
  for _ in $(seq 1 3000); do
    behind=$(psql "$PG_URL" -Atc "select count(*) from platform.school where schema_version = '0' or schema_state = 'MIGRATING'")
    [ "$behind" = 0 ] && break
    sleep 0.2
  done
  done_at=$(date +%s.%N)
  echo "background migration of $SEED schools finished $(echo "$done_at - $end" | bc) s after readiness"
  failed=$(psql "$PG_URL" -Atc "select count(*) from platform.school where schema_state = 'FAILED'")
  echo "schools with a failed migration: $failed"
fi
