package org.sda.engine.dataset.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationsTest {

    private static final int RATE = 16000;

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(i * 0.05) * 0.5f;
        }
        return x;
    }

    private static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }

    @Test
    void noAugmentationWritesIntoItsInput() {
        float[] input = ramp(4000);
        float[] copy = input.clone();
        Augmentation everything = Augmentations.smallDataDefault(RATE, 2000);
        for (int seed = 0; seed < 20; seed++) {
            everything.apply(input, new SplittableRandom(seed));
        }
        assertThat(input).isEqualTo(copy);
    }

    @Test
    void theDefaultChainIsRepeatableForASeedAndAlwaysYieldsTheCropLength() {
        float[] input = ramp(4000);
        Augmentation chain = Augmentations.smallDataDefault(RATE, 3000);
        for (int seed = 0; seed < 20; seed++) {
            float[] a = chain.apply(input, new SplittableRandom(seed));
            float[] b = chain.apply(input, new SplittableRandom(seed));
            assertThat(a).hasSize(3000).isEqualTo(b);
        }
        assertThat(chain.apply(ramp(100), new SplittableRandom(1))).hasSize(3000);
    }

    @Test
    void randomCropTakesAContiguousWindow() {
        float[] input = new float[1000];
        for (int i = 0; i < input.length; i++) {
            input[i] = i;
        }
        float[] crop = Augmentations.randomCrop(100).apply(input, new SplittableRandom(3));
        for (int i = 1; i < crop.length; i++) {
            assertThat(crop[i] - crop[i - 1]).isEqualTo(1f);
        }
    }

    @Test
    void gainStaysInItsDecibelRange() {
        float[] input = ramp(2000);
        for (int seed = 0; seed < 50; seed++) {
            double db = 20 * Math.log10(rms(Augmentations.gain(-6, 3).apply(input, new SplittableRandom(seed)))
                    / rms(input));
            assertThat(db).isBetween(-6.0001, 3.0001);
        }
    }

    @Test
    void polarityNegatesAndTimeShiftMovesWithoutStretching() {
        float[] input = ramp(500);
        float[] flipped = Augmentations.polarity().apply(input, new SplittableRandom(1));
        for (int i = 0; i < input.length; i++) {
            assertThat(flipped[i]).isEqualTo(-input[i]);
        }
        float[] shifted = Augmentations.timeShift(50).apply(input, new SplittableRandom(5));
        assertThat(shifted).hasSize(500);
        int shift = -1;
        for (int s = -50; s <= 50 && shift < 0; s++) {
            boolean match = true;
            for (int i = 60; i < 440 && match; i++) {
                match = shifted[i] == input[i - s];
            }
            if (match) {
                shift = Math.abs(s);
            }
        }
        assertThat(shift).as("the shifted clip is the input moved by a whole number of samples").isBetween(0, 50);
    }

    @Test
    void muteSilencesAStretchAndKeepsTheRest() {
        float[] input = new float[8000];
        java.util.Arrays.fill(input, 0.5f);
        float[] muted = Augmentations.mute(0.5, RATE).apply(input, new SplittableRandom(11));
        long silent = 0;
        long untouched = 0;
        for (float v : muted) {
            silent += v == 0f ? 1 : 0;
            untouched += v == 0.5f ? 1 : 0;
        }
        assertThat(silent).isPositive().isLessThanOrEqualTo(4000);
        assertThat(untouched).isGreaterThanOrEqualTo(4000);
    }

    @Test
    void pitchShiftUpShortensTheClip() {
        float[] input = ramp(RATE);
        for (int seed = 0; seed < 10; seed++) {
            float[] out = Augmentations.pitchShift(2, RATE).apply(input, new SplittableRandom(seed));
            // ±2 semitones changes the length by at most 2^(2/12) ≈ 1.12.
            assertThat(out.length).isBetween((int) (RATE / 1.13), (int) (RATE * 1.13));
        }
    }

    @Test
    void pitchShiftOfALongClipResamplesAnExcerptAsLongAsACropNeeds() {
        float[] input = ramp(20 * RATE);
        int keep = RATE / 4;
        for (int seed = 0; seed < 10; seed++) {
            float[] out = Augmentations.pitchShift(1, RATE, keep).apply(input, new SplittableRandom(seed));
            if (out.length == input.length) {
                continue; // the draw was no shift at all
            }
            assertThat(out.length).isBetween(keep, keep + 2);
            // The sine's level holds to both ends of the excerpt.
            double level = rms(input);
            assertThat(rms(Arrays.copyOfRange(out, 0, 64))).isCloseTo(level, offset(0.05));
            assertThat(rms(Arrays.copyOfRange(out, out.length - 64, out.length))).isCloseTo(level, offset(0.05));
        }
        // A clip shorter than the excerpt is shifted whole, as before.
        float[] shortOne = Augmentations.pitchShift(1, RATE, keep).apply(ramp(keep), new SplittableRandom(2));
        assertThat(shortOne.length).isBetween((int) (keep / 1.06), (int) (keep * 1.06) + 1);
    }

    @Test
    void badRangesAreRefused() {
        assertThatThrownBy(() -> Augmentations.gain(3, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Augmentations.randomCrop(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Augmentations.mute(1.5, RATE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Augmentation.identity().sometimes(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
