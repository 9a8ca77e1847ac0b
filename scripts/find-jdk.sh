# Sourced by ./mvnw and ./runlock: sets RUNLOCK_JAVA_HOME to a JDK >= 25.
# Order: JAVA_HOME, then the newest JDK under /usr/lib/jvm. Builtins only: the launcher's
# startup time counts.

# Sets RUNLOCK_JDK_FEATURE to the feature version (e.g. 25) of the JDK at $1, or to 0.
runlock_java_feature() {
  RUNLOCK_JDK_FEATURE=0
  [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 0
  local key value
  while IFS='=' read -r key value; do
    if [ "$key" = "JAVA_VERSION" ]; then
      value="${value//\"/}"
      value="${value%%.*}"
      case "$value" in ''|*[!0-9]*) ;; *) RUNLOCK_JDK_FEATURE="$value" ;; esac
    fi
  done < "$1/release"
}

runlock_find_jdk() {
  local candidate best="" best_feature=0
  if [ -n "${JAVA_HOME:-}" ]; then
    runlock_java_feature "${JAVA_HOME%/}"
    if [ "$RUNLOCK_JDK_FEATURE" -ge 25 ]; then
      RUNLOCK_JAVA_HOME="${JAVA_HOME%/}"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate="${candidate%/}"
    runlock_java_feature "$candidate"
    if [ "$RUNLOCK_JDK_FEATURE" -ge 25 ] && [ "$RUNLOCK_JDK_FEATURE" -gt "$best_feature" ]; then
      best="$candidate"
      best_feature="$RUNLOCK_JDK_FEATURE"
    fi
  done
  [ -n "$best" ] || return 1
  RUNLOCK_JAVA_HOME="$best"
}
