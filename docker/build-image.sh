#!/usr/bin/env bash
# build-image.sh CONTEXT_DIR BASE_IMAGE TAG... : builds the image with the legacy builder (the engine
# here is 20.10 under a newer client, so BuildKit is off) and removes the image the first tag
# pointed to before, when nothing else uses it, so rebuilds leave no dangling images behind.
set -euo pipefail
context=$1 base=$2
shift 2
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
