package org.sda.trainer.vqvae;

import java.util.ArrayList;
import java.util.List;
import org.sda.engine.model.SdaManifest;

/**
 * How well one quantiser level uses its codebook.
 *
 * @param level 0 = coarsest
 * @param utilisation share of codes used at least once in the counted frames, 0–1
 * @param perplexity {@code exp(entropy)} of the usage distribution: the effective number of codes
 * @param deadCodes codes whose EMA usage is below the dead-code threshold
 */
public record CodebookHealth(int level, double utilisation, double perplexity, int deadCodes) {

    /** Utilisation under which the trainer warns. */
    public static final double LOW_UTILISATION = 0.30;

    /** Health of one level from its usage counts and EMA usage. */
    public static CodebookHealth of(int level, long[] counts, float[] emaUsage, double deadThreshold) {
        long total = 0;
        int used = 0;
        for (long c : counts) {
            total += c;
            if (c > 0) {
                used++;
            }
        }
        double entropy = 0;
        if (total > 0) {
            for (long c : counts) {
                if (c > 0) {
                    double p = (double) c / total;
                    entropy -= p * Math.log(p);
                }
            }
        }
        int dead = 0;
        if (emaUsage != null) {
            for (float u : emaUsage) {
                if (u < deadThreshold) {
                    dead++;
                }
            }
        }
        return new CodebookHealth(level, (double) used / counts.length, total > 0 ? Math.exp(entropy) : 0, dead);
    }

    /** All levels. */
    public static List<CodebookHealth> of(long[][] counts, float[][] emaUsage, double deadThreshold) {
        List<CodebookHealth> out = new ArrayList<>();
        for (int l = 0; l < counts.length; l++) {
            out.add(of(l, counts[l], emaUsage == null ? null : emaUsage[l], deadThreshold));
        }
        return out;
    }

    public boolean low() {
        return utilisation < LOW_UTILISATION;
    }

    public SdaManifest.LevelHealth toManifest() {
        return new SdaManifest.LevelHealth(level, utilisation, perplexity, deadCodes);
    }
}
