package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GriffinLimTest {

    private static final int SR = 22050;
    private static final StftConfig CONFIG = StftConfig.defaults();

    private static float[] vibratoTone() {
        return TestSignals.harmonicWithVibrato(SR, SR, 220, 0.5, 5.5);
    }

    @ParameterizedTest
    @EnumSource(GriffinLim.InitialPhase.class)
    void thirtyTwoIterationsReachGoodConvergenceFromEveryStart(GriffinLim.InitialPhase init) {
        float[] x = vibratoTone();
        Stft stft = new Stft(CONFIG);
        float[][] magnitude = stft.magnitude(x);
        GriffinLim gl = new GriffinLim(CONFIG, 32, 0.99, init, 42);

        double before = SpectralConvergence.db(magnitude, stft.magnitude(
                gl.withIterations(0).reconstruct(magnitude, x.length)));
        double after = SpectralConvergence.db(magnitude, stft.magnitude(gl.reconstruct(magnitude, x.length)));

        assertThat(after).isLessThan(-15.0).isLessThan(before - 3.0);
    }

    @Test
    void trueMagnitudeAndTruePhaseAreAFixedPoint() {
        float[] x = vibratoTone();
        Stft stft = new Stft(CONFIG);
        ComplexSpectrogram spec = stft.forward(x);
        GriffinLim gl = new GriffinLim(CONFIG, 5, 0.99, GriffinLim.InitialPhase.ZEROS, 1);

        float[] y = gl.reconstruct(spec.magnitude(), spec.phase(), x.length);

        float peak = TestSignals.peak(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isCloseTo(x[i], within(1e-3f * peak));
        }
    }

    @Test
    void pghiAloneRecoversMostOfAVibratoTone() {
        float[] x = vibratoTone();
        Stft stft = new Stft(CONFIG);
        float[][] magnitude = stft.magnitude(x);
        float[] pghiOnly = new GriffinLim(CONFIG, 0, 0.99, GriffinLim.InitialPhase.PGHI, 3)
                .reconstruct(magnitude, x.length);
        float[] zeroOnly = new GriffinLim(CONFIG, 0, 0.99, GriffinLim.InitialPhase.ZEROS, 3)
                .reconstruct(magnitude, x.length);

        double pghi = SpectralConvergence.db(magnitude, stft.magnitude(pghiOnly));
        double zero = SpectralConvergence.db(magnitude, stft.magnitude(zeroOnly));
        // Integrating the phase gradient must beat a constant phase by a wide margin before any
        // iteration; a sign error in either gradient throws this away.
        assertThat(pghi).isLessThan(-10.0).isLessThan(zero - 8.0);
    }

    @Test
    void pghiFindsThePhaseAdvanceOfAStationarySine() {
        int bin = 50;
        double hz = bin * (double) SR / CONFIG.nFft();
        float[] x = TestSignals.sine(SR, hz, 0.5, 0.0, SR);
        Stft stft = new Stft(CONFIG);
        ComplexSpectrogram spec = stft.forward(x);
        float[][] estimate = new PghiPhase(CONFIG).estimate(spec.magnitude());
        // Phase is only defined up to a constant: compare frame-to-frame differences.
        for (int t = 10; t < 20; t++) {
            double trueStep = spec.arg(t + 1, bin) - spec.arg(t, bin);
            double estimatedStep = estimate[t + 1][bin] - estimate[t][bin];
            assertThat(Math.IEEEremainder(estimatedStep - trueStep, 2 * Math.PI)).isCloseTo(0.0, within(1e-2));
            // And across the main lobe, the (-1)^k frame-start convention.
            double trueAcross = spec.arg(t, bin + 1) - spec.arg(t, bin);
            double estimatedAcross = estimate[t][bin + 1] - estimate[t][bin];
            assertThat(Math.IEEEremainder(estimatedAcross - trueAcross, 2 * Math.PI)).isCloseTo(0.0, within(0.1));
        }
    }

    @Test
    void spectralConvergenceIsMinusInfinityForIdenticalAndZeroForSilence() {
        float[][] ref = {{1f, 2f}, {3f, 4f}};
        assertThat(SpectralConvergence.db(ref, ref)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(SpectralConvergence.db(ref, new float[2][2])).isCloseTo(0.0, within(1e-12));
        float[][] half = {{0.5f, 1f}, {1.5f, 2f}};
        assertThat(SpectralConvergence.db(ref, half)).isCloseTo(20 * Math.log10(0.5), within(1e-9));
    }

    @Test
    void rejectsALengthThatDoesNotMatchTheFrames() {
        float[][] magnitude = new float[10][513];
        GriffinLim gl = new GriffinLim(CONFIG);
        assertThatThrownBy(() -> gl.reconstruct(magnitude, 256 * 20)).isInstanceOf(IllegalArgumentException.class);
        assertThat(gl.reconstruct(magnitude, 9 * 256)).hasSize(9 * 256);
    }
}
