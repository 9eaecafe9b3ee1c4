package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Mixdown;

/**
 * Mel inversion on a real recording at the model's settings (44.1 kHz, 1024/256, 128 bands),
 * where the lowest bands are narrower than an FFT bin and the Nyquist bin is barely covered.
 */
class MelInverterRealAudioTest {

    @Test
    void barelyCoveredBinsDoNotSoakUpEnergy() throws Exception {
        float[] x = Mixdown.toMono(AudioFiles.read(Path.of("..", "..", "installers", "demo-sounds", "ambi_choir.flac")))
                .samples();
        Stft stft = new Stft();
        MelFilterbank filterbank = new MelFilterbank(44100, 1024, 128);
        float[][] truth = stft.magnitude(x);
        float[][] estimate = new MelInverter(filterbank).invert(filterbank.apply(truth));

        // Regression: the Nyquist column, nearly zero in the filterbank, used to take values 1000x
        // the whole frame's energy, since any value there leaves the mel residual unchanged.
        double truthTotal = 0;
        double estimateTotal = 0;
        for (int t = 0; t < truth.length; t++) {
            for (int k = 0; k < truth[t].length; k++) {
                truthTotal += truth[t][k];
                estimateTotal += estimate[t][k];
            }
        }
        assertThat(estimateTotal / truthTotal).isBetween(0.8, 1.25);
        assertThat(SpectralConvergence.db(truth, estimate)).isLessThan(-20.0);
    }
}
