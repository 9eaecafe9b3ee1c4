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
        if (!(maxSemitones > 0 && maxSemitones <= 12)) {
            throw new IllegalArgumentException("pitch shift must be in (0, 12] semitones: " + maxSemitones);
        }
        return (audio, random) -> {
            double semitones = (random.nextDouble() * 2 - 1) * maxSemitones;
            int playedAs = (int) Math.round(sampleRate / Math.pow(2, semitones / 12));
            if (playedAs == sampleRate) {
                return audio.clone();
            }
            return Resampler.resample(audio, sampleRate, playedAs);
        };
    }

    /**
     * The default chain for small data: pitch, gain, polarity, shift, mute, then a crop to
     * {@code cropLength}. Probabilities are starting values for the trainer to tune.
     */
    public static Augmentation smallDataDefault(int sampleRate, int cropLength) {
        return pitchShift(1.0, sampleRate).sometimes(0.3)
                .then(gain(-6, 3).sometimes(0.8))
                .then(polarity().sometimes(0.5))
                .then(timeShift(sampleRate / 50).sometimes(0.5))
                .then(mute(0.1, sampleRate).sometimes(0.1))
                .then(randomCrop(cropLength));
    }

    private static void requirePositive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }
}
