#!/usr/bin/env bash
# What a setting does to the gateway's cost, a call: coding (core 0) and the gateway (core 1, its pod's one CPU) from
# the Release build, loaded on core 0 by wrk (JSON) and h2load (gRPC, one connection, N streams: a cheap client, so
# the direct figure is the service's), direct and through the gateway, after a minute's warm-up (the JIT's tiering); for
# each cell the rate, wrk's p50/p99 or h2load's mean, and the CPU time each process spent a call (/proc/PID/stat).
# Warm-up: 30 s of JSON and 30 s of gRPC through the gateway, then 10 s of each direct.
# The CPU a call is the figure to compare settings by: the rate moves with the neighbours on a shared machine.
#
#   tools/gateway-levers.sh                                   # the gateway as it ships, 16 and 64 at once
#   GATEWAY_ENV="OTEL_SDK_DISABLED=true" tools/gateway-levers.sh
#   SERVICE_ENV="Kestrel__Limits__Http2__MaxStreamsPerConnection=4" CONCURRENCY=16 PROTOCOLS=grpc tools/gateway-levers.sh
#   GRPC_CONNECTIONS=4 CONCURRENCY=64 PROTOCOLS=grpc tools/gateway-levers.sh   # 4 connections of 16 streams, not 1 of 64
#   PEER=haproxy tools/gateway-levers.sh   # and HAProxy (Debian's, one thread, core 1) as a third gRPC target: the
#                                          # same two hops through an established C proxy, h2c both sides as the
#                                          # gateway's, but no key check, scopes, rate limit, access log or tracing.
#                                          # gRPC only: its HTTP/1.1-to-h2c path got 502s (Kestrel aborts the stream).
#
# Needs 2 cores, wrk and h2load (installed from Debian if missing) and the Release build (make bench-gateway builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${GRPC_CONNECTIONS:-1}
for concurrency in ${CONCURRENCY:-16 64}; do
  if ! [[ $connections =~ ^[1-9][0-9]*$ ]] || [ $((concurrency % connections)) -ne 0 ]; then
    echo "GRPC_CONNECTIONS ($connections) must divide every CONCURRENCY (${CONCURRENCY:-16 64})" >&2; exit 2
  fi
done
tools/prerequisites.sh wrk h2load
peer=${PEER:-}
if [ -n "$peer" ] && [ "$peer" != haproxy ]; then echo "PEER may only be haproxy" >&2; exit 2; fi
[ -z "$peer" ] || tools/prerequisites.sh haproxy
bin=artifacts/bin
[ -f $bin/RevenueCycle.Gateway/release/RevenueCycle.Gateway.dll ] || dotnet build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
key=gateway-levers-key
hash=$(printf %s $key | sha256sum | cut -d' ' -f1)
work=$(mktemp -d)
service="" gateway="" peer_pid=""
trap 'kill $service $gateway $peer_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
printf '\x00\x00\x00\x00\x00' >"$work/empty.grpc" # a gRPC frame of ListCodeSetsRequest {}
common=(Hosting__BindAddress=127.0.0.1 Logging__Simple=true Logging__LogLevel__Default=Warning)
# shellcheck disable=SC2086
env "${common[@]}" Hosting__GrpcPort=19080 Hosting__HttpPort=19081 ${SERVICE_ENV:-} \
  taskset -c 0 dotnet $bin/RevenueCycle.Coding.Api/release/RevenueCycle.Coding.Api.dll >"$work/coding.log" 2>&1 &
service=$!
# shellcheck disable=SC2086
env "${common[@]}" Hosting__GrpcPort=19090 Hosting__HttpPort=19091 Gateway__RequestsPerSecond=1000000 Gateway__Burst=1000000 \
  Gateway__ApiKeys__0__Name=levers Gateway__ApiKeys__0__Sha256="$hash" Gateway__ApiKeys__0__Scopes__0='*' \
  Gateway__Services__coding=http://127.0.0.1:19080 ${GATEWAY_ENV:-} \
  taskset -c 1 dotnet $bin/RevenueCycle.Gateway/release/RevenueCycle.Gateway.dll >"$work/gateway.log" 2>&1 &
