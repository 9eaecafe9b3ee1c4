package org.sda.engine.audio;

import java.util.Objects;

/**
 * Channel mixing.
 *
 * <p>Threading: stateless and safe to call concurrently; each call allocates only its result.
 */
public final class Mixdown {

    private Mixdown() {}

    /**
     * Averages all channels into one. The average (rather than the sum) keeps the level of
     * content common to all channels unchanged and cannot clip when the inputs do not. Content
     * in only one of N channels drops by 20·log10(N) dB, and out-of-phase content cancels: this
     * is a plain downmix, with no surround weighting and no LFE handling.
     *
     * @return {@code audio} itself when it is already mono (buffers are immutable by
     *     convention), otherwise a new mono buffer at the same rate
     */
    public static AudioBuffer toMono(AudioBuffer audio) {
        Objects.requireNonNull(audio, "audio");
        if (audio.channelCount() == 1) {
            return audio;
        }
        float[][] channels = audio.channels();
        int frames = audio.frameCount();
        double[] sum = new double[frames];
        // Channel-major loops read each array sequentially, which matters for long multichannel
        // buffers; the double accumulator keeps the result independent of channel order.
        for (float[] channel : channels) {
            for (int i = 0; i < frames; i++) {
                sum[i] += channel[i];
            }
        }
        float[] mono = new float[frames];
        double scale = 1.0 / channels.length;
        for (int i = 0; i < frames; i++) {
            mono[i] = (float) (sum[i] * scale);
        }
        return AudioBuffer.mono(mono, audio.sampleRate());
    }
}
