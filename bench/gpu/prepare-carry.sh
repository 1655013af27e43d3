#!/usr/bin/env bash
# Prepares, on this machine (no GPU), what the H200 run carries: the bench at HEAD published framework-dependent without libtorch
# (-p:TorchDevice=none: the device's Python torch provides it) and the .NET runtime it runs on, as two xz archives in
# bench/gpu/carry/ (git-ignored), under the 64 MiB a device run may carry. See bench/gpu/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

carry=bench/gpu/carry
limit_mib=64
stage=$(mktemp -d /tmp/autoscale-gpu-carry.XXXXXX)
commit=$(git rev-parse HEAD)
trap 'git worktree remove --force "$stage/src" >/dev/null 2>&1 || true; rm -rf "$stage"' EXIT
mkdir -p "$stage/carry"

# HEAD, built in a worktree of its own: others' unfinished edits stay out, and a TorchDevice=none build must not overwrite
# this checkout's bin/ and obj/, whose programs and tests need libtorch-cpu. Commit first what the run should contain.
git worktree add --quiet --detach "$stage/src" "$commit"
# The gateway and silo references bring their appsettings.json along; the batch bench reads neither.
(cd "$stage/src" && dotnet publish bench/AutoScale.Bench -c Release -p:TorchDevice=none -p:ErrorOnDuplicatePublishOutputFiles=false \
  -o "$stage/bench" -nologo -v quiet -clp:ErrorsOnly)
echo "$commit" > "$stage/carry/COMMIT"
native="$stage/bench/runtimes/linux-x64/native"
if [[ ! -f $native/libLibTorchSharp.so ]]; then
  echo "prepare-carry: TorchSharp's glue libLibTorchSharp.so is not in the publish output" >&2
  exit 1
fi
if compgen -G "$native/libtorch*" >/dev/null; then
  echo "prepare-carry: libtorch is in the publish output; -p:TorchDevice=none did not take" >&2
  exit 1
fi
# Native assets for other systems (osx, win-*: about 45 MB) are never loaded on the device.
find "$stage/bench/runtimes" -mindepth 1 -maxdepth 1 ! -name 'linux*' ! -name unix -exec rm -rf {} +
export XZ_OPT=-9
tar -cJf "$stage/carry/bench.tar.xz" -C "$stage/bench" .

# .NET from this SDK's installation: the host, hostfxr and the shared frameworks the bench's runtimeconfig names.
root=$(dirname "$(readlink -f "$(command -v dotnet)")")
parts=(dotnet host/fxr)
for framework in $(python3 -c 'import json,sys; print(" ".join(f["name"] for f in json.load(open(sys.argv[1]))["runtimeOptions"]["frameworks"]))' \
    "$stage/bench/AutoScale.Bench.runtimeconfig.json"); do
  version=$(ls "$root/shared/$framework" | grep '^10\.0\.' | sort -V | tail -1)
  parts+=("shared/$framework/$version")
done
tar -cJf "$stage/carry/dotnet.tar.xz" -C "$root" "${parts[@]}"

du -h "$stage/carry"/*.xz
size_mib=$(( ($(du -cb "$stage/carry"/* | tail -1 | cut -f1) + 1048575) / 1048576 ))
if (( size_mib > limit_mib )); then
  echo "prepare-carry: $size_mib MiB is over the $limit_mib MiB a device run may carry" >&2
  exit 1
fi
# Replaced only now, so a failed build leaves the last good carry in place.
rm -rf "$carry"
mkdir -p "$(dirname "$carry")"
mv "$stage/carry" "$carry"
echo "prepare-carry: $carry ready, $size_mib MiB: commit $commit, ${parts[*]:2}"
