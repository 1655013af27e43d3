#!/usr/bin/env bash
# Runs AutoScale on its embedded default: a private PostgreSQL under .data/, the gateway with its control silo, and
# the local fleet: the scaler starts eSpeak NG worker processes when work arrives and stops them when idle.
# Prints the URL, a tenant key and the admin key. Ctrl-C stops everything (workers hand back their work first).
# Give ConnectionStrings__Postgres to use an existing database instead; PORT to change the HTTP port (8080);
# MIN_WORKERS / MAX_WORKERS / IDLE_SECONDS to change the local pool's bounds (0 / cores) and idle window (120 s).
# Kokoro's model files are downloaded into MODELS_PATH (.data/models) first when missing; MODELS=none skips that (and
# Kokoro), and ./run.sh --download-models only downloads them. With them, pool kokoro runs on CPU workers too
# (KOKORO_MIN_WORKERS / KOKORO_MAX_WORKERS: 0 / 1).
# GATEWAYS=2 runs that many gateways behind HAProxy on the one port (scripts/run-gateways.sh; SILO_PORT: their silo
# ports, from 11111); a gateway that dies is started again. DATA_PATH moves .data (a second run beside the first).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
gateways=${GATEWAYS:-1}
[[ "$gateways" =~ ^[1-9][0-9]*$ ]] || { echo "GATEWAYS must be a whole number, 1 or more (not '$gateways')." >&2; exit 2; }
source "$root/scripts/prerequisites.sh"

data=$(mkdir -p "${DATA_PATH:-$root/.data}" && cd "${DATA_PATH:-$root/.data}" && pwd)

# Kokoro-82M from the Hugging Face hub (verified, resumable; files already in place are not fetched again).
models=${MODELS_PATH:-"$data/models"}
downloader="$root/tools/AutoScale.ModelDownloader"
build_downloader() { dotnet build "$downloader/AutoScale.ModelDownloader.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly; }
run_downloader() { dotnet "$downloader/bin/Release/net10.0/AutoScale.ModelDownloader.dll" --path "$models"; }
if [[ "${1:-}" == --download-models ]]; then
  build_downloader
  status=0
  run_downloader || status=$?
  exit "$status"
fi
if [[ "${MODELS:-}" != none ]] && ! { [[ -f "$models/kokoro/kokoro-v1_0.pth" && -f "$models/kokoro/config.json" ]] &&
  compgen -G "$models/kokoro/voices/*.pt" >/dev/null; }; then
  # Without the files the product still runs on eSpeak NG: a failed download is one line, not the end of the run.
  # The downloader's progress shows; its errors are kept back and the first one becomes the reason.
  errors=$(mktemp)
  reason=
  if ! build_downloader >/dev/null 2>&1; then
    reason="the downloader did not build; ./run.sh --download-models shows why"
  elif ! run_downloader 2>"$errors"; then
    reason=$(grep -m1 . "$errors" || echo "the downloader failed without a reason")
  fi
  rm -f "$errors"
  [[ -z "$reason" ]] || echo "Kokoro's model files could not be downloaded (${reason%.}); carrying on with eSpeak only." >&2
fi
export Models__Path="$models"
# With the files in place the local fleet serves Kokoro too, on CPU workers beside eSpeak's (one at a time by default:
# one already keeps every core busy). The first worker starts at once to report the voices it found.
if [[ "${MODELS:-}" != none && -f "$models/kokoro/kokoro-v1_0.pth" && -f "$models/kokoro/config.json" ]] &&
  compgen -G "$models/kokoro/voices/*.pt" >/dev/null; then
  export Fleet__Pools__kokoro__MinWorkers=${KOKORO_MIN_WORKERS:-0}
  export Fleet__Pools__kokoro__MaxWorkers=${KOKORO_MAX_WORKERS:-1}
  export Fleet__Pools__kokoro__IdleSeconds=${IDLE_SECONDS:-120}
  # First guesses for a CPU worker (the scaler learns the real ones): model load and warm-up, engine seconds per character.
  export Fleet__Pools__kokoro__BootSeconds=20
  export Fleet__Pools__kokoro__SecondsPerCharacter=0.03
  echo "Kokoro-82M: $(ls "$models/kokoro/voices/"*.pt | wc -l) voices in $models/kokoro; pool kokoro (tts-1-hd) runs on CPU workers."
else
  echo "Kokoro-82M: no model files in $models/kokoro; only eSpeak NG (tts-1) speaks. ./run.sh --download-models fetches them."
fi

dotnet build "$root/src/Gateway/AutoScale.Gateway.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build "$root/src/Silo/AutoScale.Silo.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

port=${PORT:-8080}
export Fleet__Pools__espeak__MinWorkers=${MIN_WORKERS:-0}
export Fleet__Pools__espeak__IdleSeconds=${IDLE_SECONDS:-120}
[ -n "${MAX_WORKERS:-}" ] && export Fleet__Pools__espeak__MaxWorkers=$MAX_WORKERS
export Fleet__Local__WorkerDirectory=${Fleet__Local__WorkerDirectory:-"$root/src/Silo/bin/Release/net10.0"}
export Fleet__Local__LogDirectory=${Fleet__Local__LogDirectory:-"$data/workers"}
cd "$root/src/Gateway/bin/Release/net10.0"

# One gateway: it runs the embedded PostgreSQL itself. It runs in a session of its own, so Ctrl-C reaches only this
# script, which stops it in order: the gateway stops its workers first (they hand back their work), then its silo,
# then the embedded PostgreSQL.
run_one_gateway() {
  setsid dotnet AutoScale.Gateway.dll --urls "http://127.0.0.1:$port" --Embedded:DataPath="$data" &
  gateway=$!
  stop() {
    trap - EXIT INT TERM
    kill -TERM "$gateway" 2>/dev/null || true
    wait "$gateway" 2>/dev/null || true
  }
  trap stop EXIT INT TERM
  wait "$gateway"
}

if ((gateways == 1)); then
  run_one_gateway
else
  source "$root/scripts/run-gateways.sh"
  run_several_gateways
fi
