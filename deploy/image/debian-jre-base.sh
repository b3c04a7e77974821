#!/bin/sh
# Builds a JRE 17 base image for the Switchboard image from Debian packages, for building the image
# where no container registry can be reached (README.md, "Deploying"):
#
#   deploy/image/debian-jre-base.sh target/jre-base.tar
#   mvn package -Pimage -Dimage.base=tar://$PWD/target/jre-base.tar
#
# Runs on a Debian or Ubuntu host with apt and a Debian package registry (as root or not). The
# result is an image tarball as `docker save` writes it, with one layer: the Debian JRE (headless),
# the C and C++ runtime libraries and zlib it links against, BusyBox for /bin/sh and the tools the
# launcher calls, and the host's Java trust store (made by its ca-certificates-java). Nothing else:
# no package manager, no fonts, no AWT libraries beyond what the JRE package holds.
set -eu

out=${1:?usage: debian-jre-base.sh OUTPUT.tar}
case $out in /*) ;; *) out=$PWD/$out ;; esac
cacerts=/etc/ssl/certs/java/cacerts
[ -s "$cacerts" ] || { echo "debian-jre-base.sh: $cacerts missing: install ca-certificates-java" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download -q openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g busybox-static >&2

mkdir rootfs
for deb in *.deb; do
  dpkg-deb -x "$deb" rootfs
done
java_home=$(cd rootfs && echo usr/lib/jvm/java-17-openjdk-*)
[ -x "rootfs/$java_home/bin/java" ] || { echo "debian-jre-base.sh: no JRE in the packages" >&2; exit 1; }

# /bin/sh and every BusyBox applet that no package provides.
for applet in $(rootfs/bin/busybox --list-full | grep /); do
  [ -e "rootfs/$applet" ] || [ -L "rootfs/$applet" ] || { mkdir -p "rootfs/${applet%/*}" && ln -s /bin/busybox "rootfs/$applet"; }
done
mkdir -p rootfs/etc/ssl/certs/java rootfs/tmp
cp "$cacerts" rootfs/etc/ssl/certs/java/cacerts
chmod 1777 rootfs/tmp
printf 'root:x:0:0:root:/root:/sbin/nologin\nswitchboard:x:10001:0:switchboard:/var/lib/switchboard:/sbin/nologin\n' > rootfs/etc/passwd
printf 'root:x:0:\n' > rootfs/etc/group
rm -rf rootfs/usr/share/doc rootfs/usr/share/man rootfs/usr/share/lintian

# One reproducible layer: sorted, numeric root ownership, fixed times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C rootfs -cf layer.tar .
diff_id=sha256:$(sha256sum layer.tar | cut -d' ' -f1)
cat > config.json <<JSON
{"architecture":"$(dpkg --print-architecture)","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "JAVA_HOME=/$java_home","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/image/debian-jre-base.sh"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["switchboard-jre-base:17"],"Layers":["layer.tar"]}]' > manifest.json
tar --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$out" manifest.json config.json layer.tar
echo "$out: $(du -h "$out" | cut -f1), JRE $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "rootfs/$java_home/release")"
