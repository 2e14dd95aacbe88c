#!/bin/bash
# The image's launcher: the server on the runtime staged with the image (a jlinked Java 25,
# docker/stage-runtime.sh) or else the base image's java, with the class cache the image build
# trained: an ahead-of-time cache on Java 25 and newer, a class data sharing archive before.
# JDK_JAVA_OPTIONS holds the JVM flags; server flags follow the image name.
#   start.sh --train : the training start of the image build (mock backend, a few calls, SIGTERM)
set -euo pipefail
dir=/opt/ec2-double
java=java
if [ -x "$dir/runtime/bin/java" ]; then
  java=$dir/runtime/bin/java
fi

if [ "${1:-}" = "--train" ]; then
  if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
    cache=(-XX:AOTCacheOutput=$dir/ec2-double.aot)
    made=$dir/ec2-double.aot
  else
    cache=(-XX:ArchiveClassesAtExit=$dir/ec2-double.jsa)
    made=$dir/ec2-double.jsa
  fi
  "$java" "${cache[@]}" -jar "$dir/ec2-double.jar" --backend mock --host 127.0.0.1 --port 4751 \
    > /tmp/training.log 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q "ready on" /tmp/training.log && break; sleep 0.1; done
  call() {  # the first calls a client makes, so that what they load is in the cache too
    local body="Action=$1&Version=2016-11-15"
    exec 3<>/dev/tcp/127.0.0.1/4751
    printf "POST / HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDTRAINING/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: ${#body}\r\n\r\n%s" "$body" >&3
    grep -q "$1Response" <&3
    exec 3<&-
  }
  call DescribeRegions && call DescribeInstances && call DescribeVpcs && call DescribeImages \
    || { cat /tmp/training.log; exit 1; }
  kill -TERM "$pid"
  wait "$pid" || true
  test -s "$made" || { cat /tmp/training.log; exit 1; }
  # Native memory the JIT's compilations leave with the C library's allocator goes back to the
  # system once a second (idle resident ~111 -> ~90 MB on Java 25), where the JVM can: asked here
  # once, so that no start pays a JVM launch to learn it.
  if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' TrimNativeHeapInterval '; then
    echo "-XX:TrimNativeHeapInterval=1000" > "$dir/jvm-flags"
  else
    : > "$dir/jvm-flags"
  fi
  rm -f /tmp/training.log
  exit 0
fi

cache=()
if [ -f "$dir/ec2-double.aot" ]; then
  cache=(-XX:AOTCache=$dir/ec2-double.aot)
elif [ -f "$dir/ec2-double.jsa" ]; then
  cache=(-XX:SharedArchiveFile=$dir/ec2-double.jsa)
fi
flags=()
if [ -s "$dir/jvm-flags" ]; then
  read -r -a flags < "$dir/jvm-flags"
fi
exec "$java" "${flags[@]}" "${cache[@]}" -jar "$dir/ec2-double.jar" "$@"
