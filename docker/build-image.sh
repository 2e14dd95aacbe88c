#!/usr/bin/env bash
# build-image.sh CONTEXT_DIR BASE_IMAGE TAG... : builds the image with the legacy builder (the engine
# here is 20.10 under a newer client, so BuildKit is off) and removes the image the first tag
# pointed to before, when nothing else uses it, so rebuilds leave no dangling images behind.
#
# Outside CI (CI is not "true") a machine without what the image needs still builds everything
# else, so `mvn package` gives a newcomer the server jar: with no engine answering, the image is
# left out; with the base image neither local nor pullable, the public eclipse-temurin:17-jre is
# tried, then the image is left out. Each says so. In CI either one fails the build.
set -euo pipefail
context=$1 base=$2
shift 2
public=eclipse-temurin:17-jre

leave_out() {
  if [ "${CI:-}" = "true" ]; then
    echo "ec2-double image: $1" >&2
    exit 1
  fi
  echo "ec2-double image NOT built: $1 (the server jar is; docs/docker-image.md)" >&2
  exit 0
}

command -v docker >/dev/null 2>&1 || leave_out "no docker command"
docker info >/dev/null 2>&1 || leave_out "no Docker engine answers"
if ! docker image inspect "$base" >/dev/null 2>&1 && ! docker pull -q "$base" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ] || [ "$base" = "$public" ]; then
    leave_out "base image $base is neither local nor pullable"
  fi
  echo "ec2-double image: base image $base is neither local nor pullable; trying $public" >&2
  base=$public
  docker image inspect "$base" >/dev/null 2>&1 || docker pull -q "$base" >/dev/null 2>&1 \
    || leave_out "base image $base is neither local nor pullable either"
fi

old=$(docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true)
tags=()
for t in "$@"; do tags+=(-t "$t"); done
start=$(date +%s%N)
DOCKER_BUILDKIT=0 docker build -q --force-rm --build-arg "BASE_IMAGE=$base" "${tags[@]}" "$context" >/dev/null
new=$(docker image inspect -f '{{.Id}}' "$1")
echo "ec2-double image: $* = ${new:7:12} from $base in $(( ($(date +%s%N) - start) / 1000000 )) ms"
if [ -n "$old" ] && [ "$old" != "$new" ]; then
  docker rmi "$old" >/dev/null 2>&1 || true
fi
