#!/usr/bin/env bash
# Makes sure a Docker engine answers: installs Debian's docker.io if dockerd is missing and
# starts dockerd in the background when `docker info` fails. Bounded: gives up after
# RUNLOCK_ENGINE_WAIT seconds (default 60). Log: $RUNLOCK_ENGINE_LOG (default a new file from mktemp:
# never a fixed name in /tmp, which another user could have made a link).
set -euo pipefail

wait_s="${RUNLOCK_ENGINE_WAIT:-60}"

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

if engine_answers; then
  echo "engine: already running"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "engine: installing docker.io"
  # Another apt user may hold the lock for a while: wait for it instead of failing.
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q -o DPkg::Lock::Timeout=300 docker.io >/dev/null
fi

log="${RUNLOCK_ENGINE_LOG:-$(mktemp "${TMPDIR:-/tmp}/runlock-dockerd.XXXXXX")}"
echo "engine: starting dockerd (log $log)"
nohup dockerd >"$log" 2>&1 </dev/null &
for ((i = 0; i < wait_s; i++)); do
  if engine_answers; then
    echo "engine: ready after ${i}s"
    exit 0
  fi
  sleep 1
done
echo "engine: dockerd did not answer within ${wait_s}s; last log lines:" >&2
tail -n 20 "$log" >&2
exit 1
