#!/usr/bin/env bash
# CI: the sample user projects (samples/), each a user's own pom with JUnit in the version it
# chooses, built against the extension of this checkout through samples/pom.xml's reactor. Only
# their tests run (com.example.*): the server's and the extension's ran in the main build. Nothing
# is installed into the local repository. samples/spring-boot's container test starts the image
# ec2-double:latest, which the main build (the docker module) made before this runs.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -f samples/pom.xml test -Dspotless.check.skip=true \
  -Dtest='com.example.**' -Dsurefire.failIfNoSpecifiedTests=false
