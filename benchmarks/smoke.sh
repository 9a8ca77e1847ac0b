#!/usr/bin/env bash
# CI smoke run: every JMH benchmark once (1 fork, no warmup, one 1 s iteration), so they keep
# compiling and running. Numbers from it mean nothing. Needs a built tree:
#   ./mvnw -q -DskipTests package && benchmarks/smoke.sh [extra JMH options]
# Fails if any benchmark fails; landrun's is skipped, with a message, when landrun cannot be had.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
# shellcheck source=../scripts/find-jdk.sh
. scripts/find-jdk.sh
runlock_find_jdk || { echo "smoke: no JDK 25 or newer found" >&2; exit 1; }

launches=BARE,JVM_FLOOR,FFM_FLOOR,RUNLOCK,RUNLOCK_NO_AOT,LANDRUN
if landrun="$(timeout 300 conformance-landrun/scripts/fetch-landrun.sh "$root/benchmarks/target/landrun" 2>/dev/null)"; then
  export RUNLOCK_BENCH_LANDRUN="$landrun"
else
  echo "smoke: landrun unavailable (conformance-landrun/scripts/fetch-landrun.sh failed): skipping LANDRUN" >&2
  launches=BARE,JVM_FLOOR,FFM_FLOOR,RUNLOCK,RUNLOCK_NO_AOT
fi

exec timeout 600 "$RUNLOCK_JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow \
  -jar benchmarks/target/benchmarks.jar -f 1 -wi 0 -i 1 -r 1s -foe true -prof gc \
  -p "launch=$launches" "$@"
