#!/usr/bin/env bash
# Prints an HAProxy configuration that spreads HTTP over several gateways on one public address:
#   scripts/haproxy-config.sh LISTEN_ADDRESS:PORT GATEWAY_ADDRESS:PORT [GATEWAY_ADDRESS:PORT ...]
# Each gateway is health-checked on /health/ready every second and taken out after two failed checks (so a killed or
# stopping gateway stops getting requests within about 2 s); a request whose connection to a gateway fails is sent to
# another one. Each request carries the client's address in X-Forwarded-For (option forwardfor), which the gateways
# believe from this proxy only (127.0.0.1 is trusted; elsewhere list it in Network:TrustedProxies). Used by
# GATEWAYS=2 ./run.sh and by the tests that run several gateways; the compose file's copy is docker/haproxy.cfg.
set -euo pipefail
if (($# < 2)); then
  echo "usage: $0 LISTEN_ADDRESS:PORT GATEWAY_ADDRESS:PORT [GATEWAY_ADDRESS:PORT ...]" >&2
  exit 2
fi
listen=$1
shift

cat <<EOF
global
  # HAProxy needs two file descriptors per connection and refuses to start when the hard limit (ulimit -Hn) is lower:
  # 8000 fits the 20000 many containers are given.
  maxconn 8000

defaults
  mode http
  # Clients keep speech and event streams open for as long as a job runs; only silence this long ends one.
  timeout connect 2s
  timeout client 10m
  timeout server 10m
  timeout tunnel 1h
  timeout http-request 30s
  # A connection a gateway refused (killed, stopping) is retried once on another gateway: the request never reached
  # the first, so even a POST is safe to send again.
  retries 2
  option redispatch 1
  retry-on conn-failure

frontend public
  bind $listen
  option forwardfor
  default_backend gateways

backend gateways
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 2
EOF
index=0
for gateway in "$@"; do
  index=$((index + 1))
  echo "  server gateway-$index $gateway check"
done
