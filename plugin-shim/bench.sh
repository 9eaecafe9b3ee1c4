#!/usr/bin/env bash
# Real-time benchmark of the plugin: the C test host drives it at block deadlines while it renders.
#   plugin-shim/bench.sh BLOCK SECONDS [STATE.json]      e.g. plugin-shim/bench.sh 128 600
# Needs a build first (./mvnw -pl plugin-shim -am test-compile package -DskipTests). Uses the installers'
# bundle when it exists (SDA_BUNDLE overrides), otherwise assembles a test bundle under plugin-shim/target.
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
  cp "$root/engine/target/sda-engine.jar" "$root"/engine/target/lib/*.jar "$bundle/Contents/Resources/lib/"
  "$JAVA_HOME/bin/jar" cf "$bundle/Contents/Resources/lib/sda-shim-test.jar" -C "$here/target/test-classes" .
fi
# The demo model the instrument plays: SDA_DEMO_MODEL, else the bundle's own.
if [[ -n ${SDA_DEMO_MODEL:-} ]]; then
  cp "$SDA_DEMO_MODEL" "$bundle/Contents/Resources/demo.sda"
elif [[ ! -f $bundle/Contents/Resources/demo.sda && -f $root/installers/demo-model/demo.sda ]]; then
  cp "$root/installers/demo-model/demo.sda" "$bundle/Contents/Resources/demo.sda"
fi
# Models have no prior yet, so by default the instrument reconstructs the demo sounds through the
# model (the tests' ReconstructionInstruments); SDA_INSTRUMENT_FACTORY picks another factory.
factory=${SDA_INSTRUMENT_FACTORY:-org.sda.engine.bridge.ReconstructionInstruments}
export SDA_JVM_OPTIONS="-Dsda.instrument.factory=$factory -Dsda.test.sounds=$root/installers/demo-sounds ${SDA_JVM_OPTIONS:-}"
echo "bundle: $bundle"
exec "$here/target/sda-test-host" bench "$bundle" "$block" "$seconds" ${state:+"$state"}
