#!/usr/bin/env bash
# Plate event benchmark (issue #9: >= 3,000 decisions/s at p99 <= 20 ms, each answered only after its vehicle access
# record is committed). Against a running local stack (ops/run-local.sh), demo school:
#   1. a bench campus + gate (marked a vehicle gate through the admin API) and P registrants with an approved,
#      enabled motor vehicle each, allowed at the gate (SQL);
#   2. a device credential of that gate created through the admin API (HTTP Basic on every call);
#   3. HttpBench POSTs one plate event per line to /device/<school>/api/plate-events with T concurrent clients (a
#      warm-up round, then the measured round): plate, direction, confidence 0.97 and a unique eventId (the device's
#      idempotency key, so every event also pays for the repeated-event check); every answer must say "allowed":true;
#   4. the vehicle_access_record count must have grown by exactly the number of events.
# After the app starts, the JIT needs two or three runs (~50,000 requests) before the figures settle: quote a run
# from the third on (docs/performance.md).
# The load generator runs on the same 2 cores as the app, PostgreSQL and Redis, so the figure is conservative.
# Usage: ops/bench/plate-event-bench.sh [N=30000] [threads=16] [warmup=5000] [vehicles=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-30000}
THREADS=${2:-16}
WARMUP=${3:-5000}
PEOPLE=${4:-1000}
# shellcheck disable=SC1091
source .local/stack.env
SCHOOL=${DEMO_SCHOOL:-demo}
SCHEMA="school_${SCHOOL}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token=$(ops/bench/staff-token.sh "$SCHOOL")
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
json_id() { sed -E 's/^\{"id":([0-9]+).*/\1/'; }

tag=$(date +%H%M%S)
campus=$(api "$APP_URL/admin/api/campuses" -d "{\"name\":\"车辆压测校区$tag\"}" | json_id)
gate=$(api "$APP_URL/admin/api/gates" -d "{\"campusId\":$campus,\"name\":\"车辆压测门\"}" | json_id)
dept=$(api "$APP_URL/admin/api/departments" -d "{\"name\":\"车辆压测部门$tag\"}" | json_id)
api -X PUT "$APP_URL/admin/api/vehicle-gates/$gate" -d '{"vehicleGate":true}' >/dev/null
psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO $SCHEMA.registrant (name, identity, number, phone_encrypted, phone_index, phone_masked, department_id)
SELECT '车压测' || i, 'TEACHER', 'V$tag' || lpad(i::text, 6, '0'), 'v1:bench', md5('v$tag' || i), '139****0000', $dept
FROM generate_series(1, $PEOPLE) AS i;
INSERT INTO $SCHEMA.registrant_gate_access (registrant_id, gate_id)
SELECT id, $gate FROM $SCHEMA.registrant WHERE number LIKE 'V$tag%';
INSERT INTO $SCHEMA.vehicle (type, plate, owner_name, owner_relation, registrant_id, status, enabled, source)
SELECT 'MOTOR', '京Q$tag' || lpad(row_number() OVER (ORDER BY id)::text, 5, '0'), name, 'SELF', id, 'APPROVED', true,
       'IMPORT'
FROM $SCHEMA.registrant WHERE number LIKE 'V$tag%';
SQL
device=$(api "$APP_URL/admin/api/gate-devices" -d "{\"name\":\"车牌压测相机\",\"gateId\":$gate}")
key=$(echo "$device" | sed -E 's/.*"keyId":"([^"]+)".*/\1/')
secret=$(echo "$device" | sed -E 's/.*"secret":"([^"]+)".*/\1/')
basic="Basic $(printf '%s:%s' "$key" "$secret" | base64 -w0)"

bodies() { # count offset file
  awk -v count="$1" -v offset="$2" -v people="$PEOPLE" -v tag="$tag" 'BEGIN {
    for (i = 0; i < count; i++) {
      n = (offset + i) % people + 1
      printf "{\"plate\":\"京Q%s%05d\",\"direction\":\"%s\",\"confidence\":0.97,\"eventId\":\"bench-%s-%d\"}\n",
        tag, n, (i % 2 ? "OUT" : "IN"), tag, offset + i
    }
  }' >"$3"
}
before=$(psql -qAt "$PG_URL" -c "SELECT count(*) FROM $SCHEMA.vehicle_access_record")
bodies "$WARMUP" 0 "$work/warmup"
bodies "$N" "$WARMUP" "$work/measured"
URL="$APP_URL/device/$SCHOOL/api/plate-events"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up ($WARMUP):"
java ops/bench/HttpBench.java "$URL" "$work/warmup" "$THREADS" "$basic" '"allowed":true'
echo "measured ($N):"
java ops/bench/HttpBench.java "$URL" "$work/measured" "$THREADS" "$basic" '"allowed":true'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
after=$(psql -qAt "$PG_URL" -c "SELECT count(*) FROM $SCHEMA.vehicle_access_record")
echo "vehicle access records written: $((after - before)) (expected $((WARMUP + N)))"
[ $((after - before)) -eq $((WARMUP + N)) ]
