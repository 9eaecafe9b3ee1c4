package org.sda.engine.instrument;

import java.nio.FloatBuffer;

/**
 * The variation the most recent note started, for a display (the editor's pool waveform). A
 * snapshot taken when asked: the samples are the variation's own, shared read-only, never copied.
 *
 * @param notes how many notes of this model had started a variation when it was asked for; a
 *     display that sees the count change knows a note played, even the same variation again
 * @param index the variation's position in its seed's sequence
 * @param epoch the seed (epoch) it belongs to
 * @param sampleRate the rate of {@code samples}, in Hz (the host rate it was made for)
 * @param samples the mono samples the note played (before envelope and pitch), read-only
 */
public record PlayedVariation(long notes, long index, long epoch, int sampleRate, FloatBuffer samples) {

    public PlayedVariation {
        samples = samples.asReadOnlyBuffer();
    }

    /** Its length in seconds. */
    public double seconds() {
        return sampleRate <= 0 ? 0 : (double) samples.remaining() / sampleRate;
    }
}
