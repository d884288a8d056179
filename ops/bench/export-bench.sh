#!/usr/bin/env bash
# Export benchmarks (issue #9: the vehicle list of 100,000 vehicles exported in <= 10 s, streaming; 10,000 faces
# exported without holding them in memory). Against a running local stack (ops/run-local.sh), demo school:
#   1. V vehicles (set-based SQL, linked round-robin to bench registrants) and F face-update records that all point
#      at one face image already in the school's storage (the demo seeding uploads one; each record is still copied
#      into the zip one by one, as in production);
#   2. starts the vehicle export (POST /admin/api/vehicle-reviews/export — the list filtered to the bench rows'
#      keyword) and the face export (POST /admin/api/faces/exports?keyword=...), one after the other, and polls each
#      job until it is DONE;
#   3. prints each job's time (created_at -> finished_at in the job row), the rows it wrote, the app's heap in use
#      before and after (jvm_memory_used_bytes on /actuator/prometheus), the heap's peak while the job ran (sampled
#      every 200 ms) and the process's RSS (max of the same samples).
# Usage: ops/bench/export-bench.sh [vehicles=100000] [faces=10000]
set -euo pipefail
cd "$(dirname "$0")/../.."
VEHICLES=${1:-100000}
FACES=${2:-10000}
# shellcheck disable=SC1091
source .local/stack.env
SCHOOL=${DEMO_SCHOOL:-demo}
SCHEMA="school_${SCHOOL}"
MGMT=${MANAGEMENT_URL:-$(echo "$APP_URL" | sed -E 's#:([0-9]+)$#:#')$(( ${APP_URL##*:} + 1 ))}
app_pid=$(ss -ltnp "sport = :${APP_URL##*:}" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)

token=$(ops/bench/staff-token.sh "$SCHOOL")
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
json_id() { sed -E 's/^\{"id":([0-9]+).*/\1/'; }
heap() { curl -sf "$MGMT/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF }
  END { printf "%.0f MB", s / 1048576 }'; }
rss() { awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$app_pid/status"; }

# Polls a job URL until its status is DONE (or FAILED), sampling RSS; prints the max RSS seen.
await_job() { # url
  local max=0 maxheap=0 status r h
  while :; do
    status=$(api "$1" | sed -E 's/.*"status":"([A-Z]+)".*/\1/')
    r=$(awk '/VmRSS/ { print $2 }' "/proc/$app_pid/status")
    h=$(heap | cut -d' ' -f1)
    ((r > max)) && max=$r
    ((h > maxheap)) && maxheap=$h
    [[ $status == DONE || $status == FAILED ]] && break
    sleep 0.2
  done
  echo "status $status, while running: heap in use up to $maxheap MB, RSS up to $((max / 1024)) MB"
}

tag=$(date +%H%M%S)
dept=$(api "$APP_URL/admin/api/departments" -d "{\"name\":\"导出压测部门$tag\"}" | json_id)
echo "seeding $VEHICLES vehicles and $FACES face records (tag X$tag) ..."
start=$(date +%s)
psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO $SCHEMA.registrant (name, identity, number, phone_encrypted, phone_index, phone_masked, department_id)
SELECT '导出' || i, 'TEACHER', 'X$tag' || lpad(i::text, 6, '0'), 'v1:bench', md5('x$tag' || i), '139****0000', $dept
FROM generate_series(1, greatest($FACES, 1000)) AS i;
INSERT INTO $SCHEMA.vehicle (type, plate, owner_name, owner_relation, registrant_id, status, enabled, source)
SELECT 'MOTOR', 'X$tag' || lpad(i::text, 6, '0'), '导出车主' || i, 'SELF',
       (SELECT min(id) FROM $SCHEMA.registrant WHERE number LIKE 'X$tag%') + i % greatest($FACES, 1000),
       (ARRAY['APPROVED','PENDING'])[1 + i % 2], true, 'IMPORT'
FROM generate_series(1, $VEHICLES) AS i;
INSERT INTO $SCHEMA.face_update (registrant_id, old_key, new_key, source, operator)
SELECT r.id, NULL, (SELECT new_key FROM $SCHEMA.face_update ORDER BY id LIMIT 1),
       'IMPORT', 'bench'
FROM (SELECT id FROM $SCHEMA.registrant WHERE number LIKE 'X$tag%' ORDER BY id LIMIT $FACES) r;
VACUUM ANALYZE $SCHEMA.vehicle;
VACUUM ANALYZE $SCHEMA.face_update;
SQL
echo "seeded in $(($(date +%s) - start)) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "app before: heap $(heap), RSS $(rss)"
job=$(api "$APP_URL/admin/api/vehicle-reviews/export" -d "{\"q\":\"X$tag\"}" | sed -E 's/.*"id":"([^"]+)".*/\1/')
echo "vehicle export $job:"
await_job "$APP_URL/admin/api/vehicle-reviews/export/$job"
psql -qAt "$PG_URL" -c "SELECT 'rows ' || processed_rows || ', ' || round(extract(epoch FROM finished_at - created_at)::numeric, 2) || ' s' FROM $SCHEMA.export_job WHERE id = '$job'"
echo "app after: heap $(heap), RSS $(rss); load average $(cut -d' ' -f1-3 /proc/loadavg)"

job=$(api -X POST "$APP_URL/admin/api/faces/exports?keyword=X$tag" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
echo "face export $job:"
await_job "$APP_URL/admin/api/faces/exports/$job"
psql -qAt "$PG_URL" -c "SELECT 'records ' || done || ' of ' || total || ', ' || round(extract(epoch FROM finished_at - created_at)::numeric, 2) || ' s' FROM $SCHEMA.face_export WHERE id = '$job'"
echo "app after: heap $(heap), RSS $(rss); load average $(cut -d' ' -f1-3 /proc/loadavg)"
