package org.sda.trainer.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.trainer.prior.PriorConfig;
import org.sda.trainer.prior.PriorNetwork;

/**
 * Adds a prior to a model: the manifest's {@code prior} record and the {@code prior.onnx} entry.
 * Every other entry (the RVQ-VAE's graphs and codebooks) is copied byte for byte; the write is
 * atomic, so the file holds the old model or the new one whole.
 */
public final class PriorModelWriter {

    private PriorModelWriter() {
    }

    /** The manifest record describing {@code network}. */
    public static SdaManifest.Prior describe(PriorNetwork network, SdaManifest.PriorTraining training) {
        PriorConfig c = network.config();
        return new SdaManifest.Prior(c.architecture(), network.layout().order().manifestName(),
                network.layout().contextTokens(),
                network.layout().tokensPerLevel(), c.layers(), c.width(), c.transformer() ? c.heads() : 0, training);
    }

    /** {@code model} with the prior in it, in memory ({@code file} stays the model's). */
    public static SdaModel withPrior(SdaModel model, SdaManifest.Prior prior, byte[] onnx) {
        SdaManifest m = model.manifest();
        SdaManifest manifest = new SdaManifest(m.formatVersion(), m.name(), m.tags(), m.created(), m.audio(), m.vq(),
                m.dataset(), m.training(), prior, m.analysis());
        Map<String, byte[]> entries = new HashMap<>(model.entries());
        entries.put(SdaModel.PRIOR, onnx);
        return new SdaModel(model.file(), "", manifest, entries);
    }

    /** Writes {@code model} (as {@link #withPrior} made it) to {@code file}, atomically. */
    public static void write(Path file, SdaModel model) throws IOException {
        Map<String, byte[]> entries = new HashMap<>(model.entries());
        entries.remove(SdaModel.MANIFEST);
        SdaModelFile.write(file, model.manifest(), entries);
    }
}
