package org.sda.trainer.data;

/**
 * A training or validation batch, flat in channel-first order.
 *
 * @param logMel {@code [size, melBands, frames]}: the encoder input, as the engine's LogMel computes it
 * @param logMagnitude {@code [size, bins, frames]}: {@code ln(max(|STFT|, 1e-5))}, the decoder target
 */
public record Batch(int size, int frames, int melBands, int bins, float[] logMel, float[] logMagnitude) {
}
