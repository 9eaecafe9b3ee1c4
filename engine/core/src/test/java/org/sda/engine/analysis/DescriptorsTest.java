package org.sda.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sda.engine.dsp.StftConfig;

class DescriptorsTest {

    private static final int RATE = 44100;
    private final Descriptors descriptors = new Descriptors(RATE, new StftConfig(1024, 256), 2);

    private static float[] sine(double hz, double amplitude, double seconds) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    private static float[] noise(double amplitude, double seconds) {
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return x;
    }

    private double mean(float[] x, Descriptors.Kind kind) {
        return descriptors.means(x)[kind.ordinal()];
    }

    @Test
    void eachDescriptorMovesWithTheQualityItIsNamedFor() {
        assertThat(mean(sine(2000, 0.5, 1), Descriptors.Kind.BRIGHTNESS))
                .isGreaterThan(mean(sine(300, 0.5, 1), Descriptors.Kind.BRIGHTNESS) + 2); // more than 2 octaves
        assertThat(mean(sine(440, 0.5, 1), Descriptors.Kind.LOUDNESS))
                .isCloseTo(mean(sine(440, 0.05, 1), Descriptors.Kind.LOUDNESS) + 20, org.assertj.core.data.Offset.offset(0.5));
        assertThat(mean(noise(0.5, 1), Descriptors.Kind.NOISINESS))
                .isGreaterThan(mean(sine(440, 0.5, 1), Descriptors.Kind.NOISINESS) + 20);
        assertThat(mean(sine(440, 0.5, 1), Descriptors.Kind.PITCH)).isCloseTo(69, org.assertj.core.data.Offset.offset(0.1));
        assertThat(mean(sine(110, 0.5, 1), Descriptors.Kind.PITCH)).isCloseTo(45, org.assertj.core.data.Offset.offset(0.1));
        assertThat(mean(noise(0.5, 1), Descriptors.Kind.PITCH)).isNaN();
    }

    @Test
    void anOnsetIsAnAttackAndSilenceIsLeftOut() {
        float[] x = new float[RATE];
        float[] tone = sine(440, 0.5, 0.5);
        System.arraycopy(tone, 0, x, RATE / 2, tone.length);
        double[][] frames = descriptors.perFrame(x);
        int onset = (RATE / 2) / 512;
        double attack = 0;
        for (int t = onset - 2; t <= onset + 2; t++) {
            attack = Math.max(attack, frames[t][Descriptors.Kind.ATTACK.ordinal()]);
        }
        assertThat(attack).isGreaterThan(20);
        assertThat(Descriptors.sounding(frames[5])).isFalse();
        assertThat(frames[5][Descriptors.Kind.BRIGHTNESS.ordinal()]).isNaN();
        assertThat(Descriptors.sounding(frames[frames.length - 5])).isTrue();
        assertThat(frames[frames.length - 5][Descriptors.Kind.ATTACK.ordinal()]).isLessThan(1);
    }
}
