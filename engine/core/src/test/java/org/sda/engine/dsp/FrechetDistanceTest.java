package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static float[][] gaussian(int frames, double[] mean, double[] std, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[frames][mean.length];
        for (float[] f : x) {
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (mean[i] + std[i] * r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void aSetIsAtDistanceZeroFromItself() {
        var s = FrechetDistance.statistics(List.<float[][]>of(gaussian(500, new double[] {1, 2, 3}, new double[] {1, 2, 1}, 1)));
        assertThat(FrechetDistance.distance(s, s)).isCloseTo(0, offset(1e-6));
    }

    @Test
    void shiftedAndScaledGaussiansHaveTheClosedFormDistance() {
        // Diagonal covariances: d² = |Δμ|² + Σ (σ1 - σ2)².
        var a = FrechetDistance.statistics(List.<float[][]>of(gaussian(40_000, new double[] {0, 0}, new double[] {1, 1}, 2)));
        var b = FrechetDistance.statistics(List.<float[][]>of(gaussian(40_000, new double[] {3, 0}, new double[] {1, 2}, 3)));
        assertThat(FrechetDistance.distance(a, b)).isCloseTo(9 + 1, offset(0.15));
        assertThat(FrechetDistance.distance(b, a)).isCloseTo(FrechetDistance.distance(a, b), offset(1e-6));
    }
}
