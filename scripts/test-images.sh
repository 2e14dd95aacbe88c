#!/usr/bin/env bash
# test-images.sh - make the local images the Docker tests launch as AMIs:
#
#   ec2-double/busybox:latest   a tiny AMI: busybox (/bin/sh, httpd, nc, ...), ~2 MB
#   ec2-double/debian:12        Debian 12 + openssh-server, iproute2, procps, curl, sudo, busybox;
#                               user "admin" (passwordless sudo) as on Debian's EC2 AMIs;
#                               CMD /usr/local/sbin/ec2-init (scripts/ec2-init: host keys, the
#                               key pair's public key for admin and root, then sshd -D)
#   ec2-double/debian-jre:17    a Java 17 runtime: InstanceMetadataSdkIT runs the SDK in an
#                               instance, and the server's image (docker/) is built on it
#
# Usage: scripts/test-images.sh [busybox] [debian] [debian-jre]     (default: all three)
#
# Two ways to make them (TEST_IMAGES_FROM):
#   registry  from public images: busybox:1.36, debian:12 (+ apt-get in the build),
#             eclipse-temurin:17-jre. Needs a registry and, for debian:12, Debian's mirrors.
#   debian    from Debian packages with mmdebstrap and the host's own apt sources: no registry
#             needed. Needs root on a Debian 12 (bookworm) host, or BASE_IMAGES_APT_SOURCES.
#   auto      (default) debian when run as root on Debian bookworm, registry otherwise.
#
# Idempotent: each image carries a label ec2-double.recipe=<hash of its recipe>; an image whose
# tag already has the current recipe is left alone (0.2 s). FORCE=1 rebuilds.
# Env: DEBIAN_SUITE (default bookworm), DEBIAN_EXTRA_PACKAGES (comma list added to debian:12),
#      TMPDIR (scratch space, ~0.5 GB).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SUITE=${DEBIAN_SUITE:-bookworm}
FORCE=${FORCE:-0}
RECIPE_VERSION=1          # bump to force a rebuild everywhere
EC2_INIT_FILE=$HERE/ec2-init
say() { echo "test-images: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

if ! docker info >/dev/null 2>&1; then
  # Called by the build (TEST_IMAGES_OPTIONAL=true): without an engine the build still makes the
  # server and the mock tests run; CI=true wants the Docker tests, so there it is an error.
  if [ "${TEST_IMAGES_OPTIONAL:-}" = true ] && [ "${CI:-}" != true ]; then
    say "no Docker engine answers (docker info fails): test images not made; the Docker tests will fail"
    exit 0
  fi
  die "no Docker engine answers (docker info fails)"
fi

FROM=${TEST_IMAGES_FROM:-auto}
if [ "$FROM" = auto ]; then
  codename=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
  if [ "$(id -u)" = 0 ] && { [ "$codename" = "$SUITE" ] || [ -n "${BASE_IMAGES_APT_SOURCES:-}" ]; }; then
    FROM=debian
  else
    FROM=registry
  fi
fi
case "$FROM" in
  registry|debian) ;;
  *) die "TEST_IMAGES_FROM=$FROM: registry, debian or auto" ;;
esac
[ "$FROM" = registry ] || [ "$(id -u)" = 0 ] || die "from Debian packages needs root (mmdebstrap, chroot); or TEST_IMAGES_FROM=registry"
say "making images from ${FROM} ($([ "$FROM" = registry ] && echo "public images" || echo "Debian packages, no registry"))"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/test-images.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
EC2_INIT="$(cat "$EC2_INIT_FILE")"$'\n'   # with its final newline, as the recipe hash has it

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
recipe_hash() { sha256sum | cut -c1-16; }
current_hash() { docker image inspect -f '{{index .Config.Labels "ec2-double.recipe"}}' "$1" 2>/dev/null || true; }
report() {  # tag, build seconds or "cached"
  local size id
  size=$(docker image inspect -f '{{.Size}}' "$1")
  id=$(docker image inspect -f '{{.Id}}' "$1" | cut -c8-19)
  printf 'test-images: %-28s id=%s size=%sMB %s\n' "$1" "$id" "$(awk -v s="$size" 'BEGIN{printf "%.1f", s/1e6}')" "$2"
}
OLD_ID=""
up_to_date() {  # tag, hash
  if [ "$FORCE" != 1 ] && [ "$(current_hash "$1")" = "$2" ]; then report "$1" "(up to date, recipe $2)"; return 0; fi
  OLD_ID=$(docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true)
  return 1
}
drop_old() {  # tag: remove the image this tag pointed to before, if now dangling and unused
  local new; new=$(docker image inspect -f '{{.Id}}' "$1")
  [ -n "$OLD_ID" ] && [ "$OLD_ID" != "$new" ] && docker rmi "$OLD_ID" >/dev/null 2>&1 || true
  OLD_ID=""
}

