#!/usr/bin/env bash
# Runs AutoScale on its embedded default: a private PostgreSQL under .data/, the gateway with its control silo, and
# one local eSpeak NG worker silo. Prints the URL, a tenant key and the admin key. Ctrl-C stops everything.
# Give ConnectionStrings__Postgres to use an existing database instead; PORT to change the HTTP port (8080);
# WORKERS to run another number of local workers (1).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
source "$root/scripts/prerequisites.sh"

dotnet build "$root/src/Gateway/AutoScale.Gateway.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build "$root/src/Silo/AutoScale.Silo.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

port=${PORT:-8080}
data="$root/.data"
pids=()
# Children run in sessions of their own, so Ctrl-C reaches only this script, which stops the workers first (they
# hand back their work) and the gateway last (it stops the embedded PostgreSQL after its silo).
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]:1}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]:1}"; do wait "$pid" 2>/dev/null || true; done
  kill -TERM "${pids[0]}" 2>/dev/null || true
  wait "${pids[0]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

(cd "$root/src/Gateway/bin/Release/net10.0" && exec setsid dotnet AutoScale.Gateway.dll --urls "http://127.0.0.1:$port" --Embedded:DataPath="$data") &
pids+=($!)

# Workers need the database the gateway made: wait for it to be ready, then read its connection settings.
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || exit 1
  sleep 0.5
done
connection=${ConnectionStrings__Postgres:-"Host=127.0.0.1;Port=$(cat "$data/postgres/port");Username=autoscale;Password=$(cat "$data/postgres/password");Database=autoscale"}
for i in $(seq 1 "${WORKERS:-1}"); do
  (cd "$root/src/Silo/bin/Release/net10.0" && ConnectionStrings__Postgres="$connection" Artifacts__Path="${Artifacts__Path:-$data/artifacts}" \
     Orleans__SiloPort=$((11111 + i)) exec setsid dotnet AutoScale.Silo.dll) &
  pids+=($!)
done
wait "${pids[0]}"
