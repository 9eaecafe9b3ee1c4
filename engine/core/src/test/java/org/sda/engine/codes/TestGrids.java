package org.sda.engine.codes;

import java.util.SplittableRandom;

/** Grids for tests, without a model: an identity, a timing and random codes. */
final class TestGrids {

    static final GridTiming TIMING = new GridTiming(44100, 256, 2);

    private TestGrids() {
    }

    static ModelIdentity model(String hash) {
        return new ModelIdentity("test", "sha256:" + hash, 3, 64);
    }

    /** Samples that make exactly {@code frames} code frames. */
    static int samplesFor(int frames) {
        return (frames * TIMING.downsample() - 1) * TIMING.hop();
    }

    static CodeGrid random(int frames, long seed) {
        return random(model("aa"), frames, seed);
    }

    static CodeGrid random(ModelIdentity model, int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] codes = new int[model.levels()][frames];
        for (int[] row : codes) {
            for (int t = 0; t < frames; t++) {
                row[t] = random.nextInt(model.codebookSize());
            }
        }
        return CodeGrid.of(model, LevelLabels.defaults(model.levels()), TIMING, samplesFor(frames), -2.5, codes,
                null, null);
    }
}
