#!/usr/bin/env bash
# RabbitMQ for a local cluster and the cluster tests: start | stop | restart | url.
# Debian's rabbitmq-server must be installed (scripts/install-test-deps.sh does it). The node
# name and loopback address avoid host name resolution, which fails on many machines.
set -euo pipefail
export RABBITMQ_NODENAME=rabbit@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
url="amqp://guest:guest@127.0.0.1:5672/"

running() { rabbitmqctl -n "$RABBITMQ_NODENAME" -q status >/dev/null 2>&1; }

start() {
  if running; then return 0; fi
  setsid rabbitmq-server >/tmp/realtime-rabbitmq.log 2>&1 < /dev/null &
  # await_startup fails at once while the node is not reachable yet; ask again until it answers.
  for _ in $(seq 1 60); do
    if rabbitmqctl -n "$RABBITMQ_NODENAME" -q await_startup --timeout 5 >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "rabbitmq.sh: the broker did not start; see /tmp/realtime-rabbitmq.log" >&2
  return 1
}

stop() {
  if running; then rabbitmqctl -n "$RABBITMQ_NODENAME" -q stop >/dev/null 2>&1 || true; fi
}

case "${1:-start}" in
  start) start; echo "$url" ;;
  stop) stop ;;
  restart) stop; start; echo "$url" ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|restart|url" >&2; exit 2 ;;
esac
