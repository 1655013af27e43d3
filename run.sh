#!/usr/bin/env bash
# Runs AutoScale on its embedded default: a private PostgreSQL under .data/, the gateway with its control silo.
# Prints the URL, a tenant key and the admin key. Ctrl-C stops everything.
# Give ConnectionStrings__Postgres to use an existing database instead; PORT to change the HTTP port (8080).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
source "$root/scripts/prerequisites.sh"

dotnet build "$root/src/Gateway/AutoScale.Gateway.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
cd "$root/src/Gateway/bin/Release/net10.0"
exec dotnet AutoScale.Gateway.dll --urls "http://127.0.0.1:${PORT:-8080}" --Embedded:DataPath="$root/.data"
