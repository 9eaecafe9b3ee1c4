package org.sda.engine.dataset;

import java.util.Locale;
import org.sda.engine.audio.Loudness;

/**
 * How a dataset is imported. Everything that changes the imported audio or features is part of
 * {@link #fingerprint()}, which keys the cache, so changing an option never serves stale data.
 *
 * @param modelSampleRate the rate the model works at (Hz)
 * @param nFft STFT size of the cached features
 * @param hop STFT hop of the cached features
 * @param melBands mel bands of the cached log-mel features
 * @param minSeconds files shorter than this are skipped
 * @param maxSeconds files longer than this are skipped, or cropped when {@code crop} is set
 * @param crop keep the first {@code maxSeconds} of long files instead of skipping them
 * @param silenceDbfs files whose peak is below this level are skipped as silent
 * @param normalizePeakDbfs peak level the model-rate audio is scaled to; NaN keeps the level
 * @param validationFraction share of usable files held out for validation
 * @param splitSeed changes which files are held out, deterministically
 */
public record ImportOptions(
        int modelSampleRate,
        int nFft,
        int hop,
        int melBands,
        double minSeconds,
        double maxSeconds,
        boolean crop,
        double silenceDbfs,
        double normalizePeakDbfs,
        double validationFraction,
        long splitSeed) {

    /** Bumped whenever the cached representation changes meaning. */
    static final int CACHE_FORMAT = 1;

    public ImportOptions {
        if (modelSampleRate < 8000 || modelSampleRate > 192000) {
            throw new IllegalArgumentException("model sample rate out of range: " + modelSampleRate);
        }
        if (nFft < 16 || Integer.bitCount(nFft) != 1 || hop <= 0 || hop > nFft) {
            throw new IllegalArgumentException("bad STFT settings: nFft " + nFft + ", hop " + hop);
        }
        if (melBands < 8 || melBands > nFft / 2) {
            throw new IllegalArgumentException("mel bands out of range: " + melBands);
        }
        if (!(minSeconds >= 0) || !(maxSeconds > minSeconds)) {
            throw new IllegalArgumentException("need 0 <= min seconds < max seconds, got " + minSeconds + " and "
                    + maxSeconds);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + validationFraction);
        }
    }

    /**
     * Model rate 44.1 kHz, STFT 1024/256, 128 mels, 0.06–30 s (0.06 s is about ten STFT frames, the
     * least the encoder can work with), silence below −60 dBFS, peak normalised to −1 dBFS.
     */
    public static ImportOptions defaults() {
        return new ImportOptions(44100, 1024, 256, 128, 0.06, 30.0, false, -60.0, Loudness.TRAINING_PEAK_DBFS, 0.15, 0L);
    }

    public ImportOptions withDurationLimits(double newMinSeconds, double newMaxSeconds, boolean newCrop) {
        return new ImportOptions(modelSampleRate, nFft, hop, melBands, newMinSeconds, newMaxSeconds, newCrop,
                silenceDbfs, normalizePeakDbfs, validationFraction, splitSeed);
    }

    public ImportOptions withModelSampleRate(int newRate) {
        return new ImportOptions(newRate, nFft, hop, melBands, minSeconds, maxSeconds, crop, silenceDbfs,
                normalizePeakDbfs, validationFraction, splitSeed);
    }

    public ImportOptions withSplit(double newValidationFraction, long newSplitSeed) {
        return new ImportOptions(modelSampleRate, nFft, hop, melBands, minSeconds, maxSeconds, crop, silenceDbfs,
                normalizePeakDbfs, newValidationFraction, newSplitSeed);
    }

    /** Identifies everything that shapes a cached entry (the split is not cached, so not included). */
    String fingerprint() {
        String key = String.format(Locale.ROOT, "v%d|sr%d|fft%d|hop%d|mel%d|min%.6f|max%.6f|crop%b|sil%.3f|norm%.3f",
                CACHE_FORMAT, modelSampleRate, nFft, hop, melBands, minSeconds, maxSeconds, crop, silenceDbfs,
                normalizePeakDbfs);
        return ContentHash.ofString(key).substring(0, 12);
    }
}
