package org.sda.engine.instrument;

import java.util.Map;
import java.util.Objects;
import org.sda.engine.generate.GenerationSettings;
import org.sda.engine.generate.Generator;
import org.sda.engine.inference.InferenceDevice;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

/**
 * The shipped {@link VariationSource}: new sounds sampled from the model's prior by the engine's
 * {@link Generator} (temperature, top-k, top-p and seed from the request; the same request gives
 * the same samples). A model without a prior cannot make sounds: opening it says how to train one.
 *
 * <p>Threads: the generator is opened with one decoding thread. The instrument's workers bound
 * how many variations are made at once; each one samples on its worker and decodes on that thread,
 * so generation takes at most two cores per worker, and the render thread keeps its own.
 */
final class GeneratedVariations implements VariationSource {

    /** Variations are as long as the training sounds were on average, within these bounds (seconds). */
    static final double MIN_SECONDS = 0.5;
    static final double MAX_SECONDS = 6.0;
    private static final double WITHOUT_DATASET_SECONDS = 2.0;

    private final Generator generator;
    private final String name;
    private final double seconds;
    private final SdaManifest.Analysis analysis;

    private GeneratedVariations(Generator generator, SdaManifest manifest) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.name = manifest.name();
        this.seconds = lengthFor(manifest);
        this.analysis = manifest.analysis();
    }

    /** {@link VariationSource.Opener} for models: the prior's sounds, or why there are none. */
    static GeneratedVariations open(SdaModel model) throws SourceUnavailableException {
        if (!model.hasPrior()) {
            throw new SourceUnavailableException(model.manifest().name() + " has no prior, so it cannot make new"
                    + " sounds: train one with `sda train-prior " + model.file() + "`");
        }
        try {
            return new GeneratedVariations(Generator.open(model, InferenceDevice.CPU, 1), model.manifest());
        } catch (ModelFileException e) {
            throw new SourceUnavailableException(e.getMessage());
        }
    }

    static double lengthFor(SdaManifest manifest) {
        SdaManifest.Dataset dataset = manifest.dataset();
        if (dataset == null || dataset.fileCount() <= 0 || !(dataset.totalSeconds() > 0)) {
            return WITHOUT_DATASET_SECONDS;
        }
        return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, dataset.totalSeconds() / dataset.fileCount()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sampleRate() {
        return generator.sampleRate();
    }

    @Override
    public double defaultSeconds() {
        return seconds;
    }

    @Override
    public float[] generate(VariationRequest request) {
        GenerationSettings settings = new GenerationSettings(request.seconds(), request.temperature(),
                request.topK(), request.topP(), request.seed());
        Map<String, Double> offsets = request.axisOffsets(analysis);
        return generator.generateOne(settings, 0, Generator.Listener.NONE, generator.decoderWith(offsets))
                .audio().samples();
    }

    @Override
    public void close() {
        generator.close();
    }
}
