#!/usr/bin/env bash
# Installs what the system and its tests need and are missing: the PostgreSQL server binaries, eSpeak NG, the audio
# encoders, and for the tests node, chromium, yamllint, pgbouncer and the reference audio decoders (Debian packages).
# Sourced by run.sh and test.sh; safe to run again (it installs nothing that is already there).
set -euo pipefail

missing=()
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
# eSpeak NG, the CPU speech engine of the worker silos (loaded through P/Invoke).
ls /usr/lib/*/libespeak-ng.so.1 >/dev/null 2>&1 || missing+=(libespeak-ng1)
[[ -d /usr/lib/x86_64-linux-gnu/espeak-ng-data || -d /usr/share/espeak-ng-data ]] || missing+=(espeak-ng-data)
# opusinfo and opusdec: the audio tests check the Ogg/Opus files with the reference tools.
command -v opusdec >/dev/null 2>&1 || missing+=(opus-tools)
# The gateway's encoders (P/Invoke): LAME for mp3, libFLAC for flac, libsoxr to resample; the ffmpeg program for aac
# (its ffprobe also checks every format in the tests). libFLAC 1.4 is libflac12 on Debian 12 and libflac12t64 on
# Ubuntu 24.04, after the 64-bit time_t transition.
ls /usr/lib/*/libmp3lame.so.0 >/dev/null 2>&1 || missing+=(libmp3lame0)
if ! ls /usr/lib/*/libFLAC.so.12 >/dev/null 2>&1; then
  if apt-cache show libflac12t64 >/dev/null 2>&1; then missing+=(libflac12t64); else missing+=(libflac12); fi
fi
ls /usr/lib/*/libsoxr.so.0 >/dev/null 2>&1 || missing+=(libsoxr0)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
# HAProxy: the load balancer in front of several gateways (GATEWAYS=2 ./run.sh, and the tests that kill one of them).
command -v haproxy >/dev/null 2>&1 || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
if [[ "${AUTOSCALE_PREREQUISITES:-run}" == test ]]; then
  # The client-side tests: the official openai npm package, and a real browser driven by playwright-core.
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # yamllint: the deployment tests lint docker/compose.yaml and the workflows with it.
  command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
  # PgBouncer: the pooling tests put a private one in transaction mode between the processes and PostgreSQL.
  [[ -x /usr/sbin/pgbouncer ]] || command -v pgbouncer >/dev/null 2>&1 || missing+=(pgbouncer)
  # The reference decoders the audio tests check mp3 and flac files with (gapless mpg123, flac -t).
  command -v mpg123 >/dev/null 2>&1 || missing+=(mpg123)
  command -v flac >/dev/null 2>&1 || missing+=(flac)
  # iproute2's ip: the host tests give each gateway and worker a network namespace of its own (veth pairs, a bridge).
  command -v ip >/dev/null 2>&1 || [[ -x /usr/sbin/ip || -x /sbin/ip ]] || missing+=(iproute2)
fi

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian package starts a system-wide cluster; this project runs private clusters of its own instead.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _; do pg_ctlcluster "$version" "$name" stop 2>/dev/null || true; done
  fi
fi
# The Debian haproxy package starts a system-wide one on its default configuration; ours are private.
if [[ $(id -u) -eq 0 ]] && pgrep -x haproxy >/dev/null 2>&1 && pgrep -f '^/usr/sbin/haproxy .*-f /etc/haproxy/haproxy.cfg' >/dev/null 2>&1; then
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet haproxy 2>/dev/null; then
    systemctl stop haproxy
  elif [[ -x /etc/init.d/haproxy ]]; then
    /etc/init.d/haproxy stop >/dev/null 2>&1 || true
  fi
fi
# The Debian package also starts a system-wide pgbouncer on port 6432; the tests run private ones instead.
if [[ $(id -u) -eq 0 ]] && pgrep -f -u postgres '^/usr/sbin/pgbouncer .*/etc/pgbouncer/pgbouncer.ini' >/dev/null 2>&1; then
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet pgbouncer 2>/dev/null; then
    systemctl stop pgbouncer
  elif [[ -x /etc/init.d/pgbouncer ]]; then
    /etc/init.d/pgbouncer stop >/dev/null 2>&1 || true
  fi
fi

if [[ "${AUTOSCALE_PREREQUISITES:-run}" == test ]]; then
  js="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/js"
  if [[ ! -d "$js/node_modules" || "$js/package-lock.json" -nt "$js/node_modules" ]]; then
    echo "Installing the JavaScript test clients (npm ci) ..."
    npm ci --prefix "$js" --no-audit --no-fund --loglevel=error >/dev/null
    touch "$js/node_modules"
  fi
fi
