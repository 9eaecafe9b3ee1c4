package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelInverterTest {

    private static final int SR = 22050;

    private static float[][] musicLikeMagnitude() {
        float[] x = TestSignals.harmonicWithVibrato(SR / 2, SR, 196, 0.3, 4);
        float[] noise = TestSignals.sinePlusNoise(SR / 2, 3000, 0.05, 0.02, SR, 9);
        for (int i = 0; i < x.length; i++) {
            x[i] += noise[i];
        }
        return new Stft(StftConfig.defaults()).magnitude(x);
    }

    @Test
    void nnlsIsNonNegativeAndFitsTheMelSpectrumBetterThanTheClippedPseudoInverse() {
        MelFilterbank fb = new MelFilterbank(SR, 1024, 80);
        MelInverter inverter = new MelInverter(fb);
        float[][] magnitude = musicLikeMagnitude();
        float[][] mel = fb.apply(magnitude);

        float[][] nnls = inverter.invert(mel);
        float[][] clipped = inverter.clippedPseudoInverse(mel);

        double nnlsResidual = 0;
        double clippedResidual = 0;
        double melEnergy = 0;
        for (int t = 0; t < mel.length; t++) {
            for (float v : nnls[t]) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
            nnlsResidual += inverter.residual(nnls[t], mel[t]);
            clippedResidual += inverter.residual(clipped[t], mel[t]);
            for (float v : mel[t]) {
                melEnergy += (double) v * v;
            }
        }
        assertThat(nnlsResidual).isLessThan(0.1 * clippedResidual);
        // The true magnitude is a non-negative exact solution, so the optimum is zero residual:
        // the solver must get close to the true magnitude's mel projection.
        assertThat(Math.sqrt(nnlsResidual / melEnergy)).isLessThan(1e-2);
    }

    @Test
    void pseudoInverseReproducesAnyMelFrameInTheRangeOfTheFilterbank() {
        // W W+ m = m whenever m = W x: the Moore-Penrose condition W W+ W = W.
        MelFilterbank fb = new MelFilterbank(44100, 1024, 128);
        MelInverter inverter = new MelInverter(fb, 0);
        java.util.Random random = new java.util.Random(4);
        for (int trial = 0; trial < 5; trial++) {
            float[] x = new float[513];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) random.nextGaussian();
            }
            float[] m = new float[128];
            fb.applyFrame(x, m);
            float[] back = new float[513];
            inverter.unclippedPseudoInverse(m, back);
            float[] again = new float[128];
            fb.applyFrame(back, again);
            double err = 0;
            double norm = 0;
            for (int i = 0; i < 128; i++) {
                err += (again[i] - m[i]) * (again[i] - m[i]);
                norm += m[i] * m[i];
            }
            assertThat(Math.sqrt(err / norm)).isLessThan(1e-3);
        }
    }

    @Test
    void zeroIterationsGiveTheClippedPseudoInverse() {
        MelFilterbank fb = new MelFilterbank(SR, 1024, 80);
        float[][] mel = fb.apply(musicLikeMagnitude());
        float[][] clipped = new MelInverter(fb).clippedPseudoInverse(mel);
        float[][] none = new MelInverter(fb, 0).invert(mel);
        assertThat(none).isDeepEqualTo(clipped);
    }

    @Test
    void silenceInvertsToSilenceAndLogMelRoundTripsThroughTheFloor() {
        MelFilterbank fb = new MelFilterbank(SR, 512, 32);
        MelInverter inverter = new MelInverter(fb, 50);
        float[][] zeros = inverter.invert(new float[3][32]);
        for (float[] row : zeros) {
            for (float v : row) {
                assertThat(v).isEqualTo(0f);
            }
        }
        float[][] logMel = new float[2][32];
        java.util.Arrays.fill(logMel[0], (float) Math.log(LogMel.FLOOR));
        java.util.Arrays.fill(logMel[1], 0f);
        float[][] linear = inverter.invertLogMel(logMel);
        float[] projected = new float[32];
        fb.applyFrame(linear[1], projected);
        for (int i = 1; i < 32; i++) {
            if (fb.bandEnd(i) > fb.bandStart(i)) {
                assertThat(projected[i]).isCloseTo(1f, within(0.05f));
            }
        }
    }
}
