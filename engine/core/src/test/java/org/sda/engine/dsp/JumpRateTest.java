package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JumpRateTest {

    private static final int SR = 44100;

    @Test
    void matchesTheNumpyReferenceOnTwoDecayingTones() {
        // sda_metrics.py on the same samples: threshold 9.1096950 from x (78 flux values, own rate
        // 2.2085 per second); y with a click at sample 10000 has 3 frames above it.
        float[][] pair = MelDistanceTest.goldenPair();
        JumpRate yardstick = JumpRate.of(List.of(pair[0]), SR);
        assertThat(JumpRate.flux(pair[0])).hasSize(78);
        assertThat(JumpRate.flux(pair[0])[0]).isCloseTo(6.01961639, offset(1e-3));
        assertThat(yardstick.threshold()).isCloseTo(9.1096950, offset(1e-3));
        assertThat(yardstick.ownRate()).isCloseTo(2.2085337, offset(1e-6));
        float[] clicked = pair[1].clone();
        clicked[10000] += 0.9f;
        assertThat(yardstick.count(clicked)).isEqualTo(3);
        assertThat(yardstick.rate(List.of(clicked))).isCloseTo(3 / (20000.0 / SR), offset(1e-9));
    }

    @Test
    void aSetScoresAboutHalfAPercentOfItsFramesPerSecond() {
        Random random = new Random(11);
        float[] noise = new float[10 * SR];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.2 * random.nextGaussian() * (1 + 0.5 * Math.sin(i * 2e-4)));
        }
        JumpRate yardstick = JumpRate.of(List.of(noise), SR);
        // 0.5 % of 172.27 frames per second, give or take the tie at the percentile.
        assertThat(yardstick.ownRate()).isCloseTo(0.005 * SR / 256.0, offset(0.1));
        assertThat(yardstick.rate(List.of(noise))).isCloseTo(yardstick.ownRate(), offset(0.1));
    }

    @Test
    void clicksAreJumpsWhereASteadySoundHasFew() {
        Random random = new Random(5);
        float[] steady = new float[4 * SR];
        for (int i = 0; i < steady.length; i++) {
            steady[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / SR) + 0.005 * random.nextGaussian());
        }
        JumpRate yardstick = JumpRate.of(List.of(steady), SR);
        float[] again = new float[4 * SR];
        for (int i = 0; i < again.length; i++) {
            again[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / SR) + 0.005 * random.nextGaussian());
        }
        float[] clicks = again.clone();
        for (int c = 1; c <= 6; c++) {
            clicks[c * SR / 2] += 0.9f;
        }
        double[] clickFlux = JumpRate.flux(clicks);
        // Flux value t - 1 compares frames t - 1 and t; frame t is centred on sample t * 256.
        for (int c = 1; c <= 6; c++) {
            assertThat(maxNear(clickFlux, c * SR / 2 / 256)).isGreaterThan(yardstick.threshold());
        }
        assertThat(yardstick.count(clicks)).isGreaterThanOrEqualTo(yardstick.count(again) + 6);
        assertThat(yardstick.rate(List.of(again))).isLessThan(4 * yardstick.ownRate());
    }

    private static double maxNear(double[] flux, int frame) {
        double max = 0;
        for (int t = Math.max(0, frame - 4); t <= Math.min(flux.length - 1, frame + 4); t++) {
            max = Math.max(max, flux[t]);
        }
        return max;
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] v = {5, 1, 4, 2, 3};
        assertThat(JumpRate.percentile(v, 50)).isEqualTo(3.0);
        assertThat(JumpRate.percentile(v, 99.5)).isCloseTo(4.98, offset(1e-12));
        assertThat(JumpRate.percentile(v, 0)).isEqualTo(1.0);
    }
}
