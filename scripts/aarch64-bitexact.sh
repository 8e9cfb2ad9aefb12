#!/usr/bin/env bash
# scripts/aarch64-bitexact.sh JAVA_QEMU SHARED_DIR: the CLI gives byte-identical JSON on aarch64 and x86.
# Programs are compiled (and a small STOP model trained) once on x86; then the same
# host-tools/target/neuroedge.jar runs them with the x86 JDK ($JAVA_HOME) and with the arm64 java
# under qemu (JAVA_QEMU, CPU from QEMU_CPU, default cortex-a72), and the outputs are compared with cmp:
#   - the NIR N-MNIST CNN: `run --json` on a few recordings, `eval --json` on a few labelled ones;
#   - a STOP model trained on a few MNIST images: `eval --images --json`.
# Inputs stay small: every emulated start costs ~20 s and the run ~13x native.
# Needs the jar (./run-tests builds it first). Exit 1 on the first difference, with its diff.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/aarch64-bitexact.sh JAVA_QEMU SHARED_DIR" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
qemu_java=$1
shared=$(cd "$2" && pwd)
jar="$root/host-tools/target/neuroedge.jar"
[ -f "$jar" ] || { echo "aarch64-bitexact: no $jar (build host-tools first)" >&2; exit 2; }
[ -n "${JAVA_HOME:-}" ] || { echo "aarch64-bitexact: JAVA_HOME (the x86 JDK) is not set" >&2; exit 2; }
work="$root/target/aarch64-bitexact"
rm -rf "$work"; mkdir -p "$work"

# both JVMs are 24+ in CI (the arm64 JRE is 25); a 21 would reject the Unsafe flag
jvm_flags() { # $1 = java; the flags ./neuroedge gives it
    local flags=(--add-modules=jdk.incubator.vector -XX:+UseSerialGC -Dneuroedge.shared="$shared")
    local v
    v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
    [ "${v:-0}" -lt 24 ] || flags+=(--sun-misc-unsafe-memory-access=allow)
    echo "${flags[@]}"
}
read -r -a x86_flags <<<"$(jvm_flags "$JAVA_HOME/bin/java")"
read -r -a arm_flags <<<"$(jvm_flags "$qemu_java")"
x86() { "$JAVA_HOME/bin/java" "${x86_flags[@]}" -jar "$jar" "$@" 2>>"$work/x86.log"; }
arm() { "$qemu_java" "${arm_flags[@]}" -jar "$jar" "$@" 2>>"$work/aarch64.log"; }

checks=0
same() { # NAME ARGS...: runs the command on both, compares stdout byte for byte
    local name=$1; shift
    x86 "$@" > "$work/$name.x86.json" || { echo "aarch64-bitexact: x86 $name failed (see $work/x86.log)" >&2; exit 1; }
    arm "$@" > "$work/$name.aarch64.json" || { echo "aarch64-bitexact: aarch64 $name failed (see $work/aarch64.log)" >&2; exit 1; }
    if ! cmp "$work/$name.x86.json" "$work/$name.aarch64.json"; then
        diff <(tr ',' '\n' < "$work/$name.x86.json") <(tr ',' '\n' < "$work/$name.aarch64.json") | head -20 >&2 || true
        echo "aarch64-bitexact: $name differs between x86 and aarch64 (${QEMU_CPU:-cortex-a72})" >&2
        exit 1
    fi
    checks=$((checks + 1))
    echo "aarch64-bitexact: $name identical ($(wc -c < "$work/$name.x86.json") bytes)" >&2
}

# programs are made on x86 only: what is compared is what runs them
x86 compile "$shared/nir/cnn/cnn_sinabs.nir" --dt 1e-3 --profile sinabs -o "$work/cnn.nsp" >/dev/null
x86 train --dataset "mnist:$shared/data/mnist-10k" --arch 784-64-10 --algo stop-w --steps 8 --epochs 1 \
    --limit 1000 -o "$work/stop.nem" --json >/dev/null
x86 compile "$work/stop.nem" -o "$work/stop.nsp" >/dev/null

nmnist="$shared/dvs/nmnist"
for rec in 1 2 3; do
    same "cnn-run-$rec" run "$work/cnn.nsp" --input "$nmnist/train/$rec.bs2" --json
done
same cnn-eval eval "$work/cnn.nsp" --nmnist "$nmnist" --labels "$nmnist/labels.csv" --limit 5 --json
same stop-eval eval "$work/stop.nsp" --images "$shared/data/mnist-10k" --limit 20 --json
echo "aarch64-bitexact: $checks of $checks outputs identical on x86 and aarch64 (${QEMU_CPU:-cortex-a72})" >&2
