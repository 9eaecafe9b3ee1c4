#!/bin/sh
# Installs the SmallDataSetAudio.vst3 next to this script into ~/.vst3 (where Linux DAWs look
# for VST3 plugins), or into the folder given as the first argument, e.g. /usr/local/lib/vst3.
# Runs the bundle's own Java runtime: nothing else needs to be installed.
set -e
here=$(cd "$(dirname "$0")" && pwd)
bundle=$here/SmallDataSetAudio.vst3
exec "$bundle/Contents/Resources/runtime/bin/java" -cp "$bundle/Contents/Resources/lib/*:$here/tools/*" \
  org.sda.engine.cli.SdaCommand plugin install --bundle "$bundle" ${1:+--target "$1"}
