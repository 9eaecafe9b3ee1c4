package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

class DecayGuideTest {

    /** Codes at 0, -10, -20 and -40 dB; an attack of one frame; frames of 10 ms (the floor falls 0.4 dB a frame). */
    private static final float[] LOUDNESS = {0f, -10f, -20f, -40f};

    @Test
    void afterTheAttackRisesAndCollapsesCostAndTheStartTokenNothing() {
        DecayGuide guide = DecayGuide.of(LOUDNESS, 6, 1, 0.01);
        DecayGuide.Track track = guide.track();
        float[] logits = {7f, 1f, 1f, 1f, 1f, 2f}; // another level's logit, the four codes, the start token
        track.apply(logits, 1);
        assertThat(logits).containsExactly(7f, 1f, 1f, 1f, 1f, 2f); // the attack rises freely

        track.chose(0); // the attack's peak: 0 dB
        track.apply(logits, 1);
        assertThat(logits[1]).isEqualTo(1f); // as loud as the peak: within the slack
        assertThat(logits[2]).isEqualTo(1f); // 10 dB down: at the floor
        assertThat((double) logits[3]).isCloseTo(1 - 6 * 10 / 6.0, within(1e-5)); // 10 dB under the floor
        assertThat((double) logits[4]).isCloseTo(1 - 6 * 30 / 6.0, within(1e-5));
        assertThat(logits[0]).isEqualTo(7f);
        assertThat(logits[5]).isEqualTo(2f);
        assertThat(track.mayEnd()).isFalse();

        track.chose(1); // down to -10 dB: a rise back to 0 dB is now 7 dB over the ceiling's slack
        float[] next = {0f, 0f, 0f, 0f};
        track.apply(next, 0);
        assertThat((double) next[0]).isCloseTo(-6 * 7 / 6.0, within(1e-5));
        assertThat(next[1]).isZero();
        assertThat((double) next[2]).isCloseTo(-6 * (20 - 10.4) / 6.0, within(1e-4)); // the floor fell 0.4 dB
        assertThat(track.mayEnd()).isFalse();

        track.chose(3); // 40 dB under the peak: the sound has decayed, and may end
        assertThat(track.mayEnd()).isTrue();
    }

    @Test
    void strengthZeroChangesNothingAndBadSettingsAreRefused() {
        DecayGuide.Track track = DecayGuide.of(LOUDNESS, 0, 1, 0.01).track();
        track.chose(0);
        track.chose(1);
        float[] logits = {1f, 1f, 1f, 1f};
        track.apply(logits, 0);
        assertThat(logits).containsExactly(1f, 1f, 1f, 1f);
        assertThat(track.mayEnd()).isTrue();
        assertThatThrownBy(() -> DecayGuide.of(LOUDNESS, -1, 1, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> DecayGuide.of(LOUDNESS, 101, 1, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> DecayGuide.of(LOUDNESS, Double.NaN, 1, 0.01))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecayGuide.of(LOUDNESS, 1, 0, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecayGuide.of(LOUDNESS, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The shipped demo model: a real trained prior and decoder. */
    private static final Path DEMO = Path.of("..", "..", "installers", "demo-model", "demo.sda");

    /**
     * On a real prior and decoder: one-shots generated with a strong guide never climb back
     * noticeably more than the slack over the quietest they have been since the attack, where the
     * prior alone does.
     */
    @Test
    void aStrongGuideKeepsOneShotsFromRisingAgain() throws Exception {
        SdaModel model = SdaModelFile.read(DEMO);
        float[] loudness;
        try (VqVaeRuntime vqvae = VqVaeRuntime.open(model)) {
            loudness = DecayGuide.coarseLoudness(vqvae);
        }
        assertThat(loudness).hasSize(model.manifest().vq().codebookSize());
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : loudness) {
            assertThat(v).isFinite();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertThat(hi - lo).as("the codes differ in loudness").isGreaterThan(3f);

        GenerationSettings settings = new GenerationSettings(1.0, 1.0, 0, 1.0, 3);
        int free;
        int guided;
        int attack;
        try (Generator g = Generator.open(model)) {
            assertThat(g.decay()).isEqualTo(DecayGuide.DEFAULT_STRENGTH);
            g.setOneShots(true);
            attack = (int) Math.ceil(Generator.ATTACK_SECONDS * g.sampleRate() / g.decoder().samplesPerFrame());
            g.setDecay(0);
            free = rises(loudness, attack, g.generateAll(settings, 8, Generator.Listener.NONE, g.decoder()));
            g.setDecay(100);
            guided = rises(loudness, attack, g.generateAll(settings, 8, Generator.Listener.NONE, g.decoder()));
            assertThatThrownBy(() -> g.setDecay(-2)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(free).isPositive();
        assertThat(guided).isZero();
    }

    /** Coarse codes, after the attack, louder than the quietest since by more than the slack and 1 dB. */
    private static int rises(float[] loudness, int attack, List<Generator.Generated> sounds) {
        int rises = 0;
        for (Generator.Generated s : sounds) {
            long[] coarse = s.codes()[0];
            double peak = Double.NEGATIVE_INFINITY;
            double ceiling = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < coarse.length; t++) {
                double level = loudness[(int) coarse[t]];
                if (t < attack) {
                    peak = Math.max(peak, level);
                    ceiling = peak;
                } else {
                    // 1 dB past the slack costs a strength of 100 about 17 logits: e^-17, never drawn.
                    rises += level > ceiling + DecayGuide.SLACK_DB + 1 ? 1 : 0;
                    ceiling = Math.min(ceiling, level);
                }
            }
        }
        return rises;
    }
}
