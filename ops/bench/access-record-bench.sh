#!/usr/bin/env bash
# Access-record search benchmark (issue #3: A6.1 search on 1,000,000 rows at p95 <= 50 ms). Against a running local
# stack (ops/run-local.sh), demo school:
#   1. R registrants in D departments and ROWS access records spread over SPAN days (default 180; 1095 = three
#      years for the 10,000,000-row partitioned run of issue 11 item 7), 4 gates, both methods, ~3% denied
#      (set-based SQL in chunks of 1,000,000 rows, each committed, so an interrupted seed keeps what it wrote; the
#      month partitions the rows need are created first, as the access housekeeping would; then VACUUM ANALYZE as
#      autovacuum would);
#   2. the admin API's GET /admin/api/access-records with the filter combinations the console offers, each repeated,
#      one client at a time (latency, not throughput), through HttpBench;
#   3. prints p50/p95/p99 per combination and over all, and of GET /admin/api/home (today's counts);
#   4. prints the plan of a date-bounded page, to show the partitions outside the range are pruned.
# Usage: ops/bench/access-record-bench.sh [ROWS=1000000] [rounds=30] [registrants=20000] [span_days=180]
# SEED_ONLY=1 stops after seeding; SKIP_SEED=1 measures what the table holds.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
ROUNDS=${2:-30}
PEOPLE=${3:-20000}
SPAN=${4:-180}
CHUNK=${CHUNK:-1000000}
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
campus=$(api "$APP_URL/admin/api/campuses" -d "{\"name\":\"记录校区$tag\"}" | json_id)
gates=()
for g in 东门 西门 南门 北门; do
  gates+=("$(api "$APP_URL/admin/api/gates" -d "{\"campusId\":$campus,\"name\":\"$g\"}" | json_id)")
done
depts=()
for d in $(seq 1 20); do
  depts+=("$(api "$APP_URL/admin/api/departments" -d "{\"name\":\"记录部门$tag-$d\"}" | json_id)")
done
gate_array="{$(IFS=,; echo "${gates[*]}")}"
dept_array="{$(IFS=,; echo "${depts[*]}")}"
if [[ -z "${SKIP_SEED:-}" ]]; then
echo "seeding $PEOPLE registrants and $ROWS access records over $SPAN days ..."
start=$(date +%s)
psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO $SCHEMA.registrant (name, identity, number, phone_encrypted, phone_index, phone_masked, department_id)
SELECT '记录' || i, (ARRAY['STUDENT','TEACHER','THIRD_PARTY','RESIDENT'])[1 + i % 4], 'R$tag' || lpad(i::text, 6, '0'),
       'v1:bench', md5('r$tag' || i), '139****0000', ('$dept_array'::bigint[])[1 + i % 20]
FROM generate_series(1, $PEOPLE) AS i;
-- Month partitions for the span (school migration V27 names and bounds), as AccessRecordPartitions creates them;
-- months that already exist are left alone. Rows of a month without a partition would land in DEFAULT.
DO \$\$
DECLARE m date;
BEGIN
  FOR m IN SELECT generate_series(date_trunc('month', (now() - interval '$SPAN days') AT TIME ZONE 'Asia/Shanghai'),
                                  date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai'), interval '1 month')::date
  LOOP
    IF to_regclass('$SCHEMA.access_record_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM')) IS NULL
       AND NOT EXISTS (SELECT 1 FROM $SCHEMA.access_record_default
                       WHERE passed_at >= m::timestamp AT TIME ZONE 'Asia/Shanghai'
                         AND passed_at < (m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai') THEN
      EXECUTE format('CREATE TABLE $SCHEMA.%I PARTITION OF $SCHEMA.access_record FOR VALUES FROM (%L) TO (%L)',
        'access_record_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM'),
        to_char(m, 'YYYY-MM-DD') || ' 00:00:00+08', to_char(m + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+08');
    END IF;
  END LOOP;
END
\$\$;
SQL
for ((c0 = 1; c0 <= ROWS; c0 += CHUNK)); do
  c1=$((c0 + CHUNK - 1 < ROWS ? c0 + CHUNK - 1 : ROWS))
  psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO $SCHEMA.access_record (registrant_id, name, phone_masked, identity, number, department_id, campus_id,
                                   gate_id, method, allowed, reason, verified_by, passed_at)
SELECT r.id, r.name, r.phone_masked, r.identity, r.number, r.department_id, $campus,
       ('$gate_array'::bigint[])[1 + s % 4], CASE WHEN s % 3 = 0 THEN 'GUARD' ELSE 'DEVICE' END,
       s % 33 <> 0, CASE WHEN s % 33 = 0 THEN 'NO_ACCESS' END, 'bench',
       now() - make_interval(secs => (s::double precision * $SPAN * 86400 / $ROWS))
FROM generate_series($c0, $c1) AS s
JOIN $SCHEMA.registrant r
  ON r.id = (SELECT min(id) FROM $SCHEMA.registrant WHERE number LIKE 'R$tag%') + s % $PEOPLE;
SQL
  echo "  $c1 / $ROWS rows after $(($(date +%s) - start)) s (load $(cut -d' ' -f1-3 /proc/loadavg))"
done
psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
VACUUM ANALYZE $SCHEMA.access_record;
VACUUM ANALYZE $SCHEMA.registrant;
SQL
echo "seeded in $(($(date +%s) - start)) s"
fi
echo "table holds $(psql -qAt "$PG_URL" -c "SELECT count(*) FROM $SCHEMA.access_record") rows in" \
  "$(psql -qAt "$PG_URL" -c "SELECT count(*) FROM pg_inherits WHERE inhparent = '$SCHEMA.access_record'::regclass") partitions"
[[ -n "${SEED_ONLY:-}" ]] && exit 0
if [[ -n "${SKIP_SEED:-}" ]]; then
  # Measure the rows an earlier run seeded: its campus, gates, registrants and departments.
  campus=$(psql -qAt "$PG_URL" -c "SELECT campus_id FROM $SCHEMA.access_record WHERE verified_by = 'bench' ORDER BY passed_at DESC LIMIT 1")
  mapfile -t gates < <(psql -qAt "$PG_URL" -c "SELECT id FROM $SCHEMA.gate WHERE campus_id = $campus ORDER BY id")
  tag=$(psql -qAt "$PG_URL" -c "SELECT substr(r.number, 2, 6) FROM $SCHEMA.access_record a JOIN $SCHEMA.registrant r ON r.id = a.registrant_id WHERE a.verified_by = 'bench' AND a.campus_id = $campus LIMIT 1")
  mapfile -t depts < <(psql -qAt "$PG_URL" -c "SELECT DISTINCT department_id FROM $SCHEMA.registrant WHERE number LIKE 'R$tag%' ORDER BY 1")
fi

base="$APP_URL/admin/api/access-records"
week_ago=$(date -d '7 days ago' +%F)
today=$(date +%F)
month_ago=$(date -d '30 days ago' +%F)
declare -A combos=(
  [newest]="$base?page=0&size=20"
  [last-7-days]="$base?from=$week_ago&to=$today"
  [department]="$base?departmentId=${depts[3]}"
  [identity]="$base?identity=TEACHER"
  [gate]="$base?gateId=${gates[1]}"
  [method]="$base?method=GUARD"
  [denied]="$base?result=DENIED"
  [number]="$base?q=R${tag}000123"
  [name]="$base?q=%E8%AE%B0%E5%BD%951234"
  [combined]="$base?departmentId=${depts[5]}&identity=THIRD_PARTY&gateId=${gates[2]}&from=$month_ago&to=$today&method=DEVICE"
  [page-50]="$base?page=50&size=20"
  [year-ago-week]="$base?from=$(date -d '365 days ago' +%F)&to=$(date -d '358 days ago' +%F)"
  [home]="$APP_URL/admin/api/home"
)
: >"$work/all"
for name in "${!combos[@]}"; do
  for _ in $(seq 1 "$ROUNDS"); do echo "${combos[$name]}"; done >"$work/$name"
  cat "$work/$name" >>"$work/all"
  printf '%-12s ' "$name"
  marker='"items"'
  [[ $name == home ]] && marker='"access"'
  java ops/bench/HttpBench.java GET "$work/$name" 1 "Bearer $token" "$marker"
done
printf '%-12s ' "all"
grep -v '/admin/api/home$' "$work/all" | shuf -o "$work/all"
java ops/bench/HttpBench.java GET "$work/all" 1 "Bearer $token" '"items"'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "plan of a date-bounded page (last 7 days):"
psql -qAt "$PG_URL" -c "SET search_path TO $SCHEMA; EXPLAIN SELECT * FROM access_record r
  WHERE r.passed_at >= '$week_ago 00:00:00+08' AND r.passed_at < '$(date -d tomorrow +%F) 00:00:00+08'
  ORDER BY r.passed_at DESC, r.id DESC LIMIT 20"
