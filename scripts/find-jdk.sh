# Sourced by ./mvnw and ./runlock: sets RUNLOCK_JAVA_HOME to a JDK >= 25.
# Order: JAVA_HOME, then every JDK under /usr/lib/jvm (newest first).

runlock_java_feature() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -r "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

runlock_find_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] || continue
    version="$(runlock_java_feature "$candidate")"
    if [ -n "$version" ] && [ "$version" -ge 25 ]; then
      RUNLOCK_JAVA_HOME="$candidate"
      return 0
    fi
  done
  return 1
}
