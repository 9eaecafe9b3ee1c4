package org.sda.trainer.prior;

import java.util.Locale;
import org.sda.engine.dataset.SizeClass;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.model.SdaManifest;

/**
 * The prior's shape and training settings. One base ({@link #forDataset}) with small overrides
 * ({@code with...}), not copies.
 *
 * @param architecture {@link SdaManifest.Prior#TRANSFORMER} or {@link SdaManifest.Prior#GRU}
 * @param layers transformer blocks or GRU layers
 * @param width transformer {@code d_model} or GRU hidden size
 * @param heads attention heads (transformer)
 * @param contextFrames code frames per training window; the context is {@code contextFrames * levels} tokens
 * @param dropout on attention weights and residual branches (transformer) or between layers and
 *     before the head (GRU)
 * @param labelSmoothing share of each target's probability spread over the level's other tokens
 * @param weightDecay AdamW decoupled weight decay on matrices
 * @param clipNorm global gradient norm limit
 * @param learningRate peak learning rate (linear warm-up, then cosine decay to 10 % over the budget)
 * @param batch windows per step
 */
public record PriorConfig(String architecture, int layers, int width, int heads, int contextFrames, float dropout,
                          float labelSmoothing, float weightDecay, float clipNorm, float learningRate, int batch) {

    /** Below this many training code frames (about 93 s of audio) a set is sized as small. */
    public static final long SMALL_FRAMES = 8_000;

    public PriorConfig {
        if (!architecture.equals(SdaManifest.Prior.TRANSFORMER) && !architecture.equals(SdaManifest.Prior.GRU)) {
            throw new IllegalArgumentException("architecture must be transformer or gru, not " + architecture);
        }
        if (layers < 1 || width < 8 || contextFrames < 2 || batch < 1
                || (architecture.equals(SdaManifest.Prior.TRANSFORMER) && (heads < 1 || width % heads != 0))) {
            throw new IllegalArgumentException("bad prior shape: " + this);
        }
    }

    /**
     * Defaults by the dataset's size class (measured: docs/BENCHMARKS.md, "Prior"): small sets get a
     * small transformer with more dropout, larger sets a wider and deeper one.
     */
    public static PriorConfig forDataset(SizeClass size, String architecture) {
        return forDataset(size, Long.MAX_VALUE, architecture);
    }

    /**
     * As {@link #forDataset(SizeClass, String)}, but a set with few code frames (short sounds: 26
     * tabla hits are 2,100 frames, 25 s) gets the small shape whatever its file count: what a prior
     * can learn depends on how many tokens it sees, not on how many files they came from.
     */
    public static PriorConfig forDataset(SizeClass files, long trainFrames, String architecture) {
        String a = architecture == null ? defaultArchitecture(files) : architecture;
        SizeClass size = shapeClass(files, trainFrames);
        boolean gru = a.equals(SdaManifest.Prior.GRU);
        // No label smoothing: with 0.1 the prior learned to put mass on every code, and sampling at
        // temperature 1 drew from that tail: the demo model's sounds jumped 8.7 times a second
        // against the set's own 0.87; retrained without it, 1.09 (docs/BENCHMARKS.md, issue 15).
        // Shapes are what a shared 2-core CPU trains in the budget: a 4 x 160 transformer with a
        // 128-frame context managed 37 steps in 8 minutes on the 165-sound set (13 s a step, with
        // the machine shared) and learned nothing; every class now trains 2 layers on 64 frames.
        return switch (size) {
            case TOO_FEW, SMALL -> gru ? new PriorConfig(a, 1, 192, 0, 64, 0.2f, 0f, 0.1f, 1f, 2e-3f, 16)
                    : new PriorConfig(a, 2, 96, 4, 64, 0.2f, 0f, 0.1f, 1f, 1e-3f, 16);
            case MEDIUM -> gru ? new PriorConfig(a, 1, 192, 0, 64, 0.1f, 0f, 0.1f, 1f, 2e-3f, 16)
                    : new PriorConfig(a, 2, 96, 4, 64, 0.1f, 0f, 0.1f, 1f, 1e-3f, 16);
            default -> gru ? new PriorConfig(a, 1, 256, 0, 64, 0.1f, 0f, 0.1f, 1f, 2e-3f, 16)
                    : new PriorConfig(a, 2, 128, 4, 64, 0.1f, 0f, 0.1f, 1f, 1e-3f, 16);
        };
    }

    /**
     * The architecture that served each size class best (docs/BENCHMARKS.md, "Prior"): on 11
     * ambient pads the GRU reached a validation perplexity of 22.4 where the transformer reached
     * 31.6 in the same budget, and it samples 2.6 times faster; on 26 tabla hits the transformer
     * won (29.3 against 35.5); on the 165-sound set, see there.
     */
    public static String defaultArchitecture(SizeClass files) {
        return files.ordinal() <= SizeClass.SMALL.ordinal() ? SdaManifest.Prior.GRU : SdaManifest.Prior.TRANSFORMER;
    }

    public PriorConfig withContextFrames(int frames) {
        return new PriorConfig(architecture, layers, width, heads, frames, dropout, labelSmoothing, weightDecay,
                clipNorm, learningRate, batch);
    }

    public PriorConfig withShape(int newLayers, int newWidth, int newHeads) {
        return new PriorConfig(architecture, newLayers, newWidth, newHeads, contextFrames, dropout, labelSmoothing,
                weightDecay, clipNorm, learningRate, batch);
    }

    public PriorConfig withDropout(float d) {
        return new PriorConfig(architecture, layers, width, heads, contextFrames, d, labelSmoothing, weightDecay,
                clipNorm, learningRate, batch);
    }

    public PriorConfig withBatch(int b) {
        return new PriorConfig(architecture, layers, width, heads, contextFrames, dropout, labelSmoothing, weightDecay,
                clipNorm, learningRate, b);
    }

    public boolean transformer() {
        return architecture.equals(SdaManifest.Prior.TRANSFORMER);
    }

    /** The token layout of this prior over {@code levels} levels of {@code codebookSize} codes, in {@code order}. */
    public TokenLayout layout(int levels, int codebookSize, TokenLayout.Order order) {
        return new TokenLayout(levels, codebookSize + 1, contextFrames * levels, order);
    }

    /** The size class a set is shaped as: its file count's, but small under {@link #SMALL_FRAMES} code frames. */
    static SizeClass shapeClass(SizeClass files, long trainFrames) {
        return trainFrames < SMALL_FRAMES && files.ordinal() > SizeClass.SMALL.ordinal() ? SizeClass.SMALL : files;
    }

    /**
     * The default token order ({@code prior.tokenOrder}), for every size class (docs/BENCHMARKS.md,
     * "Token order"). Flat, because the delay order was clearly better nowhere: worse in validation
     * perplexity on the small sets on every seed (11 ambient pads: 20.5 against 19.2, also farther
     * from the set in Fréchet distance; 26 tabla hits: 36.1 against 32.1, nearer in Fréchet
     * distance within the seeds' spread), and on the 165-sound set 7 % better in perplexity (19.9
     * against 21.6) while its generated sounds lay twice as far from the set (171 against 78).
     */
    public static final String DEFAULT_TOKEN_ORDER = SdaManifest.Prior.FLAT;

    public String describe() {
        return transformer()
                ? String.format(Locale.ROOT, "transformer, %d layers x %d wide, %d heads, context %d frames", layers,
                        width, heads, contextFrames)
                : String.format(Locale.ROOT, "GRU, %d layers x %d wide, context %d frames", layers, width,
                        contextFrames);
    }
}
