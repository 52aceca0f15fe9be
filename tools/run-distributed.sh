#!/usr/bin/env bash
# make run-distributed: one process per service plus the gateway, state in Redis, events delivered the way
# daprd would (CloudEvents POSTed to each app's /dapr/subscribe routes) without a sidecar.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

redis_port=${REDIS_PORT:-6390}
api_key=${RCM_API_KEY:-rcm-local-demo-key}
bin="$root/artifacts/bin"
logs=$(mktemp -d -t rcm-distributed-XXXX)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "stopped; logs in $logs"
}
trap cleanup EXIT INT TERM

command -v redis-server >/dev/null || { echo "redis-server is required (apt-get install -y redis-server)"; exit 1; }
if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  mkdir -p "$logs/redis"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$logs/redis" --appendonly yes --save "" >"$logs/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# The services, their ports and which take event deliveries come from the service catalog
# (services/Shared/RevenueCycle.BuildingBlocks/ServiceCatalog.cs), in start order: name grpc http subscriber project.
services=$(dotnet "$bin/RevenueCycle.Cli/release/rcm.dll" services --tsv)
# Every publisher asks each subscriber for its subscriptions at /dapr/subscribe; every service is told where the
# others are (Services__Posting, ...), as the chart does for the services it calls.
subscribers=()
addresses=()
while IFS=$'\t' read -r name grpc http subscriber _; do
  [ "$subscriber" = 1 ] && subscribers+=("http://127.0.0.1:$http")
  addresses+=("Services__${name^}=http://127.0.0.1:$grpc")
done <<<"$services"
count=$(wc -l <<<"$services")

start() { # name dll grpc http [extra env...]
  local name=$1 dll=$2 grpc=$3 http=$4; shift 4
  env Hosting__BindAddress=127.0.0.1 Hosting__GrpcPort="$grpc" Hosting__HttpPort="$http" Logging__Simple=true "$@" \
    dotnet "$dll" >"$logs/$name.log" 2>&1 &
  pids+=($!)
}

# Submission talks to the payer sandbox service through a directory drop, the pattern of SFTP clearinghouses;
# eligibility asks it in real time over HTTP (CAQH CORE HTTP+MIME), the pattern of clearinghouses' 270/271 APIs.
outbox="$logs/clearinghouse/outbox"; inbox="$logs/clearinghouse/inbox"
mkdir -p "$outbox" "$inbox"
start sandbox "$bin/RevenueCycle.Sandbox.Api/release/RevenueCycle.Sandbox.Api.dll" 0 0 Sandbox__HttpPort=7191 Sandbox__Inbound="$outbox" Sandbox__Outbound="$inbox"

while IFS=$'\t' read -r name grpc http _ project; do
  extra=(Storage__Provider=Redis Storage__Redis="127.0.0.1:$redis_port" Messaging__Transport=Http "${addresses[@]}"
    Submission__Clearinghouse=Directory Submission__Outbox="$outbox" Submission__Inbox="$inbox" Submission__PollInterval=00:00:05
    Eligibility__Exchange=Http Eligibility__Endpoint=http://127.0.0.1:7191/v1/sandbox/eligibility Webhooks__AllowHttp=true)
  for i in "${!subscribers[@]}"; do extra+=("Messaging__Subscribers__$i=${subscribers[$i]}"); done
  start "$name" "$bin/$project/release/$project.dll" "$grpc" "$http" "${extra[@]}"
done <<<"$services"

hash=$(printf %s "$api_key" | sha256sum | cut -d' ' -f1)
gateway_env=(Gateway__ApiKeys__0__Name=local-demo Gateway__ApiKeys__0__Sha256="$hash" Gateway__ApiKeys__0__Scopes__0='*' Gateway__ApiKeys__0__Scopes__1=audit)
while IFS=$'\t' read -r name grpc _; do gateway_env+=("Gateway__Services__$name=http://127.0.0.1:$grpc"); done <<<"$services"
start gateway "$bin/RevenueCycle.Gateway/release/RevenueCycle.Gateway.dll" 5080 5081 "${gateway_env[@]}"

for _ in $(seq 100); do
  ready=0
  while IFS=$'\t' read -r name _ http _; do curl -sf "http://127.0.0.1:$http/health/ready" >/dev/null && ready=$((ready + 1)); done <<<"$services"
  [ "$ready" -eq "$count" ] && curl -sf http://127.0.0.1:5081/health/ready >/dev/null && break
  sleep 0.3
done

cat <<MSG

RevenueCycle is running distributed: $count service processes, the gateway and the payer sandbox (answering the
837s submission drops in $outbox and eligibility's 270s on port 7191), state in Redis on port $redis_port.

  Gateway, gRPC (h2c):  http://127.0.0.1:5080/
  Gateway, JSON:        http://127.0.0.1:5081/
  Demo API key:         $api_key
  Logs:                 $logs

Try: ./rcm health
Ctrl+C stops everything.
MSG
wait
