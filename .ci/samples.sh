#!/usr/bin/env bash
# CI: the sample user projects (samples/), each a user's own pom with JUnit in the version it
# chooses, built against the extension of this checkout through samples/pom.xml's reactor. Only
# their tests run (com.example.*): the server's and the extension's ran in the main build. Nothing
# is installed into the local repository.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -f samples/pom.xml test -Dspotless.check.skip=true \
  -Dtest='com.example.**' -Dsurefire.failIfNoSpecifiedTests=false
