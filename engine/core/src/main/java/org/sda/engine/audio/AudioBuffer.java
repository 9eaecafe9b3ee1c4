package org.sda.engine.audio;

import java.util.Objects;

/**
 * Decoded audio: one float array per channel, samples in [-1, 1] (values beyond are kept, not
 * clipped), at {@code sampleRate} Hz. Channel arrays all have the same length.
 *
 * <p>Treated as immutable by convention: methods that change audio return a new buffer. The
 * arrays are exposed for speed; callers must not write into a buffer they did not create.
 */
public record AudioBuffer(float[][] channels, int sampleRate) {

    public AudioBuffer {
        Objects.requireNonNull(channels, "channels");
        if (channels.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        int frames = channels[0].length;
        for (float[] channel : channels) {
            if (channel.length != frames) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
    }

    /** A mono buffer over {@code samples} (not copied). */
    public static AudioBuffer mono(float[] samples, int sampleRate) {
        return new AudioBuffer(new float[][] {samples}, sampleRate);
    }

    public int channelCount() {
        return channels.length;
    }

    /** Samples per channel. */
    public int frameCount() {
        return channels[0].length;
    }

    public double durationSeconds() {
        return (double) frameCount() / sampleRate;
    }

    /** The first channel; for mono buffers, the signal. */
    public float[] samples() {
        return channels[0];
    }
}
