#!/usr/bin/env bash
# Real-time benchmark of the plugin: the C test host drives it at block deadlines while it renders.
#   plugin-shim/bench.sh BLOCK SECONDS [STATE.json]      e.g. plugin-shim/bench.sh 128 600
# Needs a build first (./mvnw -pl plugin-shim -am package -DskipTests). Uses the installers'
# bundle when it exists (SDA_BUNDLE overrides), otherwise assembles a test bundle under plugin-shim/target.
# Every second a chord of SDA_BENCH_VOICES notes (default 16), held 0.75 s; the voices render in
# process() itself, so what is measured is the renderer's time per block and whether the host's
# thread kept its deadlines.
# The JVM comes from the bundle's runtime, else JAVA_HOME, else the java on PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
block=${1:?usage: bench.sh BLOCK SECONDS [STATE.json]}
seconds=${2:?usage: bench.sh BLOCK SECONDS [STATE.json]}
state=${3:-}
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
export SDA_STATS=1

bundle=${SDA_BUNDLE:-$root/installers/target/SmallDataSetAudio.vst3}
if [[ ! -f $bundle/Contents/x86_64-linux/SmallDataSetAudio.so ]]; then
  bundle=$here/target/bench/SmallDataSetAudio.vst3
  rm -rf "$bundle"
  mkdir -p "$bundle/Contents/x86_64-linux" "$bundle/Contents/Resources/lib"
  cp "$here/target/SmallDataSetAudio.so" "$bundle/Contents/x86_64-linux/"
  # What the DAW loads (bridge, instrument, core and their libraries), as the build copied it for the tests.
  cp "$here"/target/bundle-lib/*.jar "$bundle/Contents/Resources/lib/"
fi
# The demo model the instrument plays: SDA_DEMO_MODEL, else the bundle's own (never written into
# the installers' bundle: the option overrides the one the shim sets).
if [[ -n ${SDA_DEMO_MODEL:-} ]]; then
  export SDA_JVM_OPTIONS="-Dsda.demo.model=$(readlink -f "$SDA_DEMO_MODEL") ${SDA_JVM_OPTIONS:-}"
elif [[ ! -f $bundle/Contents/Resources/demo.sda ]]; then
  cp "$root/installers/demo-model/demo.sda" "$bundle/Contents/Resources/demo.sda"
fi
# The shipped instrument, generating for real (no variation cache) unless SDA_JVM_OPTIONS says otherwise.
if [[ ${SDA_JVM_OPTIONS:-} != *sda.variation.cache* ]]; then
  export SDA_JVM_OPTIONS="-Dsda.variation.cache=off ${SDA_JVM_OPTIONS:-}"
fi
echo "bundle: $bundle"
exec "$here/target/sda-test-host" bench "$bundle" "$block" "$seconds" ${state:+"$state"}
