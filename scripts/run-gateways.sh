# Sourced by run.sh when GATEWAYS is above 1: that many gateways of one cluster behind HAProxy on the one public port.
#   - HAProxy listens on 127.0.0.1:PORT (scripts/haproxy-config.sh: health checks on /health/ready every second);
#   - gateway n (1..N) serves HTTP on 127.0.0.1:PORT+n and its silo on SILO_PORT+n-1 (SILO_PORT: 11111), with jobs'
#     grain directory in PostgreSQL (Cluster:JobDirectory=postgres), so any of them finds any job;
#   - all share the data folder: one private PostgreSQL, one artifacts folder, the same admin and tenant keys. The
#     first gateway starts the server and makes the keys, then the others start; none of them stops the server,
#     which must outlive any one gateway: this script stops it after the last;
#   - each gateway runs under a small supervisor that starts it again when it dies (HAProxy sends its requests to
#     the others meanwhile). Logs and process ids are in DATA_PATH/gateways; the first gateway's log also shows here.
# Expects run.sh's variables: root, data, port, gateways; runs from the gateway's build folder.

run_dir="$data/gateways"
silo_base=${SILO_PORT:-11111}

run_several_gateways() {
  mkdir -p "$run_dir"
  rm -f "$run_dir"/*.pid "$run_dir/stopping"
  export Cluster__JobDirectory=postgres
  local n
  backends=() urls=() supervisors=()
  for ((n = 1; n <= gateways; n++)); do
    backends+=("127.0.0.1:$((port + n))")
    urls+=("http://127.0.0.1:$((port + n))")
  done
  refuse_busy_ports
  trap stop_several_gateways EXIT INT TERM
  start_haproxy
  # The first gateway alone: it makes the database, the schema and the keys the others then reuse.
  supervise_gateway 1 true &
  supervisors[1]=$!
  wait_until_ready 1
  for ((n = 2; n <= gateways; n++)); do
    supervise_gateway "$n" false &
    supervisors[n]=$!
  done
  for ((n = 2; n <= gateways; n++)); do wait_until_ready "$n"; done
  echo "$gateways gateways are ready behind HAProxy on http://127.0.0.1:$port: ${urls[*]} (logs in $run_dir)."
  # Returns when a signal arrives: the trap then stops everything.
  wait
}

refuse_busy_ports() {
  local busy
  for busy in "$port" $(seq $((port + 1)) $((port + gateways))) $(seq "$silo_base" $((silo_base + gateways - 1))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$busy") 2>/dev/null; then
      echo "Port $busy is in use; GATEWAYS=$gateways needs ports $port to $((port + gateways)) (PORT) and" \
        "$silo_base to $((silo_base + gateways - 1)) (SILO_PORT) free." >&2
      exit 1
    fi
  done
}

start_haproxy() {
  local haproxy
  haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
  "$root/scripts/haproxy-config.sh" "127.0.0.1:$port" "${backends[@]}" >"$run_dir/haproxy.cfg"
  # The configuration's 20,000 connections need twice as many open files; a lower hard limit (containers) would
  # stop HAProxy at start, so it is given as many connections as the limit allows (-n).
  local files connections=20000
  files=$(ulimit -Hn)
  if [[ "$files" != unlimited ]] && ((files / 2 - 100 < connections)); then connections=$((files / 2 - 100)); fi
  # Its own session, like the gateways: Ctrl-C must not take it away before the gateways have stopped.
  setsid "$haproxy" -db -n "$connections" -f "$run_dir/haproxy.cfg" >>"$run_dir/haproxy.log" 2>&1 &
  haproxy_pid=$!
  echo "$haproxy_pid" >"$run_dir/haproxy.pid"
  sleep 0.5
  if ! kill -0 "$haproxy_pid" 2>/dev/null; then
    echo "HAProxy did not start; its log ($run_dir/haproxy.log):" >&2
    tail -n 5 "$run_dir/haproxy.log" >&2
    exit 1
  fi
}

# Runs gateway $1 until this script stops, starting it again whenever it exits by itself (a crash, a kill -9).
# Only the first start of the first gateway prints the URL and keys. Ctrl-C is for this script alone: a subshell
# would otherwise take the default action of the signal the script traps.
supervise_gateway() {
  trap '' INT
  local n=$1 announce=$2
  while [[ ! -e "$run_dir/stopping" ]]; do
    start_gateway "$n" "$announce"
    wait "$gateway_pid" 2>/dev/null || true
    [[ -e "$run_dir/stopping" ]] && break
    echo "run.sh: gateway-$n (process $gateway_pid) exited; starting it again (log: $run_dir/gateway-$n.log)" >&2
    announce=false
    sleep 1
  done
}

start_gateway() {
  local n=$1 announce=$2 log="$run_dir/gateway-$n.log" out index
  local -a arguments=(
    --urls "http://127.0.0.1:$((port + n))" --Orleans:SiloPort="$((silo_base + n - 1))"
    --Embedded:DataPath="$data" --Embedded:StopPostgres=false --Embedded:Announce="$announce"
    --Embedded:PublicUrl="http://127.0.0.1:$port")
  for index in "${!urls[@]}"; do arguments+=(--Embedded:Gateways:"$index"="${urls[index]}"); done
  # The first gateway's output shows here as well (its announcement included); the others' only in their logs.
  # setsid: Ctrl-C reaches this script only, which stops the gateways in order.
  if ((n == 1)); then
    setsid dotnet AutoScale.Gateway.dll "${arguments[@]}" > >(trap '' INT; exec tee -a "$log") 2>&1 &
  else
    setsid dotnet AutoScale.Gateway.dll "${arguments[@]}" >>"$log" 2>&1 &
  fi
  gateway_pid=$!
  echo "$gateway_pid" >"$run_dir/gateway-$n.pid"
}

wait_until_ready() {
  local n=$1 deadline=$((SECONDS + 180))
  until timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET /health/ready HTTP/1.0\r\n\r\n" >&3 &&
    head -n1 <&3 | grep -q " 200 "' _ "$((port + n))" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      echo "gateway-$n did not become ready within 180 s; its log: $run_dir/gateway-$n.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# Ctrl-C: the gateways stop one after another from the last, each leaving its grains and the local workers to those
# still running; the first stops last and with it the workers, which hand their work back to it. Then HAProxy, then
# PostgreSQL.
stop_several_gateways() {
  trap - EXIT INT TERM
  touch "$run_dir/stopping"
  local n
  for ((n = gateways; n >= 1; n--)); do stop_gateway "$n"; done
  if [[ -n "${haproxy_pid:-}" ]]; then
    kill -TERM "$haproxy_pid" 2>/dev/null || true
    wait "$haproxy_pid" 2>/dev/null || true
  fi
  stop_postgres
}

# Signals gateway $1 (again if its supervisor was starting a new one meanwhile) until neither it nor its supervisor
# runs any more.
stop_gateway() {
  local n=$1 supervisor=${supervisors[$1]:-} signalled= pid
  while true; do
    pid=$(cat "$run_dir/gateway-$n.pid" 2>/dev/null || true)
    if [[ -n "$pid" && "$pid" != "$signalled" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      signalled=$pid
    fi
    if ! kill -0 "$supervisor" 2>/dev/null && ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  wait "$supervisor" 2>/dev/null || true
}

stop_postgres() {
  local cluster="$data/postgres/data" bin
  # With ConnectionStrings__Postgres the gateways used that database, not this one.
  [[ -z "${ConnectionStrings__Postgres:-}" && -f "$cluster/postmaster.pid" ]] || return 0
  bin=${AUTOSCALE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)}
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$bin/pg_ctl" stop -D "$cluster" -m fast -w >/dev/null || true
  else
    "$bin/pg_ctl" stop -D "$cluster" -m fast -w >/dev/null || true
  fi
}
