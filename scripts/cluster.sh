#!/usr/bin/env bash
# A local Realtime cluster on loopback: PostgreSQL, N Orleans silos and nginx in front of them.
#
#   scripts/cluster.sh start [N]   start (or resize to) N silos, default 3, on 127.0.0.1:5101..510N (Orleans
#                                  silo-to-silo ports 11111..1111N), and nginx on 127.0.0.1:5100 with sticky
#                                  sessions over them; prints the URL when it answers. Run again with another N to
#                                  add silos or stop the highest-numbered ones.
#   scripts/cluster.sh stop        stop the silos and nginx. PostgreSQL keeps running (it is shared with the
#                                  tests); scripts/postgres.sh stop ends it.
#   scripts/cluster.sh status      which silos answer /healthz, nginx, and the live set in OrleansMembershipTable.
#
# The silos form one Orleans cluster (Realtime__Cluster__ClusterId, default realtime-local): membership is Orleans'
# ADO.NET clustering in the same PostgreSQL database (OrleansMembershipTable, created by the silo's schema
# migrator), grain calls and events travel over Orleans' own silo-to-silo connections. No other broker.
#
# Everything lives in the run folder (REALTIME_CLUSTER_DIR, default /tmp/realtime-cluster): the built silo
# (app/, copied from the build so that rebuilding the repository never touches running silos), one folder per
# silo (data/, silo.log, silo.pid), the shared signing key (signing.key: every silo must sign and check tokens
# with the same key), and nginx's generated config, pid and logs (nginx/). The system nginx service is not used.
#
# Settings (environment): REALTIME_CLUSTER_DIR, REALTIME_CLUSTER_DATABASE (default realtime_cluster, created if
# missing), REALTIME_CLUSTER_POOL_SIZE (Maximum Pool Size per connection pool, default 20), REALTIME_CLUSTER_ID
# (the Orleans cluster id, default realtime-local). Any other Realtime setting exported in the calling shell
# reaches the silos, e.g. RateLimits__ChatPerSecond=1000 for load tests.
#
# Installs nothing: scripts/install-test-deps.sh installs postgresql and nginx. Runs as root (as
# on the test machines; nginx workers then run as "nobody") or as a user who may run the PostgreSQL script.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${REALTIME_CLUSTER_DIR:-/tmp/realtime-cluster}"
database="${REALTIME_CLUSTER_DATABASE:-realtime_cluster}"
pool_size="${REALTIME_CLUSTER_POOL_SIZE:-20}"
cluster_id="${REALTIME_CLUSTER_ID:-realtime-local}"
host="127.0.0.1"
lb_port=5100
orleans_base_port=11110
max_silos=50
app="$run/app"
ngx="$run/nginx"

die() { echo "cluster.sh: $*" >&2; exit 1; }
say() { echo "cluster.sh: $*" >&2; }

