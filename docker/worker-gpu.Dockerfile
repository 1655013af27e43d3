# A worker silo on an NVIDIA GPU: Kokoro on libtorch-cuda-12.8 (and eSpeak NG). Build from the repository root:
#   docker build -f docker/worker-gpu.Dockerfile -t autoscale-worker-gpu .
# The CUDA libtorch package is several GB: the build stage needs about 20 GB of free disk.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
# Directory.Build.targets runs scripts/patch-libtorchsharp.py after every publish. The script patches only when the
# system libstdc++ lacks GLIBCXX_3.4.32; Ubuntu 24.04's (GCC 14) has it, so the CUDA build is left unpatched, which
# is right for the Ubuntu 24.04 runtime below. python3 is needed for the script to find that out.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Silo/AutoScale.Silo.csproj -c Release -o /out -p:UseAppHost=false -p:TorchDevice=cuda

# The .NET runtime is copied from Microsoft's image of the same Ubuntu release rather than installed by a script.
FROM mcr.microsoft.com/dotnet/runtime:10.0.12-noble AS dotnet

# CUDA 12.8 runtime on Ubuntu 24.04: its libstdc++ (GCC 14) is new enough for libLibTorchSharp.so, so no patch is needed.
FROM nvidia/cuda:12.8.1-runtime-ubuntu24.04
# What .NET needs on Ubuntu 24.04 (InvariantGlobalization is on, so no ICU), plus eSpeak NG; then the user "app" with
# the UID the .NET images use, so the shared artifacts volume has the same owner in every image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3t64 tzdata zlib1g libespeak-ng1 espeak-ng-data \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1654 --user-group --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data/artifacts /models \
    && chown app:app /data/artifacts
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /app
COPY --from=build /out /app
ENV APP_UID=1654 \
    DOTNET_ROOT=/usr/share/dotnet \
    Artifacts__Path=/data/artifacts \
    Models__Path=/models \
    Orleans__ListenOnAnyAddress=true \
    Worker__Pool=kokoro \
    Worker__Engine=kokoro
# 11112: the worker's silo port (on RunPod the pod's symmetric 70000/tcp port is used instead, see README).
EXPOSE 11112
USER app
# As in worker-cpu.Dockerfile: no HTTP server; readiness is the membership table; Docker checks a listening socket.
# No --start-period: dockerfilelint 1.8.0 reads option names with /--\w+/, sees "--start" and rejects the line;
# enough retries cover the start instead.
HEALTHCHECK --interval=30s --timeout=5s --retries=8 \
    CMD ["awk", "$4 == \"0A\" { found = 1 } END { exit !found }", "/proc/net/tcp", "/proc/net/tcp6"]
ENTRYPOINT ["dotnet", "/app/AutoScale.Silo.dll"]
