package org.sda.engine.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws a token from logits with temperature, top-k and top-p (nucleus) filtering, from its own
 * seeded generator, so the same seed and the same logits give the same tokens. The filters apply
 * in that order: temperature scales the logits, top-k keeps the K largest, top-p keeps the
 * smallest most-likely set whose probability reaches P; ties at a cut are kept in index order.
 * Temperature 0 takes the most likely token (the lowest index among equals).
 *
 * <p>Not thread-safe: one per sequence. It reuses its buffers, so it allocates only when the
 * number of candidates grows.
 */
public final class TokenSampler {

    private final double temperature;
    private final int topK;
    private final double topP;
    private final SplittableRandom random;
    private double[] probabilities = new double[0];
    private Integer[] order = new Integer[0];

    public TokenSampler(double temperature, int topK, double topP, long seed) {
        if (!(temperature >= 0) || topK < 0 || !(topP > 0) || topP > 1) {
            throw new IllegalArgumentException("bad sampling settings: temperature " + temperature + ", top-k " + topK
                    + ", top-p " + topP);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    public TokenSampler(GenerationSettings settings, long seed) {
        this(settings.temperature(), settings.topK(), settings.topP(), seed);
    }

    /**
     * Samples among {@code logits[from .. from + count - 1]}, leaving out the token at
     * {@code excluded} (relative to {@code from}; -1 for none).
     *
     * @return the chosen token, relative to {@code from}
     */
    public int sample(float[] logits, int from, int count, int excluded) {
        if (count < 1 || (count == 1 && excluded == 0)) {
            throw new IllegalArgumentException("nothing to sample from");
        }
        if (temperature == 0) {
            return argmax(logits, from, count, excluded);
        }
        if (probabilities.length < count) {
            probabilities = new double[count];
            order = new Integer[count];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            if (i != excluded) {
                max = Math.max(max, logits[from + i]);
            }
        }
        if (!Double.isFinite(max)) {
            throw new IllegalArgumentException("the prior's logits are not finite");
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            double p = i == excluded ? 0 : Math.exp((logits[from + i] - max) / temperature);
            probabilities[i] = p;
            total += p;
        }
        boolean filter = (topK > 0 && topK < count) || topP < 1;
        if (filter) {
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            double[] p = probabilities;
            Arrays.sort(order, 0, count, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
            int keep = topK > 0 ? Math.min(topK, count) : count;
            if (topP < 1) {
                double cumulative = 0;
                int nucleus = 0;
                while (nucleus < keep) {
                    cumulative += p[order[nucleus]] / total;
                    nucleus++;
                    if (cumulative >= topP) {
                        break;
                    }
                }
                keep = nucleus;
            }
            total = 0;
            for (int r = 0; r < count; r++) {
                int i = order[r];
                if (r >= keep) {
                    p[i] = 0;
                } else {
                    total += p[i];
                }
            }
        }
        double u = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < count; i++) {
            if (probabilities[i] > 0) {
                last = i;
                u -= probabilities[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left u a hair above 0: the last candidate
    }

    private static int argmax(float[] logits, int from, int count, int excluded) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (i != excluded && (best < 0 || logits[from + i] > logits[from + best])) {
                best = i;
            }
        }
        return best;
    }
}
