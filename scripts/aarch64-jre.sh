#!/usr/bin/env bash
# scripts/aarch64-jre.sh DIR: an arm64 JRE that runs on this x86 machine under QEMU user emulation.
# Unpacks Debian 13 (trixie)'s openjdk-$AARCH64_JDK-jre-headless (default 25) and its few libraries
# into DIR/sysroot and writes DIR/sysroot/usr/lib/jvm/java-N-openjdk-arm64/bin/java-qemu, which runs
# that java on the CPU named by QEMU_CPU (default cortex-a72 = Pi 4; cortex-a76 = Pi 5; max = SVE-512).
# Prints the java-qemu path on stdout, all else on stderr. A complete DIR is reused (DIR/complete).
# Installs qemu-user-static with apt-get when missing. The machine's apt sources and dpkg
# architectures are never changed: apt runs on a private state and source list under DIR.
# DIR must not be where scripts/find-jdk.sh looks for JDKs (with binfmt registered an arm64 java
# there would be picked and "work", very slowly); run-tests uses ~/.cache/neuroedge/aarch64.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: scripts/aarch64-jre.sh DIR" >&2; exit 2; }
fail() { echo "aarch64-jre: $*" >&2; exit 1; }
dir=$(mkdir -p "$1" && cd "$1" && pwd)
jdk=${AARCH64_JDK:-25}
home="$dir/sysroot/usr/lib/jvm/java-$jdk-openjdk-arm64"
stamp="$dir/complete-$jdk"

if ! command -v qemu-aarch64-static >/dev/null 2>&1; then
    echo "aarch64-jre: installing qemu-user-static (apt-get)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user-static; } \
        >"$dir/qemu-install.log" 2>&1 \
        || fail "cannot install qemu-user-static (needs root and apt; see $dir/qemu-install.log); install it and run again"
fi

# one builder at a time per DIR; a second caller waits, then reuses the finished sysroot
exec 9>"$dir/.lock"
flock 9
if [ -f "$stamp" ] && [ -x "$home/bin/java-qemu" ]; then
    echo "aarch64-jre: reusing $dir ($(cat "$stamp"))" >&2
    echo "$home/bin/java-qemu"
    exit 0
fi
rm -f "$stamp"

# the machine's own Debian mirror (deb822 URIs: lines or one-line deb entries), suite -> trixie
uris=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -o -E 'https?://[^ ]+' || true)
main_uri=$(grep -E '/debian/?$' <<<"$uris" | head -1 || true)
sec_uri=$(grep -E '/debian-security/?$' <<<"$uris" | head -1 || true)
[ -n "$main_uri" ] || fail "no Debian archive URI in /etc/apt/sources.list{,.d}; cannot fetch the arm64 JRE"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || fail "no $keyring (package debian-archive-keyring); cannot verify the arm64 JRE"
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs"
{
    echo "deb [signed-by=$keyring] $main_uri trixie main"
    [ -z "$sec_uri" ] || echo "deb [signed-by=$keyring] $sec_uri trixie-security main"
} > "$dir/apt/sources.list"
: > "$dir/apt/status"
apto=(-o Dir::Etc::SourceList="$dir/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
      -o Dir::State::Lists="$dir/apt/lists" -o Dir::Cache="$dir/apt/cache" -o Dir::State::status="$dir/apt/status"
      -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o APT::Sandbox::User=root)
echo "aarch64-jre: downloading openjdk-$jdk-jre-headless (arm64, trixie) into $dir" >&2
apt-get "${apto[@]}" -qq update >&2 || fail "apt-get update of the private trixie arm64 list failed"
(cd "$dir/debs" && rm -f ./*.deb && apt-get "${apto[@]}" -qq download "openjdk-$jdk-jre-headless" libc6 libgcc-s1 libstdc++6 zlib1g) >&2 \
    || fail "cannot download openjdk-$jdk-jre-headless for arm64"

rm -rf "$dir/sysroot"; mkdir "$dir/sysroot"
for d in "$dir"/debs/*.deb; do dpkg-deb -x "$d" "$dir/sysroot"; done
ln -sfn usr/lib "$dir/sysroot/lib"     # the ELF interpreter is /lib/ld-linux-aarch64.so.1
# absolute links (lib/jvm.cfg -> /etc/java-N-openjdk/jvm-arm64.cfg) would resolve on the host
(cd "$dir/sysroot" && find . -type l -lname '/*' | while read -r l; do
    t=$(readlink "$l"); if [ -e ".$t" ]; then ln -sfn "$(realpath --relative-to="$(dirname "$l")" ".$t")" "$l"; fi
done)
[ -x "$home/bin/java" ] || fail "no arm64 java at $home/bin/java after unpacking"
# always an explicit -cpu: QEMU's default is max (SVE-512), which is no Pi
cat > "$home/bin/java-qemu" <<EOF
#!/bin/sh
exec qemu-aarch64-static -L "$dir/sysroot" -cpu "\${QEMU_CPU:-cortex-a72}" "$home/bin/java" "\$@"
EOF
chmod +x "$home/bin/java-qemu"
version=$("$home/bin/java-qemu" -version 2>&1) || fail "the arm64 java does not start under qemu: $version"
echo "$version" >&2
# the archive serves only the current trixie build: record which one this sysroot holds
sed -n 2p <<<"$version" > "$stamp"
echo "$home/bin/java-qemu"
