#!/usr/bin/env bash
# stage-runtime.sh CONTEXT_DIR : puts a Java runtime made for the server in CONTEXT_DIR/runtime, for
# the image to run on: jlink of a JDK 25 or newer (EC2DOUBLE_IMAGE_JDK, else the machine's Temurin
# 25 under /usr/lib/jvm, else JAVA_HOME), with only the modules the server uses. Java 25 brings
# the ahead-of-time cache (JEP 483/514/515) that the image build trains. Without such a JDK the
# directory is left empty and the image runs on its base image's Java, as before. A runtime made
# from the same JDK and modules is kept (jlink takes a while on a busy machine).
set -euo pipefail
out=$1/runtime
# jdeps --print-module-deps on the shaded jar, plus what is found by reflection or service loading
# at run time (java.net.http, jdk.zipfs, jdk.crypto.ec's providers, jdk.management).
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.unsupported,jdk.zipfs

major() {  # the feature version of the JDK at $1, or 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; found=1} END {if (!found) print 0}'
}

jdk=""
for candidate in "${EC2DOUBLE_IMAGE_JDK:-}" /usr/lib/jvm/temurin-25-jdk* "${JAVA_HOME:-}"; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] && [ "$(major "$candidate")" -ge 25 ]; then
    jdk=$candidate
    break
  fi
done
if [ -z "$jdk" ]; then
  rm -rf "$out" && mkdir -p "$out"
  echo "ec2-double image: no JDK 25 or newer here; the image runs on its base image's Java"
  exit 0
fi
stamp="$(cat "$jdk/release" | sha256sum | cut -c1-16) $MODULES"
if [ -x "$out/bin/java" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "ec2-double image: runtime from $jdk (kept)"
  exit 0
fi
rm -rf "$out"
start=$(date +%s%N)
"$jdk/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$out"
echo "$stamp" > "$out/.stamp"
echo "ec2-double image: runtime from $jdk, $(du -sm "$out" | cut -f1) MB, in $(( ($(date +%s%N) - start) / 1000000 )) ms"