# ---------------------------------------------------------------- from public images
# docker build from a Dockerfile; the engine may be older than the client, so no BuildKit.
registry_build() {  # tag hash dockerfile-text [context files...]
  local tag=$1 h=$2 dockerfile=$3 t0 ctx; shift 3
  t0=$(now); ctx=$WORK/ctx-${tag//[\/:]/_}; mkdir -p "$ctx"
  printf '%s\n' "$dockerfile" > "$ctx/Dockerfile"
  for f in "$@"; do cp "$f" "$ctx/"; done
  say "docker build $tag (pulls its base image) ..."
  DOCKER_BUILDKIT=0 docker build -q --pull --label "ec2-double.recipe=$h" -t "$tag" "$ctx" >/dev/null \
    || die "docker build of $tag failed: is a registry reachable? Without one: run as root on Debian $SUITE (TEST_IMAGES_FROM=debian)"
  drop_old "$tag"
  report "$tag" "built in $(secs "$t0")s from a public image"
}

registry_busybox() {
  local tag=ec2-double/busybox:latest h df
  df='FROM busybox:1.36
LABEL org.opencontainers.image.title=ec2-double-busybox
CMD ["/bin/sh"]'
  h=$( { echo "v$RECIPE_VERSION registry"; echo "$df"; } | recipe_hash)
  up_to_date "$tag" "$h" && return 0
  registry_build "$tag" "$h" "$df"
}

registry_debian() {
  local tag=ec2-double/debian:12 h df
  local pkgs="openssh-server iproute2 procps curl ca-certificates sudo busybox ${DEBIAN_EXTRA_PACKAGES//,/ }"
  df="FROM debian:12
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $pkgs \\
 && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_* \\
 && useradd -m -s /bin/bash -c 'Debian EC2 user' admin \\
 && echo 'admin ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/90-admin && chmod 440 /etc/sudoers.d/90-admin \\
 && mkdir -p /etc/ec2-double
COPY ec2-init /usr/local/sbin/ec2-init
RUN chmod 755 /usr/local/sbin/ec2-init
LABEL org.opencontainers.image.title=ec2-double-debian-12 org.opencontainers.image.base.name=debian:12
EXPOSE 22
CMD [\"/usr/local/sbin/ec2-init\"]"
  h=$( { echo "v$RECIPE_VERSION registry"; echo "$df"; echo "$EC2_INIT"; } | recipe_hash)
  up_to_date "$tag" "$h" && return 0
  registry_build "$tag" "$h" "$df" "$EC2_INIT_FILE"
}

registry_debian_jre() {
  local tag=ec2-double/debian-jre:17 h df
  df='FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title=ec2-double-debian-jre-17 org.opencontainers.image.base.name=eclipse-temurin:17-jre'
  h=$( { echo "v$RECIPE_VERSION registry"; echo "$df"; } | recipe_hash)
  up_to_date "$tag" "$h" && return 0
  registry_build "$tag" "$h" "$df"
}

# ---------------------------------------------------------------- from Debian packages: busybox
build_busybox() {
  local tag=ec2-double/busybox:latest bb t0 root h
  is_static() { [ -x "$1" ] && ! ldd "$1" >/dev/null 2>&1; }   # ldd fails on static binaries
  for bb in /bin/busybox /usr/bin/busybox "$(command -v busybox || true)" ""; do is_static "$bb" && break; done
  if [ -z "$bb" ]; then
    say "installing busybox-static"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox-static >&2
    bb=/bin/busybox; is_static "$bb" || die "no static busybox available"
  fi
  h=$( { echo "v$RECIPE_VERSION busybox"; sha256sum < "$bb"; declare -f build_busybox; } | recipe_hash)
  up_to_date "$tag" "$h" && return 0
  t0=$(now); root=$WORK/busybox; mkdir -p "$root"/{bin,etc,root,tmp,var/www,var/run,proc,sys,dev}
  cp "$bb" "$root/bin/busybox"
  chroot "$root" /bin/busybox --install -s /bin          # symlinks -> /bin/busybox
  chmod 1777 "$root/tmp"; chmod 700 "$root/root"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  printf 'NAME="ec2-double busybox"\nID=busybox\nVERSION_ID="%s"\n' \
    "$("$bb" 2>&1 | head -1 | awk '{print $2}')" > "$root/etc/os-release"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf - . | docker import \
    --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' \
    --change "LABEL ec2-double.recipe=$h org.opencontainers.image.title=ec2-double-busybox" \
    - "$tag" >/dev/null
  drop_old "$tag"
  report "$tag" "built in $(secs "$t0")s"
}

# ---------------------------------------------------------------- Debian via mmdebstrap
ensure_mmdebstrap() {
  command -v mmdebstrap >/dev/null 2>&1 && return 0
  say "installing mmdebstrap from the host's apt sources"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends mmdebstrap >&2 \
    || { apt-get update -qq >&2 || true; apt-get install -y -qq --no-install-recommends mmdebstrap >&2; } \
    || die "cannot install mmdebstrap"
}

# Debian entries of the host's apt sources -> mmdebstrap MIRROR arguments (one-line entries as
# strings, deb822 stanzas collected into a file). Third-party repos are dropped.
SOURCES_ARGS=()
collect_sources() {
  [ ${#SOURCES_ARGS[@]} -gt 0 ] && return 0
  if [ -n "${BASE_IMAGES_APT_SOURCES:-}" ]; then
    [ -f "$BASE_IMAGES_APT_SOURCES" ] || die "BASE_IMAGES_APT_SOURCES=$BASE_IMAGES_APT_SOURCES is not a file"
    SOURCES_ARGS=("$BASE_IMAGES_APT_SOURCES"); return 0
  fi
  local host_codename f line deb822=$WORK/host-debian.sources
  host_codename=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
  [ "$host_codename" = "$SUITE" ] || die "host is '${host_codename:-unknown}', not Debian $SUITE: its apt sources cannot be reused; set BASE_IMAGES_APT_SOURCES=<sources file for $SUITE>"
  : > "$deb822"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    while IFS= read -r line; do SOURCES_ARGS+=("$line"); done < <(
      grep -E '^[[:space:]]*deb[[:space:]]' "$f" | grep -E "://[^ ]*/debian(-security)?/?[[:space:]]+$SUITE" || true)
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v RS= -v ORS='\n\n' -v s="$SUITE" \
      'tolower($0) !~ /enabled:[ \t]*no/ && /URIs:[^\n]*\/debian(-security)?\/?([ \t\n]|$)/ && $0 ~ ("Suites:[^\n]*" s) && /Types:[^\n]*deb([ \t\n]|$)/' \
      "$f" >> "$deb822"
  done
  [ -s "$deb822" ] && SOURCES_ARGS+=("$deb822")
  [ ${#SOURCES_ARGS[@]} -gt 0 ] || die "no Debian $SUITE entries in the host's apt sources; set BASE_IMAGES_APT_SOURCES"
}

COMMON_MMDEBSTRAP=(
  --mode=root --format=tar
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr   # usr-is-merged instead of usrmerge+perl (~50 MB)
  --dpkgopt='path-exclude=/usr/share/man/*'
  --essential-hook='mkdir -p "$1"/usr/share/man/man1'   # openjdk postinst update-alternatives needs it
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-include=/usr/share/locale/locale.alias'
  --dpkgopt='path-exclude=/usr/share/lintian/*'
  --aptopt='Acquire::Languages "none"'
  --customize-hook='rm -rf "$1"/var/log/apt/* "$1"/var/log/dpkg.log "$1"/var/cache/debconf/*-old "$1"/var/lib/dpkg/*-old'
  --customize-hook=': > "$1"/etc/machine-id'
)

mmdebstrap_import() {  # tag hash variant include-list dockerimport-changes... -- extra mmdebstrap args...
  local tag=$1 h=$2 variant=$3 include=$4 t0 tarball; shift 4
  local changes=() extra=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do changes+=(--change "$1"); shift; done
  [ "${1:-}" = -- ] && shift; extra=("$@")
  ensure_mmdebstrap; collect_sources
  t0=$(now); tarball=$WORK/${tag//[\/:]/_}.tar
  say "mmdebstrap $SUITE ($variant) -> $tag ..."
  local log=$WORK/mmdebstrap-${tag//[\/:]/_}.log
  if ! mmdebstrap "${COMMON_MMDEBSTRAP[@]}" --variant="$variant" --include="$include" "${extra[@]}" \
      "$SUITE" "$tarball" "${SOURCES_ARGS[@]}" >"$log" 2>&1; then
    grep -vE '^(Get:|Unpacking |Selecting |Preparing |Setting up |\(Reading )' "$log" | tail -n 40 >&2
    die "mmdebstrap failed for $tag (output above)"
  fi
  local tb; tb=$(secs "$t0")
  docker import "${changes[@]}" --change "LABEL ec2-double.recipe=$h" "$tarball" "$tag" >/dev/null
  drop_old "$tag"
  report "$tag" "built in $(secs "$t0")s (mmdebstrap ${tb}s, tar $(( $(stat -c %s "$tarball") / 1000000 ))MB)"
  rm -f "$tarball"
}

build_debian_jre() {
  local tag=ec2-double/debian-jre:17 include=openjdk-17-jre-headless,ca-certificates h
  h=$( { echo "v$RECIPE_VERSION $SUITE $include"; printf '%s\n' "${COMMON_MMDEBSTRAP[@]}"; declare -f build_debian_jre; } | recipe_hash)
  up_to_date "$tag" "$h" && return 0
  mmdebstrap_import "$tag" "$h" apt "$include" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV LANG=C.UTF-8' "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$ARCH" \
    "LABEL org.opencontainers.image.title=ec2-double-debian-jre-17 org.opencontainers.image.base.name=debian:$SUITE" \
    'CMD ["/bin/bash"]' \
    -- --customize-hook='chroot "$1" java -Xshare:dump >/dev/null 2>&1 || true'
}

build_debian() {
  local tag=ec2-double/debian:12 h
  local include=openssh-server,iproute2,procps,curl,ca-certificates,sudo,busybox${DEBIAN_EXTRA_PACKAGES:+,$DEBIAN_EXTRA_PACKAGES}
  h=$( { echo "v$RECIPE_VERSION $SUITE $include"; printf '%s\n' "${COMMON_MMDEBSTRAP[@]}" "$EC2_INIT"; declare -f build_debian; } | recipe_hash)
  up_to_date "$tag" "$h" && return 0
  printf '%s' "$EC2_INIT" > "$WORK/ec2-init"
  mmdebstrap_import "$tag" "$h" minbase "$include" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' \
    "LABEL org.opencontainers.image.title=ec2-double-debian-12 org.opencontainers.image.base.name=debian:$SUITE" \
    'EXPOSE 22' 'CMD ["/usr/local/sbin/ec2-init"]' \
    -- \
    --customize-hook="upload $WORK/ec2-init /usr/local/sbin/ec2-init" \
    --customize-hook='chmod 755 "$1"/usr/local/sbin/ec2-init' \
    --customize-hook='chroot "$1" useradd -m -s /bin/bash -c "Debian EC2 user" admin' \
    --customize-hook='echo "admin ALL=(ALL) NOPASSWD:ALL" > "$1"/etc/sudoers.d/90-admin && chmod 440 "$1"/etc/sudoers.d/90-admin' \
    --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
    --customize-hook='mkdir -p "$1"/etc/ec2-double'
}

targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(busybox debian debian-jre)
T0=$(now)
for t in "${targets[@]}"; do
  case "$FROM:$t" in
    registry:busybox)    registry_busybox ;;
    registry:debian)     registry_debian ;;
    registry:debian-jre) registry_debian_jre ;;
    debian:busybox)      build_busybox ;;
    debian:debian)       build_debian ;;
    debian:debian-jre)   build_debian_jre ;;
    *) die "unknown image '$t' (busybox | debian | debian-jre)" ;;
  esac
done
say "done in $(secs "$T0")s"
