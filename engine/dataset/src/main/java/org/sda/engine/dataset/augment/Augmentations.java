package org.sda.engine.dataset.augment;

import java.util.Arrays;
import org.sda.engine.audio.Resampler;

/** The augmentations the trainer composes; each factory validates its ranges. */
public final class Augmentations {

    private Augmentations() {
    }

    /**
     * A random window of {@code length} samples. Shorter clips are zero-padded at the end, so
     * every result has exactly {@code length} samples (what a training batch needs).
     */
    public static Augmentation randomCrop(int length) {
        requirePositive(length, "crop length");
        return (audio, random) -> {
            if (audio.length <= length) {
                return Arrays.copyOf(audio, length);
            }
            int start = random.nextInt(audio.length - length + 1);
            return Arrays.copyOfRange(audio, start, start + length);
        };
    }

    /** Scales by a gain drawn uniformly in decibels from [minDb, maxDb]. */
    public static Augmentation gain(double minDb, double maxDb) {
        if (!(minDb <= maxDb)) {
            throw new IllegalArgumentException("need minDb <= maxDb, got " + minDb + " and " + maxDb);
        }
        return (audio, random) -> {
            float factor = (float) Math.pow(10, (minDb + random.nextDouble() * (maxDb - minDb)) / 20);
            float[] out = new float[audio.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = audio[i] * factor;
            }
            return out;
        };
    }

    /**
     * Delays or advances the clip by up to {@code maxSamples}, filling with silence: onsets move
     * against the STFT frame grid, which keeps the model from learning the grid.
     */
    public static Augmentation timeShift(int maxSamples) {
        requirePositive(maxSamples, "maximum shift");
        return (audio, random) -> {
            int shift = random.nextInt(-maxSamples, maxSamples + 1);
            float[] out = new float[audio.length];
            if (shift >= 0) {
                System.arraycopy(audio, 0, out, Math.min(shift, out.length), Math.max(0, audio.length - shift));
            } else {
                System.arraycopy(audio, Math.min(-shift, audio.length), out, 0, Math.max(0, audio.length + shift));
            }
            return out;
        };
    }

    /**
     * Silences one random stretch of up to {@code maxFraction} of the clip, with 5 ms fades so the
     * cut itself adds no click the model would learn.
     */
    public static Augmentation mute(double maxFraction, int sampleRate) {
        if (!(maxFraction > 0 && maxFraction < 1)) {
            throw new IllegalArgumentException("mute fraction must be in (0, 1): " + maxFraction);
        }
        int fade = Math.max(1, sampleRate / 200);
        return (audio, random) -> {
            float[] out = audio.clone();
            int length = (int) (random.nextDouble() * maxFraction * audio.length);
            if (length == 0) {
                return out;
            }
            int start = random.nextInt(audio.length - length + 1);
            for (int i = 0; i < length; i++) {
                int fromEdge = Math.min(i, length - 1 - i);
                float keep = fromEdge >= fade ? 0f : 1f - (float) fromEdge / fade;
                out[start + i] *= keep;
            }
            return out;
        };
    }

    /** Inverts the waveform. Inaudible, but the encoder must not care about absolute polarity. */
    public static Augmentation polarity() {
        return (audio, random) -> {
            float[] out = new float[audio.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = -audio[i];
            }
            return out;
        };
    }

    /**
     * Shifts pitch by up to ±{@code maxSemitones} by resampling (varispeed, as a tape would):
     * duration changes with pitch. Cheap, and for one-shots the joint change is natural.
     */
    public static Augmentation pitchShift(double maxSemitones, int sampleRate) {
        return pitchShift(maxSemitones, sampleRate, Integer.MAX_VALUE);
    }

    /** Input samples resampled on each side of an excerpt and dropped after: the filter's ringing at the cut. */
    static final int EXCERPT_EDGE = 512;

    /**
     * {@link #pitchShift(double, int)} of a random excerpt that gives at least {@code keepSamples}
     * samples, when the clip is longer than that: what a crop of the result needs, at a fraction
     * of the cost of resampling a long clip whole (56 ms for a 10-s clip; training on ambi made 8.6
     * steps per second with whole clips and 12.8 with excerpts). The excerpt is resampled with
     * {@link #EXCERPT_EDGE} samples more on each side, which are dropped, so the filter's ringing at
     * the cut is not kept.
     */
    public static Augmentation pitchShift(double maxSemitones, int sampleRate, int keepSamples) {
        if (!(maxSemitones > 0 && maxSemitones <= 12)) {
            throw new IllegalArgumentException("pitch shift must be in (0, 12] semitones: " + maxSemitones);
        }
        requirePositive(keepSamples, "samples to keep");
        return (audio, random) -> {
            double semitones = (random.nextDouble() * 2 - 1) * maxSemitones;
            int playedAs = (int) Math.round(sampleRate / Math.pow(2, semitones / 12));
            if (playedAs == sampleRate) {
                return audio.clone();
            }
            long inner = (long) Math.ceil((double) keepSamples * sampleRate / playedAs);
            long excerpt = inner + 2L * EXCERPT_EDGE;
            if (excerpt >= audio.length) {
                return Resampler.resample(audio, sampleRate, playedAs);
            }
            int start = random.nextInt((int) (audio.length - excerpt) + 1);
            float[] shifted = Resampler.resample(Arrays.copyOfRange(audio, start, start + (int) excerpt),
                    sampleRate, playedAs);
            int edge = (int) Math.round((double) EXCERPT_EDGE * playedAs / sampleRate);
            return Arrays.copyOfRange(shifted, edge, Math.max(edge, shifted.length - edge));
        };
    }

    /**
     * The default chain for small data: pitch, gain, polarity, shift, mute, then a crop to
     * {@code cropLength}. Probabilities are starting values for the trainer to tune.
     */
    public static Augmentation smallDataDefault(int sampleRate, int cropLength) {
        int maxShift = sampleRate / 50;
        // A pitch-shifted crop comes from an excerpt with room for the time shift on both sides;
        // the mute then takes its fraction of that excerpt rather than of the whole clip.
        return pitchShift(1.0, sampleRate, cropLength + 2 * maxShift).sometimes(0.3)
                .then(gain(-6, 3).sometimes(0.8))
                .then(polarity().sometimes(0.5))
                .then(timeShift(maxShift).sometimes(0.5))
                .then(mute(0.1, sampleRate).sometimes(0.1))
                .then(randomCrop(cropLength));
    }

    private static void requirePositive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }
}
