# Sourced, not run: points JAVA_HOME at a JDK 25 when the current one is older.
if ! "${JAVA_HOME:-/nonexistent}/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME=$candidate; break; fi
  done
fi
"${JAVA_HOME:-/nonexistent}/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])' || {
  echo "error: JDK 25 not found; install one and set JAVA_HOME" >&2; return 1 2>/dev/null || exit 1; }
