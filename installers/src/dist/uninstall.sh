#!/bin/sh
# Removes SmallDataSetAudio.vst3 from ~/.vst3, or from the folder given as the first argument.
# Only a bundle that install.sh (or `sda plugin install`) put there is removed.
set -e
here=$(cd "$(dirname "$0")" && pwd)
bundle=$here/SmallDataSetAudio.vst3
exec "$bundle/Contents/Resources/runtime/bin/java" -cp "$bundle/Contents/Resources/lib/*:$here/tools/*" \
  org.sda.engine.cli.SdaCommand plugin uninstall ${1:+--target "$1"}
