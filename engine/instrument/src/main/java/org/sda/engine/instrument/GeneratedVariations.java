package org.sda.engine.instrument;

import java.util.Map;
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
 *
 * <p>Opening the model's ONNX sessions takes most of a second on a cold JVM. {@link #openLazily}
 * leaves that to the first generation, so that variations already made (the cache, the prefilled
 * ones beside the demo model) play at once, without the sessions competing for the cores while
 * the first of them is read; a model whose sessions cannot be opened then fails every generation
 * with the reason, naming the file.
 */
final class GeneratedVariations implements VariationSource {

    /** Variations are as long as the training sounds were on average, within these bounds (seconds). */
    static final double MIN_SECONDS = 0.5;
    static final double MAX_SECONDS = 6.0;
    private static final double WITHOUT_DATASET_SECONDS = 2.0;

    private final SdaModel model;
    private final String name;
    private final int sampleRate;
    private final double seconds;
    private final SdaManifest.Analysis analysis;
    private final Object lock = new Object();
    // Under lock: the sessions once open, or why they could not be opened.
    private Generator generator;
    private Throwable failure;
    private boolean closed;

    private GeneratedVariations(SdaModel model) {
        this.model = model;
        SdaManifest manifest = model.manifest();
        this.name = manifest.name();
        // The decoder's rate is the manifest's (SdaModelFile checked it); known before the sessions open.
        this.sampleRate = manifest.audio().sampleRate();
        this.seconds = lengthFor(manifest);
        this.analysis = manifest.analysis();
    }

    /**
     * {@link VariationSource.Opener} for models: the prior's sounds, or why there are none. Returns
     * once the sessions are open.
     */
    static GeneratedVariations open(SdaModel model) throws SourceUnavailableException {
        GeneratedVariations source = openLazily(model);
        try {
            source.awaitOpen();
        } catch (SourceUnavailableException | RuntimeException | Error e) {
            source.close();
            throw e;
        }
        return source;
    }

    /**
     * The same, but the sessions open on the first {@link #generate} (or {@link #awaitOpen}), on
     * that caller's thread: returns at once for a model with a prior.
     */
    static GeneratedVariations openLazily(SdaModel model) throws SourceUnavailableException {
        if (!model.hasPrior()) {
            throw new SourceUnavailableException(model.manifest().name() + " has no prior, so it cannot make new"
                    + " sounds: train one with `sda train-prior " + model.file() + "`");
        }
        return new GeneratedVariations(model);
    }

    /**
     * Opens the sessions now if they are not open yet.
     *
     * @throws SourceUnavailableException when they cannot be opened (the message names the file),
     *     or the source was closed
     */
    @Override
    public void awaitOpen() throws SourceUnavailableException {
        generator();
    }

    private Generator generator() throws SourceUnavailableException {
        synchronized (lock) {
            if (closed) {
                throw new SourceUnavailableException(model.file(), "is closed");
            }
            if (generator == null && failure == null) {
                try {
                    generator = Generator.open(model, InferenceDevice.CPU, 1);
                } catch (ModelFileException | RuntimeException | LinkageError e) {
                    failure = e; // the model is in memory: it will not open on a later try either
                }
            }
            if (failure instanceof ModelFileException) {
                throw new SourceUnavailableException(failure.getMessage());
            }
            if (failure != null) {
                throw new SourceUnavailableException(model.file(), "could not be opened: " + failure);
            }
            return generator;
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
        return sampleRate;
    }

    @Override
    public double defaultSeconds() {
        return seconds;
    }

    @Override
    public float[] generate(VariationRequest request) throws SourceUnavailableException {
        Generator generator = generator();
        GenerationSettings settings = new GenerationSettings(request.seconds(), request.temperature(),
                request.topK(), request.topP(), request.seed());
        Map<String, Double> offsets = request.axisOffsets(analysis);
        return generator.generateOne(settings, 0, Generator.Listener.NONE, generator.decoderWith(offsets))
                .audio().samples();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (generator != null) {
                generator.close();
                generator = null;
            }
        }
    }
}
