# Sourced, not run: points JAVA_HOME at a JDK 25 when the current one is older.
if ! "${JAVA_HOME:-/nonexistent}/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*25* \
                   /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME=$candidate; break; fi
  done
fi
if ! "${JAVA_HOME:-/nonexistent}/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  echo "error: JDK 25 not found (JAVA_HOME=${JAVA_HOME:-unset}). Install it, then run this again:" >&2
  if [ "$(uname -s)" = Darwin ]; then
    echo "  brew install --cask temurin@25" >&2
  elif command -v apt-cache >/dev/null && apt-cache show openjdk-25-jdk-headless >/dev/null 2>&1; then
    echo "  sudo apt-get install -y openjdk-25-jdk-headless" >&2
  elif command -v apt-get >/dev/null; then
    # Debian/Ubuntu releases without a JDK 25 package: Eclipse Temurin's apt repository.
    echo "  sudo apt-get install -y wget gpg && wget -qO- https://packages.adoptium.net/artifactory/api/gpg/key/public | sudo gpg --dearmor -o /usr/share/keyrings/adoptium.gpg && echo \"deb [signed-by=/usr/share/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb \$(. /etc/os-release && echo \$VERSION_CODENAME) main\" | sudo tee /etc/apt/sources.list.d/adoptium.list && sudo apt-get update && sudo apt-get install -y temurin-25-jdk" >&2
  elif command -v dnf >/dev/null; then
    echo "  sudo dnf install -y java-25-openjdk-devel" >&2
  else
    echo "  download a JDK 25 from https://adoptium.net and set JAVA_HOME to it" >&2
  fi
  return 1 2>/dev/null || exit 1
fi
