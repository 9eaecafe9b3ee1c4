package org.sda.engine.generate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much of a generated code sequence is copied from the training codes: the share of its
 * n-grams of code frames (n consecutive frames, every level) that occur verbatim somewhere in the
 * training sounds' codes. An n-gram never spans two training sounds. 8 frames is about 93 ms at
 * 44.1 kHz with hop 256 and downsample 2.
 *
 * <p>Immutable after construction; {@link #rate} may be called from several threads.
 */
public final class CopyRate {

    public static final int DEFAULT_N = 8;

    private final int n;
    private final int levels;
    private final Set<Gram> grams = new HashSet<>();

    /** @param training code grids {@code [levels][T']}, one per sound */
    public CopyRate(List<long[][]> training, int n) {
        if (n < 1 || training.isEmpty()) {
            throw new IllegalArgumentException("need n ≥ 1 and at least one training sound");
        }
        this.n = n;
        this.levels = training.get(0).length;
        for (long[][] codes : training) {
            long[] frames = frameKeys(codes);
            for (int t = 0; t + n <= frames.length; t++) {
                grams.add(new Gram(Arrays.copyOfRange(frames, t, t + n)));
            }
        }
    }

    public int n() {
        return n;
    }

    /** Distinct training n-grams. */
    public int trainingGrams() {
        return grams.size();
    }

    /** Share (0..1) of {@code codes}' n-grams found in the training codes; NaN if it has fewer than n frames. */
    public double rate(long[][] codes) {
        long[] frames = frameKeys(codes);
        int total = 0;
        int copied = 0;
        for (int t = 0; t + n <= frames.length; t++) {
            total++;
            if (grams.contains(new Gram(Arrays.copyOfRange(frames, t, t + n)))) {
                copied++;
            }
        }
        return total == 0 ? Double.NaN : (double) copied / total;
    }

    /** Share (0..1) of distinct n-grams among all n-grams of the given sounds: 1 when nothing repeats. */
    public static double distinctShare(List<long[][]> sounds, int n) {
        Set<Gram> seen = new HashSet<>();
        int total = 0;
        for (long[][] codes : sounds) {
            long[] frames = frameKeys(codes);
            for (int t = 0; t + n <= frames.length; t++) {
                total++;
                seen.add(new Gram(Arrays.copyOfRange(frames, t, t + n)));
            }
        }
        return total == 0 ? Double.NaN : (double) seen.size() / total;
    }

    /** Each frame's codes packed into one long (16 bits per level, up to 4 levels). */
    private static long[] frameKeys(long[][] codes) {
        if (codes.length == 0 || codes.length > 4) {
            throw new IllegalArgumentException("codes must have 1 to 4 levels, not " + codes.length);
        }
        long[] keys = new long[codes[0].length];
        for (int t = 0; t < keys.length; t++) {
            long key = 0;
            for (long[] level : codes) {
                key = (key << 16) | (level[t] & 0xFFFF);
            }
            keys[t] = key;
        }
        return keys;
    }

    private record Gram(long[] frames) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Gram g && Arrays.equals(frames, g.frames);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(frames);
        }

        @Override
        public String toString() {
            return Arrays.toString(frames);
        }
    }
}
