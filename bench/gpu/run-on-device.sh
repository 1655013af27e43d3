#!/usr/bin/env bash
# Runs on the device machine, from the repository root, after bench/gpu/prepare-carry.sh ran here: unpacks .NET and the
# bench to /tmp, puts the device's Python torch (and its nvidia libraries) on LD_LIBRARY_PATH, checks that TorchSharp's glue
# links against that torch, then runs `kokoro-batches`. Everything it writes goes to $OUT (default ./gpu-results).
# Arguments go to kokoro-batches; without any: --device cuda --sizes 1,8,32,64,128 --seconds-per-item 10 --time-box 60 --runs 5.
# TORCH_LIB=DIR uses another libtorch folder (a dry run on a machine without Python torch). See bench/gpu/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

carry=bench/gpu/carry
out=${OUT:-$PWD/gpu-results}
mkdir -p "$out"
exec > >(tee -a "$out/run.log") 2>&1

args=("$@")
if (( ${#args[@]} == 0 )); then
  args=(--device cuda --sizes 1,8,32,64,128 --seconds-per-item 10 --time-box 60 --runs 5)
fi
device=cuda
for (( i = 0; i + 1 < ${#args[@]}; i++ )); do
  if [[ ${args[i]} == --device ]]; then device=${args[i + 1]}; fi
done

echo "== $(date -u +%FT%TZ) on $(uname -n): $(nproc) cores, device $device, load average $(cut -d' ' -f1-3 /proc/loadavg), bench of commit $(cat "$carry/COMMIT")"
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,memory.total,memory.used,driver_version --format=csv,noheader
else
  echo "no nvidia-smi on this machine"
fi

# .NET and the bench.
export DOTNET_ROOT=/tmp/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bench=/tmp/kokoro-bench
mkdir -p "$DOTNET_ROOT" "$bench"
tar -xJf "$carry/dotnet.tar.xz" -C "$DOTNET_ROOT"
tar -xJf "$carry/bench.tar.xz" -C "$bench"
export PATH=$DOTNET_ROOT:$PATH

# libtorch from the device's Python install; CUDA's libraries from its nvidia wheels.
torch_lib=${TORCH_LIB:-$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')}
nvidia_libs=$(python3 -c '
import glob, os
try:
    import torch
    site = os.path.dirname(os.path.dirname(torch.__file__))
    print(":".join(sorted(glob.glob(os.path.join(site, "nvidia", "*", "lib")))))
except ImportError:
    print("")')
export LD_LIBRARY_PATH=$torch_lib${nvidia_libs:+:$nvidia_libs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
echo "libtorch from $torch_lib"

# Stops the run (set -e, pipefail) with one line when the glue does not link.
python3 bench/gpu/preflight.py "$torch_lib" "$bench/runtimes/linux-x64/native/libLibTorchSharp.so" "$device" | tee "$out/preflight.txt"

dotnet "$bench/AutoScale.Bench.dll" kokoro-batches "${args[@]}" --out "$out"
echo "== done $(date -u +%FT%TZ); results in $out"
