package org.sda.engine.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * How new a prior's output is, from codes alone (no audio): code sequences sampled from the prior
 * are compared with the training codes ({@link CopyRate}) and with each other (the share of
 * distinct n-grams among them: diversity). Used by the trainer's memorisation warning and by
 * {@code sda bench generate}.
 */
public final class Novelty {

    /**
     * @param copyRate mean share of sampled n-grams found verbatim in the training codes
     * @param coarseCopyRate the same for the coarsest level alone (a stricter test: fine levels vary
     *     most, so whole frames rarely repeat exactly)
     * @param distinct share of distinct n-grams among all sampled ones (1: nothing repeats)
     * @param sequences how many sequences were sampled
     * @param frames code frames per sequence
     */
    public record Result(double temperature, double copyRate, double coarseCopyRate, double distinct, int sequences,
                         int frames) {
    }

    private Novelty() {
    }

    /**
     * Samples {@code sequences} sequences of {@code frames} code frames at {@code temperature}
     * (no top-k or top-p), seeds {@code seed, seed + 1, ...}.
     */
    public static Result measure(PriorRuntime prior, CopyRate training, double temperature, int sequences, int frames,
                                 long seed) {
        return measure(prior, training, null, temperature, sequences, frames, seed);
    }

    /** @param coarse an index of the training codes' first level alone, or null */
    public static Result measure(PriorRuntime prior, CopyRate training, CopyRate coarse, double temperature,
                                 int sequences, int frames, long seed) {
        return measure(prior, training, coarse, temperature, null, sequences, frames, seed);
    }

    /** @param continuity the penalty on the coarse level's leaps sampling applies, or null for none */
    public static Result measure(PriorRuntime prior, CopyRate training, CopyRate coarse, double temperature,
                                 CoarseContinuity continuity, int sequences, int frames, long seed) {
        CodeGenerator generator = new CodeGenerator(prior, -1, continuity);
        TokenLayout layout = prior.layout();
        double sum = 0;
        double coarseSum = 0;
        List<long[][]> all = new ArrayList<>();
        for (int i = 0; i < sequences; i++) {
            TokenSampler sampler = new TokenSampler(temperature, 0, 1.0, seed + i);
            int[] tokens = generator.generate(frames, sampler, CodeGenerator.FrameListener.NONE).tokens();
            long[][] codes = layout.grid(tokens, 0, frames);
            all.add(codes);
            sum += training.rate(codes);
            if (coarse != null) {
                coarseSum += coarse.rate(new long[][] {codes[0]});
            }
        }
        return new Result(temperature, sum / sequences, coarse == null ? Double.NaN : coarseSum / sequences,
                CopyRate.distinctShare(all, training.n()), sequences, frames);
    }
}
