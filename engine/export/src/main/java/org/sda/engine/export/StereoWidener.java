package org.sda.engine.export;

import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.Mixdown;

/**
 * Mono to stereo with a width control that stays mono-compatible.
 *
 * <p>Mid/side: the mono sound is the mid, and the side is the same sound through a chain of
 * Schroeder all-pass filters (same magnitude spectrum, scrambled phase, so it is largely
 * uncorrelated with the mid). Left is {@code mid + width · side}, right is
 * {@code mid − width · side}. The side cancels in {@code (L + R) / 2}, so the mono sum is the
 * original sound exactly at every width: width 0 gives two identical channels, width 1 the
 * widest image. Widths above 1 are refused, since past it the side outweighs the mid and the
 * image falls apart into two unrelated channels.
 *
 * <p>A stereo input is mixed to mono first (the models make mono sounds).
 */
public final class StereoWidener {

    /** All-pass delays in milliseconds: short and mutually prime, so the side does not ring. */
    private static final double[] DELAYS_MS = {1.31, 2.93, 4.37, 6.11};
    private static final float GAIN = 0.6f;

    private StereoWidener() {}

    /**
     * The stereo image of {@code audio} at {@code width} in [0, 1]. Allocates the result.
     *
     * @throws IllegalArgumentException for a width outside [0, 1]
     */
    public static AudioBuffer widen(AudioBuffer audio, double width) {
        checkWidth(width);
        float[] mid = Mixdown.toMono(audio).channels()[0];
        float[] left = new float[mid.length];
        float[] right = new float[mid.length];
        if (width == 0) {
            System.arraycopy(mid, 0, left, 0, mid.length);
            System.arraycopy(mid, 0, right, 0, mid.length);
            return new AudioBuffer(new float[][] {left, right}, audio.sampleRate());
        }
        float[] side = decorrelate(mid, audio.sampleRate());
        float w = (float) width;
        for (int i = 0; i < mid.length; i++) {
            float s = w * side[i];
            left[i] = mid[i] + s;
            right[i] = mid[i] - s;
        }
        return new AudioBuffer(new float[][] {left, right}, audio.sampleRate());
    }

    static void checkWidth(double width) {
        if (!(width >= 0 && width <= 1)) {
            throw new IllegalArgumentException("stereo width must be between 0 (mono) and 1 (widest), not " + width);
        }
    }

    /** The mono signal through the all-pass chain: {@code y[n] = −g·x[n] + x[n−D] + g·y[n−D]}. */
    static float[] decorrelate(float[] in, int sampleRate) {
        float[] x = in.clone();
        for (double ms : DELAYS_MS) {
            int d = Math.max(1, (int) Math.round(ms * sampleRate / 1000));
            float[] y = new float[x.length];
            for (int n = 0; n < x.length; n++) {
                float delayedX = n >= d ? x[n - d] : 0f;
                float delayedY = n >= d ? y[n - d] : 0f;
                y[n] = -GAIN * x[n] + delayedX + GAIN * delayedY;
            }
            x = y;
        }
        return x;
    }
}
