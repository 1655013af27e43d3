#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds in Release, runs every test project (they start
# their own PostgreSQL and real gateway/worker processes), then prints one summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
AUTOSCALE_PREREQUISITES=test source "$root/scripts/prerequisites.sh"

results="$root/.data/test-results"
rm -rf "$results"
mkdir -p "$results"

stop_test_postgres() {
  local data="${TMPDIR:-/tmp}/autoscale-test-postgres/data"
  if [[ -f "$data/postmaster.pid" ]]; then
    local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$bin/pg_ctl" stop -D "$data" -m fast >/dev/null 2>&1 || true
    else "$bin/pg_ctl" stop -D "$data" -m fast >/dev/null 2>&1 || true; fi
  fi
}
trap stop_test_postgres EXIT

dotnet build "$root/AutoScale.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
status=0
dotnet test "$root/AutoScale.sln" -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# One line for people and CI: the sums over every test project's TRX report.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
totals = {"passed": 0, "failed": 0, "skipped": 0}
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    totals["passed"] += int(counters.get("passed", 0))
    totals["failed"] += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # Skipped tests are counted in total but not in executed (notExecuted stays 0 in the trx the runner writes).
    totals["skipped"] += int(counters.get("total", 0)) - int(counters.get("executed", 0))
print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
PY
exit $status
