package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MelDistanceTest {

    private static final int SR = 44100;
    private final MelDistance distance = new MelDistance(SR);

    /** The two decaying tones of the golden-value test, as float32 samples. */
    static float[][] goldenPair() {
        int n = 20000;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (Math.sin(2 * Math.PI * 440 * i / SR) * Math.exp(-i / 8000.0)
                    + 0.1 * Math.sin(2 * Math.PI * 3000 * i / SR + 0.3));
            y[i] = (float) (0.8 * Math.sin(2 * Math.PI * 445 * i / SR) * Math.exp(-i / 6000.0)
                    + 0.05 * Math.sin(2 * Math.PI * 5000 * i / SR));
        }
        return new float[][] {x, y};
    }

    @Test
    void matchesTheNumpyReferenceOnTwoDecayingTones() {
        // sda_metrics.py's mel_distance on the same float32 samples gives 3.2988902.
        float[][] pair = goldenPair();
        assertThat(distance.distance(pair[0], pair[1])).isCloseTo(3.2988902, offset(2e-3));
    }

    @Test
    void identicalSignalsAreZeroApart() {
        float[][] pair = goldenPair();
        assertThat(distance.distance(pair[0], pair[0].clone())).isEqualTo(0.0);
    }

    @Test
    void halvingLoudNoiseCostsLog10TwoOnEveryScale() {
        Random random = new Random(7);
        float[] x = new float[30000];
        float[] y = new float[30000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 0.3);
            y[i] = x[i] * 0.5f;
        }
        double[] terms = distance.perScale(x, y);
        assertThat(terms).hasSize(7);
        // Bands that hold no FFT bin (the lowest of 320 at window 2048) are zero in both.
        for (double term : terms) {
            assertThat(term).isBetween(0.95 * Math.log10(2), Math.log10(2) + 1e-6);
        }
        assertThat(distance.distance(x, y)).isCloseTo(7 * Math.log10(2), offset(0.01));
    }

    @Test
    void isSymmetricAndGrowsWithTheError() {
        float[][] pair = goldenPair();
        Random random = new Random(3);
        float[] small = pair[0].clone();
        float[] large = pair[0].clone();
        for (int i = 0; i < small.length; i++) {
            double e = random.nextGaussian();
            small[i] += (float) (0.001 * e);
            large[i] += (float) (0.05 * e);
        }
        assertThat(distance.distance(pair[0], pair[1])).isEqualTo(distance.distance(pair[1], pair[0]));
        assertThat(distance.distance(pair[0], small)).isLessThan(distance.distance(pair[0], large));
    }

    @Test
    void comparesOverTheShorterLength() {
        float[][] pair = goldenPair();
        float[] longer = java.util.Arrays.copyOf(pair[1], 30000);
        for (int i = 20000; i < longer.length; i++) {
            longer[i] = 0.9f;
        }
        assertThat(distance.distance(pair[0], longer)).isEqualTo(distance.distance(pair[0], pair[1]));
        assertThatThrownBy(() -> distance.distance(new float[0], pair[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
