#!/bin/sh
# Builds a JRE 17 base image for the Waymark images without Docker and without a container
# registry: Debian packages (apt-get download) unpacked into one layer, written as a
# `docker save` tarball that Jib reads with a tar:// base image reference.
#
#   deploy/images/make-base-image.sh [output.tar]      # default deploy/images/target/base-image.tar
#   ./mvnw -B -Pimages package -DskipTests -Dwaymark.image.base=tar://$PWD/deploy/images/target/base-image.tar
#
# Needs: a Debian 12 (bookworm) machine with apt sources, dpkg-deb, tar, sha256sum, and the
# host's Java trust store /etc/ssl/certs/java/cacerts (maintainer scripts do not run here, so the
# image's trust store is copied from the host).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/target/base-image.tar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs
mkdir -p "$ROOT" "$WORK/debs" "$WORK/image" "$(dirname "$OUT")"

# the JRE, shells (bash for health checks, dash as /bin/sh), and everything they depend on (no recommends)
PACKAGES="openjdk-17-jre-headless bash dash coreutils base-files base-passwd tzdata"
CLOSURE=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $PACKAGES | grep -E '^[a-z0-9]' | sed 's/:any$//' | sort -u)
(cd "$WORK/debs" && apt-get download $CLOSURE >/dev/null)
for deb in "$WORK"/debs/*.deb; do
  dpkg-deb -x "$deb" "$ROOT"
done

# what maintainer scripts would have done
JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
mkdir -p "$ROOT/etc/ssl/certs/java" "$ROOT/tmp" "$ROOT/usr/bin"
cp /etc/ssl/certs/java/cacerts "$ROOT/etc/ssl/certs/java/cacerts"
chmod 1777 "$ROOT/tmp"
ln -sf "$JAVA_HOME/bin/java" "$ROOT/usr/bin/java"
cat > "$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/bash
nonroot:x:65532:65532:nonroot:/tmp:/usr/sbin/nologin
PASSWD
cat > "$ROOT/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP

# one layer, a config, a manifest: the `docker save` layout
tar --numeric-owner --owner=0 --group=0 --sort=name --mtime='2000-01-01 00:00Z' -C "$ROOT" -cf "$WORK/image/layer.tar" .
DIFF_ID=sha256:$(sha256sum "$WORK/image/layer.tar" | cut -d' ' -f1)
cat > "$WORK/image/config.json" <<CONFIG
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=$JAVA_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$JAVA_HOME","LANG=C.UTF-8"],
           "Labels":{"org.opencontainers.image.description":"Debian 12 + openjdk-17-jre-headless, built by deploy/images/make-base-image.sh"}},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created_by":"deploy/images/make-base-image.sh"}]}
CONFIG
CONFIG_ID=$(sha256sum "$WORK/image/config.json" | cut -d' ' -f1)
mv "$WORK/image/config.json" "$WORK/image/$CONFIG_ID.json"
printf '[{"Config":"%s.json","RepoTags":["waymark-base:17"],"Layers":["layer.tar"]}]\n' "$CONFIG_ID" > "$WORK/image/manifest.json"
tar --numeric-owner --owner=0 --group=0 -C "$WORK/image" -cf "$OUT" manifest.json "$CONFIG_ID.json" layer.tar
echo "wrote $OUT ($(du -h "$OUT" | cut -f1), $(ls "$WORK"/debs | wc -l) packages)"
