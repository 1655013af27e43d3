# The gateway: HTTP API + control silo. Build from the repository root:
#   docker build -f docker/gateway.Dockerfile -t autoscale-gateway .
# Tags are pinned to the SDK and runtime this repository is built and tested with, on Ubuntu 24.04 (noble).

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
# Directory.Build.targets runs scripts/patch-libtorchsharp.py after every publish. Ubuntu 24.04's libstdc++ already has
# GLIBCXX_3.4.32, so the script changes nothing here, but it needs python3 to find that out.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Gateway/AutoScale.Gateway.csproj -c Release -o /out -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble
# The gateway encodes what it streams and assembles: LAME (mp3), libFLAC (flac) and libsoxr (resampling to 24 kHz)
# through P/Invoke, and the ffmpeg program for aac. Ubuntu 24.04 names libFLAC 1.4 libflac12t64 (64-bit time_t).
# APP_UID (1654, user "app") comes with the .NET images; the artifacts folder is created here so that a named volume
# mounted on it starts out writable by that user.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmp3lame0 libflac12t64 libsoxr0 ffmpeg \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data/artifacts \
    && chown "$APP_UID:$APP_UID" /data/artifacts
WORKDIR /app
COPY --from=build /out /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Artifacts__Path=/data/artifacts \
    Orleans__ListenOnAnyAddress=true
# 8080: HTTP API; 11111: the control silo's silo-to-silo port (workers dial it).
EXPOSE 8080 11111
USER $APP_UID
# No curl in the image: bash's /dev/tcp sends the request and the status line is checked.
# No --start-period: dockerfilelint 1.8.0 reads option names with /--\w+/, sees "--start" and rejects the line;
# enough retries cover the start instead.
HEALTHCHECK --interval=30s --timeout=5s --retries=4 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "/app/AutoScale.Gateway.dll"]
