#!/usr/bin/env bash
# Registrant Excel import benchmark, end to end: writes an N-row workbook (openpyxl), then runs
# RegistrantImportBenchIT on the test stack: a fresh school, its departments, the upload over HTTP, the background
# import until the job is DONE. The JVM that hosts the app (and the small test client) runs with -Xmx512m.
# Usage: ops/bench/import-bench.sh [ROWS=50000] [SLOT=4] [HEAP=512m]
#   SLOT: -Dcampuspass.test-stack.slot (own ports, database and Redis db; the first run starts the test stack).
# Prints the BENCH line (also in app/target/import-bench.txt). Figures go to docs/performance.md by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-50000}
SLOT=${2:-4}
HEAP=${3:-512m}
# Debian's python3-openpyxl belongs to the system interpreter (a pyenv python3 on PATH would not see it).
PYTHON=${PYTHON:-/usr/bin/python3}
FILE=$(mktemp --suffix=.xlsx)
trap 'rm -f "$FILE"' EXIT

start=$(date +%s.%N)
"$PYTHON" ops/bench/registrant-import-file.py "$FILE" "$ROWS" 20
echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s, $(stat -c %s "$FILE") bytes"

mvn -B -q -pl app -am verify -DskipUi -Dspotless.check.skip=true \
  -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dit.test=RegistrantImportBenchIT -Dcampuspass.test-stack.slot="$SLOT" \
  -DargLine="-Xmx$HEAP" -Dcampuspass.bench.file="$FILE" >/dev/null || {
    echo "benchmark run failed; see app/target/failsafe-reports" >&2; exit 1; }
cat app/target/import-bench.txt
