package org.sda.engine.export;

import org.jtransforms.fft.FloatFFT_1D;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.Mixdown;

/**
 * Places a mono sound around the listener's head: convolution with the head model's impulse
 * responses for the nearest measured direction, one per ear.
 *
 * <p>Fast convolution by overlap-add: blocks of {@value #BLOCK} samples, each transformed once
 * and multiplied by both ears' spectra, so the cost grows linearly with the sound's length. The
 * output is {@code taps − 1} samples longer than the input would make it ring on, and is cut
 * back to the input's length plus that tail.
 *
 * <p>Distance: the head model is measured at one distance, so nearer or further is rendered as
 * the inverse-distance law on level relative to that distance (no near-field change of the
 * ear filters). With loudness or peak normalisation on, that level change is undone.
 */
public final class BinauralRenderer {

    static final int BLOCK = 4096;

    private BinauralRenderer() {}

    /**
     * Renders {@code audio} (mixed to mono first) at {@code placement}; the head model is
     * resampled to the sound's rate when they differ. Allocates the result.
     */
    public static AudioBuffer render(AudioBuffer audio, Hrtf hrtf, Placement placement) {
        Hrtf head = hrtf.atRate(audio.sampleRate());
        Hrtf.Measurement m = head.nearest(placement.azimuth(), placement.elevation());
        double reference = head.measuredDistance();
        double gain = Double.isNaN(placement.distance()) ? 1 : reference / placement.distance();
        float[] mono = Mixdown.toMono(audio).channels()[0];
        float[] left = convolve(mono, m.left(), (float) gain);
        float[] right = convolve(mono, m.right(), (float) gain);
        return new AudioBuffer(new float[][] {left, right}, audio.sampleRate());
    }

    /** Overlap-add convolution of {@code x} with {@code h}, scaled by {@code gain}; length {@code |x| + |h| − 1}. */
    static float[] convolve(float[] x, float[] h, float gain) {
        int taps = h.length;
        int n = Integer.highestOneBit(BLOCK + taps - 1) << 1;
        if (n < BLOCK + taps - 1) {
            n <<= 1;
        }
        FloatFFT_1D fft = new FloatFFT_1D(n);
        float[] hs = new float[n];
        for (int i = 0; i < taps; i++) {
            hs[i] = h[i] * gain;
        }
        fft.realForward(hs);
        float[] out = new float[x.length + taps - 1];
        float[] buf = new float[n];
        for (int start = 0; start < x.length; start += BLOCK) {
            int len = Math.min(BLOCK, x.length - start);
            java.util.Arrays.fill(buf, 0f);
            System.arraycopy(x, start, buf, 0, len);
            fft.realForward(buf);
            multiply(buf, hs, n);
            fft.realInverse(buf, true);
            int end = Math.min(out.length, start + len + taps - 1);
            for (int i = start; i < end; i++) {
                out[i] += buf[i - start];
            }
        }
        return out;
    }

    /** In-place product of two spectra in JTransforms' packed real layout. */
    private static void multiply(float[] a, float[] b, int n) {
        a[0] *= b[0];
        a[1] *= b[1]; // the Nyquist bin, real, packed into slot 1
        for (int k = 2; k < n; k += 2) {
            float re = a[k] * b[k] - a[k + 1] * b[k + 1];
            float im = a[k] * b[k + 1] + a[k + 1] * b[k];
            a[k] = re;
            a[k + 1] = im;
        }
    }
}
