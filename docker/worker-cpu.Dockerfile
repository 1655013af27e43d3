# A worker silo on CPU: eSpeak NG, and Kokoro on libtorch-cpu. Build from the repository root:
#   docker build -f docker/worker-cpu.Dockerfile -t autoscale-worker-cpu .
# Tags are pinned to the SDK and runtime this repository is built and tested with, on Ubuntu 24.04 (noble).

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
# Directory.Build.targets runs scripts/patch-libtorchsharp.py after every publish. Ubuntu 24.04's libstdc++ already has
# GLIBCXX_3.4.32, so the script leaves libLibTorchSharp.so as it is, but it needs python3 to find that out.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Silo/AutoScale.Silo.csproj -c Release -o /out -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0.12-noble
# eSpeak NG is loaded through P/Invoke (libespeak-ng.so.1) with its voice data.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libespeak-ng1 espeak-ng-data \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data/artifacts /models \
    && chown "$APP_UID:$APP_UID" /data/artifacts
WORKDIR /app
COPY --from=build /out /app
ENV Artifacts__Path=/data/artifacts \
    Models__Path=/models \
    Orleans__ListenOnAnyAddress=true \
    Worker__Pool=espeak
# 11112: the worker's silo port (on RunPod the pod's symmetric 70000/tcp port is used instead, see README).
EXPOSE 11112
USER $APP_UID
# A worker has no HTTP server, and whether it is ready (joined, warmed up, pulling) is what the PostgreSQL membership
# table says, which the scaler reads. Docker can only ask whether the silo accepts connections: some TCP socket of this
# container is listening (state 0A), whatever port it was given.
# No --start-period: dockerfilelint 1.8.0 reads option names with /--\w+/, sees "--start" and rejects the line;
# enough retries cover the start instead.
HEALTHCHECK --interval=30s --timeout=5s --retries=5 \
    CMD ["awk", "$4 == \"0A\" { found = 1 } END { exit !found }", "/proc/net/tcp", "/proc/net/tcp6"]
ENTRYPOINT ["dotnet", "/app/AutoScale.Silo.dll"]
