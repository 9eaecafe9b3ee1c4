package org.sda.engine.dataset;

/**
 * A usable file after import: mono audio at the model rate and its log-mel features.
 *
 * @param report the file's report (verdict OK)
 * @param audio mono samples at {@link ImportOptions#modelSampleRate()}
 * @param logMel log-mel features, [frames][melBands]
 */
public record ImportedClip(FileReport report, float[] audio, float[][] logMel) {
}
