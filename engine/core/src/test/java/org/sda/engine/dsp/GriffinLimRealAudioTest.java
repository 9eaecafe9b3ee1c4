package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Mixdown;

/**
 * Phase reconstruction on real recordings: the bundled CC0 ambient clips, 44.1 kHz, mixed to mono.
 * The bound is the foundation's acceptance figure; the measured values are about −28 to −33 dB.
 */
class GriffinLimRealAudioTest {

    private static final Path DEMO_SOUNDS = Path.of("..", "..", "installers", "demo-sounds");

    private static float[] clip(String name) throws Exception {
        return Mixdown.toMono(AudioFiles.read(DEMO_SOUNDS.resolve(name))).samples();
    }

    private static double convergenceDb(GriffinLim griffinLim, float[] x) {
        Stft stft = new Stft();
        float[][] magnitude = stft.magnitude(x);
        int length = (magnitude.length - 1) * StftConfig.DEFAULT_HOP;
        float[] y = griffinLim.reconstruct(magnitude, length);
        return SpectralConvergence.db(magnitude, stft.magnitude(y));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ambi_choir.flac", "ambi_drone.flac", "ambi_glass_rub.flac"})
    void fastGriffinLimFromTheTrueMagnitudeReachesMinus15DbIn32Iterations(String name) throws Exception {
        GriffinLim griffinLim = new GriffinLim(StftConfig.defaults()).withIterations(GriffinLim.CEILING_ITERATIONS);
        assertThat(griffinLim.iterations()).isEqualTo(32);
        assertThat(convergenceDb(griffinLim, clip(name))).isLessThan(-15.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ambi_choir.flac", "ambi_drone.flac"})
    void aPghiStartBeatsAZeroPhaseStart(String name) throws Exception {
        float[] x = clip(name);
        GriffinLim pghi = new GriffinLim(StftConfig.defaults()).withInitialPhase(GriffinLim.InitialPhase.PGHI);
        GriffinLim zeros = pghi.withInitialPhase(GriffinLim.InitialPhase.ZEROS);
        assertThat(convergenceDb(pghi, x)).isLessThan(convergenceDb(zeros, x) - 3.0);
    }
}
