#!/usr/bin/env bash
# Regenerates the committed module documentation (docs/modules/) from the code, through ModularityTests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
./mvnw -B -q -pl app -am verify -Dtest=ModularityTests -Dsurefire.failIfNoSpecifiedTests=false \
  -DskipITs -Dretailflow.module-docs="$PWD/docs/modules"
git status --short docs/modules
