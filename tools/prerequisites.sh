#!/usr/bin/env bash
# Makes sure what a make target needs is here, installing it when this machine can (root, or password-less
# sudo, and apt-get); otherwise stops at once with one line saying what to install.
# usage: tools/prerequisites.sh NEED...   (needs: redis, shared, chromium, wrk, h2load, haproxy, clang)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

stop() { echo "prerequisite missing: $*" >&2; exit 1; }

# apt_install PACKAGE: installs a Debian package quietly (refreshing the index once if the first try fails).
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else return 1; fi
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  echo "Installing $1 (apt-get) ..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q "$1" >/dev/null 2>&1 ||
    { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q "$1" >/dev/null 2>&1; }
}

need_redis() {
  # Any of these serves the Redis tests (tests/Shared/RevenueCycle.Testing/RedisFixture.cs tries them in this order).
  [ -n "${REDIS_CONNECTION:-}" ] && return 0
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 && return 0
  command -v redis-server >/dev/null 2>&1 && return 0
  apt_install redis-server && command -v redis-server >/dev/null 2>&1 && return 0
  stop "redis-server (install it: sudo apt-get install -y redis-server; or set REDIS_CONNECTION=host:port, or start a Docker engine)"
}

need_chromium() {
  # The dashboard's browser tests drive Debian's chromium through Playwright (tests/Platform: RCM_CHROMIUM overrides the path).
  [ -n "${RCM_CHROMIUM:-}" ] && [ -x "${RCM_CHROMIUM}" ] && return 0
  [ -x /usr/lib/chromium/chromium ] && return 0
  apt_install chromium && [ -x /usr/lib/chromium/chromium ] && return 0
  stop "chromium (install it: sudo apt-get install -y chromium; or set RCM_CHROMIUM to a Chromium binary)"
}

need_tool() { # COMMAND PACKAGE: a tool Debian packages
  command -v "$1" >/dev/null 2>&1 && return 0
  apt_install "$2" && command -v "$1" >/dev/null 2>&1 && return 0
  stop "$1 (install it: sudo apt-get install -y $2)"
}

need_clang() {
  # make fuzz builds its libFuzzer driver with clang -fsanitize=fuzzer (the runtime is Debian's libclang-rt-dev).
  local probe
  probe=$(mktemp -d)
  fuzzer_links() {
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >"$probe/probe.c"
    command -v clang >/dev/null 2>&1 && clang -fsanitize=fuzzer -o "$probe/probe" "$probe/probe.c" >/dev/null 2>&1
  }
  if fuzzer_links || { apt_install clang && fuzzer_links; } || { apt_install libclang-rt-dev && fuzzer_links; }; then
    rm -rf "$probe"
    return 0
  fi
  rm -rf "$probe"
  stop "clang with libFuzzer (install it: sudo apt-get install -y clang libclang-rt-dev)"
}

need_shared() {
  local shared=${RCM_SHARED_DIR:-$root/../shared}
  [ -d "$shared/data" ] && [ -d "$shared/x12-samples" ] && return 0
  stop "the public reference data at $shared (clone the shared data beside the repository, or set RCM_SHARED_DIR)"
}

for need in "$@"; do
  case "$need" in
    redis) need_redis ;;
    shared) need_shared ;;
    chromium) need_chromium ;;
    # make bench-gateway loads the JSON port with wrk (an HTTP/1.1 load tool in its own process); tools/gateway-levers.sh
    # the gRPC port with h2load (nghttp2's HTTP/2 load tool: cheap, so the service's core is its own), and with
    # PEER=haproxy compares the gateway with HAProxy, an established proxy, on the same two hops.
    wrk) need_tool wrk wrk ;;
    h2load) need_tool h2load nghttp2-client ;;
    haproxy) need_tool haproxy haproxy ;;
    clang) need_clang ;;
    *) echo "unknown prerequisite: $need" >&2; exit 2 ;;
  esac
done
