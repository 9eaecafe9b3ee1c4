package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

class CoarseContinuityTest {

    @TempDir
    Path dir;

    @Test
    void farCodesLoseMoreThanNearOnesAndTheStartTokenNothing() {
        // Three codes on a line at 0, 1 and 3: squared distances 1, 9 and 4, mean 14/3.
        float[][] codebook = {{0f}, {1f}, {3f}};
        CoarseContinuity c = CoarseContinuity.of(codebook, 2);
        float[] logits = {9f, 5f, 5f, 5f, 5f, 7f};
        c.apply(logits, 2, 0); // this level's logits start at 2; the codebook's 3, then the start token
        assertThat(logits[0]).isEqualTo(9f); // another sequence's or level's logits: untouched
        assertThat(logits[2]).isEqualTo(5f); // staying put costs nothing
        assertThat((double) logits[3]).isCloseTo(5 - 2 * 1 / (14.0 / 3), within(1e-5));
        assertThat((double) logits[4]).isCloseTo(5 - 2 * 9 / (14.0 / 3), within(1e-5));
        assertThat(logits[5]).isEqualTo(7f); // the start-of-sound token
    }

    @Test
    void strengthZeroOrNoPreviousCodeChangesNothing() {
        float[][] codebook = {{0f}, {1f}};
        float[] logits = {1f, 2f};
        CoarseContinuity.of(codebook, 0).apply(logits, 0, 1);
        CoarseContinuity.of(codebook, 3).apply(logits, 0, -1);
        assertThat(logits).containsExactly(1f, 2f);
        assertThatThrownBy(() -> CoarseContinuity.of(codebook, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoarseContinuity.of(codebook, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    /** On a real prior: a strong penalty makes the coarse level move between nearer codes. */
    @Test
    void aStrongPenaltyShortensTheCoarseLevelsLeaps() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        float[][] book = model.codebooks()[0];
        GenerationSettings settings = new GenerationSettings(3.0, 1.0, 0, 1.0, 11);
        double free;
        double held;
        try (Generator g = Generator.open(model)) {
            assertThat(g.continuity()).isZero();
            free = meanLeap(book, g.generateAll(settings, 4, Generator.Listener.NONE, g.decoder()));
            g.setContinuity(20);
            assertThat(g.continuity()).isEqualTo(20);
            held = meanLeap(book, g.generateAll(settings, 4, Generator.Listener.NONE, g.decoder()));
        }
        assertThat(free).isPositive();
        assertThat(held).isLessThan(free / 2);
    }

    /** A model calibrated with a continuity strength generates with it, without being told. */
    @Test
    void theCalibratedStrengthIsTheGeneratorsDefault() throws Exception {
        SdaModel plain = ToyPrior.model(dir.resolve("toy.sda"));
        SdaManifest m = plain.manifest();
        SdaManifest.Prior calibrated = m.prior().withSampling(new SdaManifest.Sampling(1.0, 6.0, "test",
                java.util.List.of()));
        SdaModel model = new SdaModel(plain.file(), "", new SdaManifest(m.formatVersion(), m.name(), m.tags(),
                m.created(), m.audio(), m.vq(), m.dataset(), m.training(), calibrated, m.analysis()), plain.entries());
        GenerationSettings settings = new GenerationSettings(1.0, 1.0, 0, 1.0, 5);
        long[][] byHand;
        long[][] plainCodes;
        try (Generator g = Generator.open(plain)) {
            plainCodes = g.generateOne(settings, 0, Generator.Listener.NONE, g.decoder()).codes();
            g.setContinuity(6);
            byHand = g.generateOne(settings, 0, Generator.Listener.NONE, g.decoder()).codes();
        }
        try (Generator g = Generator.open(model)) {
            assertThat(g.continuity()).isEqualTo(6);
            long[][] codes = g.generateOne(settings, 0, Generator.Listener.NONE, g.decoder()).codes();
            assertThat(codes).isEqualTo(byHand).isNotEqualTo(plainCodes);
        }
    }

    private static double meanLeap(float[][] book, java.util.List<Generator.Generated> sounds) {
        double sum = 0;
        int n = 0;
        for (Generator.Generated s : sounds) {
            long[] coarse = s.codes()[0];
            for (int t = 1; t < coarse.length; t++) {
                float[] a = book[(int) coarse[t - 1]];
                float[] b = book[(int) coarse[t]];
                double d = 0;
                for (int i = 0; i < a.length; i++) {
                    d += (a[i] - b[i]) * (a[i] - b[i]);
                }
                sum += d;
                n++;
            }
        }
        return sum / n;
    }
}
