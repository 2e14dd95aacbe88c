#!/usr/bin/env bash
# CI: the dashboard (/_ec2double/ui/) in headless Chromium: Debian's chromium driven by
# playwright-core (no browser download), against a server of its own on the mock backend (the page
# shows what the API answers; the docker backend's reality is the other suites' business).
# Usage: .ci/ui.sh   (after the server jar is built: mvn package or mvn verify)
#        UI_TEST_SCREENSHOTS=docs/img .ci/ui.sh   also retakes the pictures of docs/dashboard.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$ROOT/server/target/ec2-double.jar

if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
[ -f "$JAR" ] || mvn -B -ntp -q -pl server -am package -DskipTests
(cd ui-tests && npm ci --no-audit --no-fund --loglevel=error)

. .ci/server.sh
start_server ui --backend mock
if [ -n "${UI_TEST_SCREENSHOTS:-}" ]; then
  mkdir -p "$UI_TEST_SCREENSHOTS"
  UI_TEST_SCREENSHOTS=$(cd "$UI_TEST_SCREENSHOTS" && pwd)
  export UI_TEST_SCREENSHOTS
fi
(cd ui-tests && UI_TEST_ENDPOINT="$ENDPOINT" npm test)
