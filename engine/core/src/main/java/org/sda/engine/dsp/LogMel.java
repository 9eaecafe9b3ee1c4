package org.sda.engine.dsp;

import java.util.Objects;

/**
 * Log-mel features: {@code ln(max(M, 1e-5))} of a magnitude mel spectrogram {@code M}, and the
 * way back.
 *
 * <p>The mel spectrogram is taken from STFT <em>magnitudes</em> (power 1), the convention of
 * neural vocoders such as HiFi-GAN, not librosa's power-2 default. The floor {@link #FLOOR}
 * = 1e-5 keeps the logarithm finite in digital silence and bounds the range a model has to learn
 * at {@code ln(1e-5) = -11.51}. It sits far below audible content on the unnormalised FFT scale
 * used here (a full-scale sine has STFT magnitude {@code nFft / 4 = 256} at nFft 1024), so it
 * only affects silence and the lowest noise floor. Values at the floor cannot be inverted
 * exactly: {@link #toMel} returns the floor there.
 *
 * <p>An instance bundles an {@link Stft} and a {@link MelFilterbank} so that callers can go from a
 * signal to log-mel in one call; it is immutable and thread-safe.
 */
public final class LogMel {

    /** Smallest mel magnitude kept before the logarithm. */
    public static final float FLOOR = 1e-5f;

    private final Stft stft;
    private final MelFilterbank filterbank;

    public LogMel(StftConfig config, MelFilterbank filterbank) {
        this.stft = new Stft(Objects.requireNonNull(config, "config"));
        this.filterbank = Objects.requireNonNull(filterbank, "filterbank");
        if (filterbank.nFft() != config.nFft()) {
            throw new IllegalArgumentException("filterbank built for nFft " + filterbank.nFft()
                    + ", STFT uses " + config.nFft());
        }
    }

    /** Default STFT (1024 / 256) and a 128-band filterbank from 0 Hz to Nyquist at {@code sampleRate}. */
    public static LogMel defaults(int sampleRate) {
        StftConfig config = StftConfig.defaults();
        return new LogMel(config, new MelFilterbank(sampleRate, config.nFft()));
    }

    public Stft stft() {
        return stft;
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    /** {@code ln(max(mel(|STFT(signal)|), 1e-5))}, {@code [frames][nMels]}. */
    public float[][] logMel(float[] signal) {
        float[][] mel = filterbank.apply(stft.magnitude(signal));
        toLogInPlace(mel);
        return mel;
    }

    /** {@code ln(max(mel, 1e-5))} element-wise into a new {@code [frames][nMels]} matrix. */
    public static float[][] toLog(float[][] mel) {
        float[][] out = new float[mel.length][];
        for (int t = 0; t < mel.length; t++) {
            out[t] = mel[t].clone();
        }
        toLogInPlace(out);
        return out;
    }

    /** {@code ln(max(x, 1e-5))} element-wise, overwriting {@code mel}. */
    public static void toLogInPlace(float[][] mel) {
        for (float[] row : mel) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) Math.log(Math.max(row[i], FLOOR));
            }
        }
    }

    /** {@code exp(logMel)} element-wise into a new matrix: the mel magnitudes back. */
    public static float[][] toMel(float[][] logMel) {
        float[][] out = new float[logMel.length][];
        for (int t = 0; t < logMel.length; t++) {
            float[] row = logMel[t];
            float[] o = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                o[i] = (float) Math.exp(row[i]);
            }
            out[t] = o;
        }
        return out;
    }
}
