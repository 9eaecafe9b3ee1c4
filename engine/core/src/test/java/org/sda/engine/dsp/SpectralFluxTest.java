package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpectralFluxTest {

    private static final StftConfig CONFIG = StftConfig.defaults();

    private static float[] sine(int length, double freq, double phase) {
        float[] s = new float[length];
        for (int i = 0; i < length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * freq * i / 44100 + phase));
        }
        return s;
    }

    @Test
    void aClickStandsOutFromASteadyTone() {
        float[] tone = sine(44100, 440, 0);
        int click = 22050;
        tone[click] += 0.9f;
        SpectralFlux.SeamReport report = SpectralFlux.seams(tone, CONFIG, new int[] {click});
        assertThat(report.atJoins()[0]).isGreaterThan(10 * report.insideQuantile(0.99));
        assertThat(report.insideRank(report.atJoins()[0])).isEqualTo(1.0);
    }

    @Test
    void aPhaseContinuousJoinDoesNot() {
        float[] tone = sine(44100, 440, 0);
        SpectralFlux.SeamReport report = SpectralFlux.seams(tone, CONFIG, new int[] {22050});
        assertThat(report.atJoins()[0]).isLessThanOrEqualTo(report.insideQuantile(1.0) * 1.5 + 1e-3);
    }

    @Test
    void fluxDoesNotDependOnLevel() {
        float[] loud = sine(8192, 1000, 0);
        loud[4000] += 0.5f;
        float[] quiet = loud.clone();
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] *= 0.01f;
        }
        double[] a = SpectralFlux.of(loud, CONFIG);
        double[] b = SpectralFlux.of(quiet, CONFIG);
        for (int t = 0; t < a.length; t++) {
            assertThat(b[t]).isCloseTo(a[t], org.assertj.core.data.Offset.offset(1e-3));
        }
    }
}
