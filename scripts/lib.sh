#!/usr/bin/env bash
# Shared steps of scripts/run, scripts/test and scripts/bench: install what is missing, then build.
# Safe to run again: each step checks before it acts.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[webdevsync] %s\n' "$*" >&2; }

# Debian packages, by the command or file that shows each one is there.
ensure_apt() {
  local missing=()
  local pair
  for pair in "$@"; do
    local pkg="${pair%%:*}" probe="${pair#*:}"
    if [[ "$probe" == /* ]]; then [[ -e "$probe" ]] || missing+=("$pkg")
    else command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg"); fi
  done
  ((${#missing[@]})) || return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# npm packages from package-lock.json, reinstalled when the lock file changed.
ensure_npm() {
  local stamp="$ROOT/node_modules/.webdevsync-lock"
  if [[ -f "$stamp" ]] && cmp -s "$ROOT/package-lock.json" "$stamp"; then return 0; fi
  log "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) && cp "$ROOT/package-lock.json" "$stamp"
}

# The browser library is bundled into the server's wwwroot before the server is built.
build_browser() {
  local build="$ROOT/transport/WebDevSync.Browser/build.mjs"
  [[ -f "$build" ]] || return 0
  ensure_apt protobuf-compiler:protoc # build.mjs generates the gRPC-Web transport's code with protoc
  node "$build" >/dev/null
}

build_dotnet() {
  log "building (dotnet build)"
  dotnet build "$ROOT/WebDevSync.sln" -nologo -v q -clp:ErrorsOnly "$@"
}

# Files newer than STAMP under the given folders (sources only: not bin/, obj/, node_modules/ or build output).
changed_since() {
  local stamp="$1"; shift
  [[ -f "$stamp" ]] || return 0
  [[ -n "$(find "$@" \( -name bin -o -name obj -o -name node_modules -o -name lib -o -name dist -o -name 'gen*' -o -name '*.tgz' \) -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ]]
}

# The relay as scripts/run serves it: a Release build, rebuilt only when its sources (or the browser
# library's) changed since the last one; $RELAY_RELEASE_DLL is what it builds.
RELAY_RELEASE_DLL="$ROOT/transport/WebDevSync.Server/bin/Release/net10.0/WebDevSync.Server.dll"
build_relay_release() {
  local stamp="$ROOT/transport/WebDevSync.Server/bin/Release/.webdevsync-built"
  if [[ ! -f "$RELAY_RELEASE_DLL" || ! -f "$ROOT/transport/WebDevSync.Server/wwwroot/lib/web-dev-sync.js" ]] || changed_since "$stamp" "$ROOT/core" "$ROOT/transport" "$ROOT/proto" \
      "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" "$ROOT/global.json" "$ROOT/package-lock.json"; then
    build_browser
    log "building the relay (Release)"
    local out
    out=$(dotnet build -c Release "$ROOT/transport/WebDevSync.Server" -nologo -v q -clp:ErrorsOnly 2>&1) || { printf '%s\n' "$out" >&2; return 1; }
    mkdir -p "$(dirname "$stamp")" && touch "$stamp"
  fi
}
