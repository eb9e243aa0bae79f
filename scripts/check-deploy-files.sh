#!/usr/bin/env bash
# Offline checks of the deployment files (used by .ci/run): `docker-compose config` on compose.yaml, and every
# Kubernetes manifest of deploy/k8s against the API schemas bundled in the npm package kubernetes-models.
# Installs docker-compose (Debian) and the npm packages when missing. Their agreement with the app itself (ports,
# probes, health paths) is checked by DeploymentManifestsIT against a running app.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "docker-compose is missing: sudo apt-get install -y docker-compose" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null 2>&1; }
fi
docker-compose -f compose.yaml config -q
echo "compose.yaml: valid (docker-compose config)"
if [ ! -d deploy/k8s/node_modules/kubernetes-models ]; then
  npm --prefix deploy/k8s ci --no-audit --no-fund --loglevel=error
fi
node deploy/k8s/check-schemas.mjs
