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
     * @param distinct share of distinct n-grams among all sampled ones (1: nothing repeats)
     * @param sequences how many sequences were sampled
     * @param frames code frames per sequence
     */
    public record Result(double temperature, double copyRate, double distinct, int sequences, int frames) {
    }

    private Novelty() {
    }

    /**
     * Samples {@code sequences} sequences of {@code frames} code frames at {@code temperature}
     * (no top-k or top-p), seeds {@code seed, seed + 1, ...}.
     */
    public static Result measure(PriorRuntime prior, CopyRate training, double temperature, int sequences, int frames,
                                 long seed) {
        CodeGenerator generator = new CodeGenerator(prior);
        TokenLayout layout = prior.layout();
        double sum = 0;
        List<long[][]> all = new ArrayList<>();
        for (int i = 0; i < sequences; i++) {
            TokenSampler sampler = new TokenSampler(temperature, 0, 1.0, seed + i);
            int[] tokens = generator.generate(frames, sampler, CodeGenerator.FrameListener.NONE).tokens();
            long[][] codes = layout.grid(tokens, 0, frames);
            all.add(codes);
            sum += training.rate(codes);
        }
        return new Result(temperature, sum / sequences, CopyRate.distinctShare(all, training.n()), sequences, frames);
    }
}