gateway=$!
if [ -n "$peer" ]; then
  # gRPC in on 19095 (h2c, prior knowledge), out over h2c like the gateway's.
  cat >"$work/haproxy.cfg" <<'CFG'
global
  nbthread 1
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  http-reuse always
frontend grpc
  bind 127.0.0.1:19095 proto h2
  default_backend coding
backend coding
  server coding 127.0.0.1:19080 proto h2
CFG
  taskset -c 1 haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
  peer_pid=$!
fi
ready=0
for _ in $(seq 120); do curl -sf -o /dev/null -H "x-api-key: $key" http://127.0.0.1:19091/v1/coding/code-sets && { ready=1; break; }; sleep 0.5; done
if [ $ready -eq 0 ]; then
  echo "coding or the gateway did not answer within 60 s:" >&2; tail -5 "$work/coding.log" "$work/gateway.log" >&2; exit 1
fi
if [ -n "$peer_pid" ] && ! { kill -0 "$peer_pid" 2>/dev/null && curl -s -o /dev/null --http2-prior-knowledge http://127.0.0.1:19095/; }; then
  echo "HAProxy did not start:" >&2; tail -5 "$work/haproxy.log" >&2; exit 1
fi

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
json() {
  taskset -c 0 wrk -t2 -c"$2" -d"$3"s --latency -H "x-api-key: $key" "http://127.0.0.1:$1/v1/coding/code-sets" |
    awk '/requests in/{n=$1} /Non-2xx/{bad=$NF} /Requests\/sec/{r=$2} / 50%/{p50=$2} / 99%/{p99=$2} END{print n - bad, r, "p50 " p50 " p99 " p99 (bad ? " non-2xx " bad : "")}'
}
grpc() {
  taskset -c 0 h2load -c"$connections" -m$(($2 / connections)) -D "$3" -d "$work/empty.grpc" -H 'content-type: application/grpc' -H 'te: trailers' -H "x-api-key: $key" \
    "http://127.0.0.1:$1/revenuecycle.coding.v1.CodingService/ListCodeSets" | awk '/^requests:/{bad=$10 + $12 + $14} /^status codes:/{n=$3; bad+=$5 + $7 + $9} /^finished in/{t=$3 + 0}
      /^time for request:/{m=$6} END{print n, (t ? int(n / t) : 0), "mean " m (bad ? " non-2xx " bad : "")}'
}
json 19091 16 30 >/dev/null; grpc 19090 16 30 >/dev/null; json 19081 16 10 >/dev/null; grpc 19080 16 10 >/dev/null
[ -z "$peer" ] || [[ " ${PROTOCOLS:-json grpc} " != *" grpc "* ]] || grpc 19095 16 5 >/dev/null
tick_us=$((1000000 / $(getconf CLK_TCK)))
echo "| protocol | at once | target | calls/s | latency | service CPU us/call | proxy CPU us/call |"
echo "| --- | ---: | --- | ---: | --- | ---: | ---: |"
for concurrency in ${CONCURRENCY:-16 64}; do
  for protocol in ${PROTOCOLS:-json grpc}; do
    for round in 1 2; do
      for target in direct gateway $([ "$protocol" = grpc ] && echo "$peer"); do
        case $protocol-$target in json-direct) port=19081 ;; json-gateway) port=19091 ;; grpc-direct) port=19080 ;; grpc-gateway) port=19090 ;;
          grpc-haproxy) port=19095 ;; esac
        proxy=$([ "$target" = haproxy ] && echo "$peer_pid" || echo $gateway)
        g0=$(cpu "$proxy"); s0=$(cpu $service)
        result=$($protocol $port "$concurrency" 8)
        read -r calls rate latency <<<"$result"
        if ! [[ ${calls:-} =~ ^[1-9][0-9]*$ ]] || [[ $latency == *non-2xx* ]]; then
          echo "$protocol against the $target answered no call, or not every call with a 2xx (load tool output: $result)" >&2; exit 1
        fi
        g1=$(cpu "$proxy"); s1=$(cpu $service)
        gw=$([ $target != direct ] && echo $(( (g1 - g0) * tick_us / calls )) || echo "")
        echo "| $protocol | $concurrency | $target (round $round) | ${rate%.*} | $latency | $(( (s1 - s0) * tick_us / calls )) | $gw |"
      done
    done
  done
done
