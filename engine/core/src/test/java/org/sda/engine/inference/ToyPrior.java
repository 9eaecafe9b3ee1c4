package org.sda.engine.inference;

import static org.sda.engine.inference.TestOnnxWriter.FLOAT;
import static org.sda.engine.inference.TestOnnxWriter.INT64;
import static org.sda.engine.inference.TestOnnxWriter.integer;
import static org.sda.engine.inference.TestOnnxWriter.names;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.sda.engine.model.OnnxNames;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * A prior step graph for tests, with the interface of docs/MODEL-FORMAT.md but the simplest
 * content: a bigram table (the logits after a token depend on that token only) and a one-layer
 * "hidden state" cache passed through unchanged. Put into {@link ToyModel#standard()} it makes a
 * model that generates.
 */
public final class ToyPrior {

    /** Context of the toy prior, in frames: short, so generation crosses many windows. */
    public static final int CONTEXT_FRAMES = 12;
    static final int WIDTH = 4;

    private ToyPrior() {
    }

    /** {@code [vocabulary][vocabulary]} logits, seeded. */
    static float[] table(int vocabulary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] t = new float[vocabulary * vocabulary];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (random.nextGaussian() * 2);
        }
        return t;
    }

    public static byte[] graph(int vocabulary, long seed) {
        return new TestOnnxWriter("prior")
                .input(OnnxNames.TOKEN, INT64, "B", "S")
                .input(OnnxNames.past(OnnxNames.HIDDEN), FLOAT, 1, "B", WIDTH)
                .output(OnnxNames.LOGITS, FLOAT, "B", "S", vocabulary)
                .output(OnnxNames.present(OnnxNames.HIDDEN), FLOAT, 1, "B", WIDTH)
                .initializer("table", table(vocabulary, seed), vocabulary, vocabulary)
                .node("Gather", names("table", OnnxNames.TOKEN), names(OnnxNames.LOGITS), integer("axis", 0))
                .node("Identity", names(OnnxNames.past(OnnxNames.HIDDEN)), names(OnnxNames.present(OnnxNames.HIDDEN)))
                .toBytes();
    }

    public static SdaManifest.Prior manifestPrior(SdaManifest.Vq vq) {
        return manifestPrior(vq, SdaManifest.Prior.FLAT);
    }

    /** @param tokenOrder the manifest's {@code prior.tokenOrder} (any string, for testing refusals) */
    public static SdaManifest.Prior manifestPrior(SdaManifest.Vq vq, String tokenOrder) {
        return new SdaManifest.Prior(SdaManifest.Prior.GRU, tokenOrder, CONTEXT_FRAMES * vq.levels(),
                vq.codebookSize() + 1, 1, WIDTH, 0, null);
    }

    /** The standard toy model with this prior, written to {@code file} and read back. */
    public static SdaModel model(Path file) throws Exception {
        return model(file, SdaManifest.Prior.FLAT);
    }

    /** As {@link #model(Path)}, with the prior's token order named {@code tokenOrder}. */
    public static SdaModel model(Path file, String tokenOrder) throws Exception {
        ToyModel toy = ToyModel.standard();
        SdaManifest m = toy.manifest;
        SdaManifest.Prior prior = manifestPrior(m.vq(), tokenOrder);
        SdaManifest withPrior = new SdaManifest(m.formatVersion(), m.name(), m.tags(), m.created(), m.audio(), m.vq(),
                m.dataset(), m.training(), prior, m.analysis());
        Map<String, byte[]> entries = new java.util.HashMap<>(toy.entries());
        entries.put(SdaModel.PRIOR, graph(m.vq().levels() * (m.vq().codebookSize() + 1), 5));
        SdaModelFile.write(file, withPrior, entries);
        return SdaModelFile.read(file);
    }

    /** The standard toy model without a prior. */
    public static SdaModel withoutPrior(Path file) throws Exception {
        return ToyModel.standard().model(file);
    }
}