[[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || die "REALTIME_CLUSTER_DATABASE must be a lower-case SQL identifier"
[[ "$pool_size" =~ ^[1-9][0-9]*$ ]] || die "REALTIME_CLUSTER_POOL_SIZE must be a positive whole number"
[[ "$cluster_id" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "REALTIME_CLUSTER_ID may only hold letters, digits and . _ -"

port_of() { echo $((lb_port + $1)); }
# Each silo's Orleans port (silo-to-silo traffic): silos on one machine need different ones.
silo_port_of() { echo $((orleans_base_port + $1)); }
silo_dir() { echo "$run/silo-$1"; }

# The pid in a pid file, if that process is alive and is what we started (a pid may be reused after a reboot).
live_pid() {
  local file="$1" marker="$2" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$marker" || return 1
  echo "$pid"
}

silo_pid() { live_pid "$(silo_dir "$1")/silo.pid" "Realtime.Silo.dll"; }
nginx_pid() { live_pid "$ngx/nginx.pid" "nginx"; }

# Indexes of silos with a pid file in the run folder, ascending.
known_silos() {
  local d
  for d in "$run"/silo-*/; do
    [ -d "$d" ] || continue
    d="${d%/}"
    echo "${d##*/silo-}"
  done | grep -E '^[0-9]+$' | sort -n || true
}

healthy() { curl -fsS --max-time 2 "http://$host:$1/healthz" >/dev/null 2>&1; }

port_taken() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# PostgreSQL login of the realtime role, from scripts/postgres.sh url ("Host=..;Port=..;Username=..;Password=..;Database=..").
pg_field() { tr ';' '\n' <<<"$pg_url" | sed -n "s/^$1=//p"; }
cluster_psql() {
  PGPASSWORD="$(pg_field Password)" psql -X -q -v ON_ERROR_STOP=1 -h "$(pg_field Host)" -p "$(pg_field Port)" \
    -U "$(pg_field Username)" "$@"
}

ensure_database() {
  cluster_psql -d "$(pg_field Database)" <<SQL >/dev/null
SELECT format('CREATE DATABASE %I TEMPLATE template0 ENCODING %L LOCALE %L', '$database', 'UTF8', 'C.UTF-8')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$database') \gexec
SQL
}

build() {
  say "building the silo (dotnet build -c Release silos/Realtime.Silo; log: $run/build.log)"
  if ! (cd "$repo" && dotnet build -c Release silos/Realtime.Silo) >"$run/build.log" 2>&1; then
    tail -n 30 "$run/build.log" >&2
    die "the build failed; see $run/build.log"
  fi
  local out="$repo/silos/Realtime.Silo/bin/Release/net10.0"
  [ -f "$out/Realtime.Silo.dll" ] || die "no $out/Realtime.Silo.dll after the build"
  rm -rf "$app.new"
  cp -a "$out" "$app.new"
  rm -rf "$app"
  mv "$app.new" "$app"
}

signing_key() {
  local file="$run/signing.key"
  if [ ! -s "$file" ]; then
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 >"$file")
  fi
  cat "$file"
}

start_silo() {
  local i="$1" port silo_port dir
  port="$(port_of "$i")"
  silo_port="$(silo_port_of "$i")"
  dir="$(silo_dir "$i")"
  port_taken "$port" && die "port $port is taken by another process (ss -ltnp 'sport = :$port')"
  port_taken "$silo_port" && die "port $silo_port (Orleans) is taken by another process (ss -ltnp 'sport = :$silo_port')"
  mkdir -p "$dir/data"
  echo "==== $(date -Is) starting silo-$i on $host:$port (Orleans $host:$silo_port)" >>"$dir/silo.log"
  # The content root is the app folder (its appsettings.json sets the log levels). setsid: the silo outlives this
  # shell and its terminal. The subshell execs through env and setsid, so $! is the silo's own pid.
  (
    cd "$app"
    exec env \
      ASPNETCORE_URLS="http://$host:$port" \
      Realtime__SiloId="silo-$i" \
      Realtime__DataPath="$dir/data" \
      Realtime__Storage__Provider=postgres \
      Realtime__Storage__ConnectionString="$connection_string" \
      Realtime__Cluster__ClusterId="$cluster_id" \
      Realtime__Cluster__SiloPort="$silo_port" \
      Realtime__Cluster__AdvertisedAddress="$host" \
      Auth__SigningKey="$key" \
      setsid dotnet Realtime.Silo.dll
  ) >>"$dir/silo.log" 2>&1 </dev/null &
  echo $! >"$dir/silo.pid"
}

# Sends SIGTERM (graceful: the silo leaves the membership table), then SIGKILL after 10 s.
stop_silos() {
  local i pid pids=()
  for i in "$@"; do
    if pid="$(silo_pid "$i")"; then
      say "stopping silo-$i (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$(silo_dir "$i")/silo.pid"
  done
  local waited=0 alive
  while :; do
    alive=()
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive+=("$pid"); fi
    done
    [ "${#alive[@]}" -eq 0 ] && break
    if [ "$waited" -ge 100 ]; then
      say "killing ${alive[*]} (still running 10 s after SIGTERM)"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

nginx_args() {
  local args=(-p "$ngx/" -c "$ngx/nginx.conf")
  # -e (error log before the config is read) exists from nginx 1.19.5; older ones use their built-in path.
  if nginx -h 2>&1 | grep -q -- ' -e '; then args+=(-e "$ngx/error.log"); fi
  printf '%s\n' "${args[@]}"
}

write_nginx_config() {
  local count="$1" servers="" i user_line=""
  for i in $(seq 1 "$count"); do
    servers+="        server $host:$(port_of "$i") max_fails=1 fail_timeout=5s;"$'\n'
  done
  mkdir -p "$ngx/tmp"
  if [ "$(id -u)" -eq 0 ]; then
    # A root master drops its workers to an unprivileged user; nginx's built-in "nobody nobody" fails on Debian,
    # where nobody's group is nogroup. The workers write proxy temp files, so they own the temp folder.
    local worker_group
    worker_group="$(id -gn nobody 2>/dev/null || echo nogroup)"
    user_line="user nobody $worker_group;"
    chown nobody:"$worker_group" "$ngx/tmp"
  fi
  local template
  template="$(cat "$repo/scripts/nginx/realtime-cluster.conf.template")"
  template="${template//@USER_LINE@/$user_line}"
  template="${template//@NGINX_DIR@/$ngx}"
  template="${template//@LISTEN@/$host:$lb_port}"
  template="${template//@SERVERS@/${servers%$'\n'}}"
  printf '%s\n' "$template" >"$ngx/nginx.conf.new"
  mv "$ngx/nginx.conf.new" "$ngx/nginx.conf"
}

start_or_reload_nginx() {
  command -v nginx >/dev/null 2>&1 || die "nginx is not installed (apt-get install nginx, or run scripts/install-test-deps.sh)"
  local args
  mapfile -t args < <(nginx_args)
  nginx -q -t "${args[@]}" >"$ngx/config-test.log" 2>&1 || { cat "$ngx/config-test.log" >&2; die "the generated nginx config does not load"; }
  if pid="$(nginx_pid)"; then
    say "reloading nginx (pid $pid)"
    nginx "${args[@]}" -s reload
  else
    port_taken "$lb_port" && die "port $lb_port is taken by another process (ss -ltnp 'sport = :$lb_port')"
    say "starting nginx on $host:$lb_port"
    nginx "${args[@]}"
  fi
}

stop_nginx() {
  local pid waited=0
  if pid="$(nginx_pid)"; then
    say "stopping nginx (pid $pid)"
    kill -QUIT "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  fi
  rm -f "$ngx/nginx.pid"
}

start() {
  local count="${1:-3}"
  [[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le "$max_silos" ] || die "N must be 1..$max_silos"
  command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed"
  command -v curl >/dev/null 2>&1 || die "curl is not installed"
  command -v psql >/dev/null 2>&1 || die "psql is not installed (apt-get install postgresql)"
  command -v nginx >/dev/null 2>&1 || die "nginx is not installed (apt-get install nginx, or run scripts/install-test-deps.sh)"
  mkdir -p "$run"

  pg_url="$("$repo/scripts/postgres.sh" start)"
  say "PostgreSQL is up"
  ensure_database
  connection_string="$(sed "s/Database=[^;]*/Database=$database/" <<<"$pg_url");Maximum Pool Size=$pool_size"
  key="$(signing_key)"

  local i running=()
  for i in $(known_silos); do
    if silo_pid "$i" >/dev/null; then running+=("$i"); fi
  done
  if [ "${#running[@]}" -eq 0 ]; then
    build
  elif [ ! -f "$app/Realtime.Silo.dll" ]; then
    die "silos are running but $app is missing; run $0 stop first"
  else
    say "silos ${running[*]} are running: reusing the silo in $app (stop the cluster to rebuild)"
  fi

  ulimit -n 65536 2>/dev/null || true
  local started=()
  for i in $(seq 1 "$count"); do
    if ! silo_pid "$i" >/dev/null; then
      say "starting silo-$i on http://$host:$(port_of "$i")"
      start_silo "$i"
      started+=("$i")
    fi
  done

  # Wait for the new silos: /healthz answers 200 once the silo is an Active member of the cluster.
  local deadline=$((SECONDS + 90)) pending
  while :; do
    pending=()
    for i in "${started[@]}"; do
      if ! silo_pid "$i" >/dev/null; then
        tail -n 40 "$(silo_dir "$i")/silo.log" >&2
        die "silo-$i exited while starting; see $(silo_dir "$i")/silo.log"
      fi
      healthy "$(port_of "$i")" || pending+=("$i")
    done
    [ "${#pending[@]}" -eq 0 ] && break
    [ "$SECONDS" -lt "$deadline" ] || die "silos ${pending[*]} did not answer /healthz within 90 s; see their silo.log"
    sleep 0.5
  done

  # nginx first stops sending to the silos that go away, then they leave (their clients reconnect to the rest).
  write_nginx_config "$count"
  start_or_reload_nginx
  local extra=()
  for i in $(known_silos); do
    if [ "$i" -gt "$count" ]; then extra+=("$i"); fi
  done
  if [ "${#extra[@]}" -gt 0 ]; then
    stop_silos "${extra[@]}"
  fi

  deadline=$((SECONDS + 30))
  until healthy "$lb_port"; do
    [ "$SECONDS" -lt "$deadline" ] || die "nginx does not answer http://$host:$lb_port/healthz; see $ngx/error.log"
    sleep 0.3
  done

  echo "Realtime cluster: $count silo(s) on http://$host:$(port_of 1)..$(port_of "$count") behind nginx"
  echo "  open:     http://$host:$lb_port/"
  echo "  logs:     $run/silo-N/silo.log, $ngx/error.log"
  echo "  database: $database (PostgreSQL), cluster id: $cluster_id"
  echo "  status:   $0 status    stop: $0 stop"
}

stop() {
  local all=()
  mapfile -t all < <(known_silos)
  stop_nginx
  if [ "${#all[@]}" -gt 0 ]; then stop_silos "${all[@]}"; fi
  say "stopped. PostgreSQL is still running (shared with the tests): scripts/postgres.sh stop ends it." \
    "Data and logs stay in $run."
}

status() {
  local i pid any=0 ok=1
  printf '%-8s %-24s %-8s %s\n' "silo" "address" "pid" "/healthz"
  for i in $(known_silos); do
    any=1
    if pid="$(silo_pid "$i")"; then
      if healthy "$(port_of "$i")"; then state="ok"; else state="NOT ANSWERING"; ok=0; fi
    else
      pid="-"
      state="stopped"
    fi
    printf '%-8s %-24s %-8s %s\n' "silo-$i" "http://$host:$(port_of "$i")" "$pid" "$state"
  done
  [ "$any" -eq 1 ] || echo "(no silos in $run)"
  if pid="$(nginx_pid)"; then
    if healthy "$lb_port"; then state="ok"; else state="NOT ANSWERING"; ok=0; fi
  else
    pid="-"
    state="stopped"
    ok=0
  fi
  printf '%-8s %-24s %-8s %s\n' "nginx" "http://$host:$lb_port" "$pid" "$state"

  echo
  pg_url="$("$repo/scripts/postgres.sh" url 2>/dev/null)" || { echo "membership: PostgreSQL is not set up"; return 1; }
  # Orleans' SiloStatus: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead. The live set is the
  # Active rows; a killed silo stays Active until the others have voted it dead (a few missed probes).
  echo "membership (OrleansMembershipTable in database $database, cluster $cluster_id; live = status 3, Active):"
  if ! cluster_psql -d "$database" -P footer=off -c "
      SELECT siloname AS silo, address || ':' || port AS orleans_endpoint, generation,
             CASE status WHEN 1 THEN 'created' WHEN 2 THEN 'joining' WHEN 3 THEN 'active'
                         WHEN 4 THEN 'shutting down' WHEN 5 THEN 'stopping' WHEN 6 THEN 'dead'
                         ELSE status::text END AS status,
             iamalivetime AS i_am_alive_at,
             round(extract(epoch FROM now() - iamalivetime)::numeric, 1) AS i_am_alive_age_s,
             status = 3 AS live
      FROM orleansmembershiptable
      WHERE deploymentid = '$cluster_id'
      ORDER BY status = 3 DESC, port, generation DESC" 2>&1; then
    echo "(cannot read it: is PostgreSQL running, and has a silo started once?)"
    ok=0
  fi
  [ "$ok" -eq 1 ]
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [N] | stop | status" >&2; exit 2 ;;
esac
