package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StftTest {

    private static final int SR = 44100;

    @ParameterizedTest(name = "nFft {0}, hop {1}, length {2}")
    @CsvSource({"1024, 256, 44100", "2048, 128, 30001", "1024, 512, 12345", "512, 100, 7777"})
    void forwardThenInverseReconstructsTheSignal(int nFft, int hop, int length) {
        float[] x = TestSignals.sinePlusNoise(length, 440, 0.5, 0.3, SR, 7);
        Stft stft = new Stft(new StftConfig(nFft, hop));

        float[] y = stft.inverse(stft.forward(x), length);

        assertThat(y).hasSize(length);
        float peak = TestSignals.peak(x);
        float maxError = 0;
        for (int i = 0; i < length; i++) {
            maxError = Math.max(maxError, Math.abs(x[i] - y[i]));
        }
        assertThat(maxError / peak).isLessThan(1e-5f);
    }

    @Property(tries = 30)
    void roundTripHoldsForShortAndOddLengths(@ForAll @IntRange(min = 1, max = 3000) int length) {
        float[] x = TestSignals.sinePlusNoise(length, 1000, 0.2, 0.5, SR, length);
        Stft stft = new Stft(new StftConfig(256, 64));
        float[] y = stft.inverse(stft.forward(x), length);
        for (int i = 0; i < length; i++) {
            assertThat(y[i]).isCloseTo(x[i], within(1e-5f * Math.max(1e-3f, TestSignals.peak(x))));
        }
    }

    @Test
    void shapeFollowsTheCentredFrameCount() {
        Stft stft = new Stft();
        float[][] mag = stft.magnitude(new float[44100]);
        assertThat(mag).hasNumberOfRows(1 + 44100 / 256);
        assertThat(mag[0]).hasSize(513);
        assertThat(stft.forward(new float[1000]).frames()).isEqualTo(1 + 1000 / 256);
    }

    @Test
    void sineAtBinCentreLandsInItsBinWithHannAmplitude() {
        int nFft = 1024;
        int bin = 40;
        double hz = bin * (double) SR / nFft;
        double amplitude = 0.7;
        Stft stft = new Stft(new StftConfig(nFft, 256));

        float[][] mag = stft.magnitude(TestSignals.sine(SR, hz, amplitude, 0.3, SR));

        // Interior frames see the full sine: |X[k]| = A * sum(w) / 2 = A * nFft / 4 for Hann,
        // and a periodic Hann window leaks only into the two neighbouring bins, at half that.
        float[] frame = mag[mag.length / 2];
        assertThat(argMax(frame)).isEqualTo(bin);
        assertThat((double) frame[bin]).isCloseTo(amplitude * nFft / 4, within(1e-3 * amplitude * nFft));
        assertThat((double) frame[bin - 1]).isCloseTo(amplitude * nFft / 8, within(1e-3 * amplitude * nFft));
        assertThat((double) frame[bin + 2]).isLessThan(1e-3 * amplitude * nFft);
    }

    @Test
    void offCentreSineLandsInTheNearestBinAndScalesLinearly() {
        int nFft = 2048;
        double hz = 1234.5; // bin 57.32 at 44.1 kHz
        Stft stft = new Stft(new StftConfig(nFft, 512));
        float[][] quiet = stft.magnitude(TestSignals.sine(SR, hz, 0.1, 0, SR));
        float[][] loud = stft.magnitude(TestSignals.sine(SR, hz, 0.4, 0, SR));

        int t = quiet.length / 2;
        assertThat(argMax(quiet[t])).isEqualTo((int) Math.round(hz * nFft / SR));
        for (int k = 50; k < 65; k++) {
            assertThat(loud[t][k]).isCloseTo(4 * quiet[t][k], within(1e-3f * loud[t][57]));
        }
    }

    @Test
    void forwardMatchesADirectDftOfTheReflectPaddedFrame() {
        int nFft = 64;
        int hop = 16;
        float[] x = TestSignals.sinePlusNoise(200, 3000, 0.3, 0.4, SR, 3);
        ComplexSpectrogram spec = new Stft(new StftConfig(nFft, hop)).forward(x);
        float[] w = new StftConfig(nFft, hop).window();
        for (int t : new int[] {0, 5, spec.frames() - 1}) {
            for (int k : new int[] {0, 1, 17, nFft / 2}) {
                double re = 0;
                double im = 0;
                for (int j = 0; j < nFft; j++) {
                    int n = t * hop + j - nFft / 2; // sample index in the unpadded signal
                    int src = n < 0 ? -n : n >= x.length ? 2 * (x.length - 1) - n : n;
                    double v = w[j] * x[src];
                    re += v * Math.cos(2 * Math.PI * k * j / nFft);
                    im -= v * Math.sin(2 * Math.PI * k * j / nFft);
                }
                assertThat((double) spec.re(t, k)).isCloseTo(re, within(1e-4));
                assertThat((double) spec.im(t, k)).isCloseTo(im, within(1e-4));
            }
        }
    }

    @Test
    void configRejectsUnreconstructableSettings() {
        assertThatThrownBy(() -> new StftConfig(1000, 250)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StftConfig(1024, 600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StftConfig(1024, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(StftConfig.defaults()).isEqualTo(new StftConfig(1024, 256));
    }

    static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
