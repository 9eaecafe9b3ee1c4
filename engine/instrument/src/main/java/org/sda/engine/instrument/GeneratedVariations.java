package org.sda.engine.instrument;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
 * <p>Opening the model's ONNX sessions takes most of a second on a cold JVM. {@link #openInBackground}
 * opens them on a thread of their own, so that variations already made (the cache, the prefilled
 * ones beside the demo model) play while they open; {@link #generate} waits for them, and a model
 * whose sessions cannot be opened fails every generation with the reason, naming the file.
 */
final class GeneratedVariations implements VariationSource {

    /** Variations are as long as the training sounds were on average, within these bounds (seconds). */
    static final double MIN_SECONDS = 0.5;
    static final double MAX_SECONDS = 6.0;
    private static final double WITHOUT_DATASET_SECONDS = 2.0;

    private final SdaModel model;
    private final FutureTask<Generator> opening;
    private final String name;
    private final int sampleRate;
    private final double seconds;
    private final SdaManifest.Analysis analysis;

    private GeneratedVariations(SdaModel model) {
        this.model = model;
        SdaManifest manifest = model.manifest();
        this.opening = new FutureTask<>(() -> Generator.open(model, InferenceDevice.CPU, 1));
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
        GeneratedVariations source = withPrior(model);
        source.opening.run();
        source.awaitOpen();
        return source;
    }

    /**
     * The same, but the sessions open on a thread of their own: returns at once for a model with a
     * prior. {@link #awaitOpen} waits for them and reports a failure; until then, {@link #generate}
     * waits.
     */
    static GeneratedVariations openInBackground(SdaModel model) throws SourceUnavailableException {
        GeneratedVariations source = withPrior(model);
        Thread t = new Thread(source.opening, "sda-open-" + source.name);
        t.setDaemon(true);
        t.start();
        return source;
    }

    private static GeneratedVariations withPrior(SdaModel model) throws SourceUnavailableException {
        if (!model.hasPrior()) {
            throw new SourceUnavailableException(model.manifest().name() + " has no prior, so it cannot make new"
                    + " sounds: train one with `sda train-prior " + model.file() + "`");
        }
        return new GeneratedVariations(model);
    }

    /**
     * Waits for the sessions.
     *
     * @throws SourceUnavailableException when they could not be opened; the message names the file
     */
    @Override
    public void awaitOpen() throws SourceUnavailableException {
        generator();
    }

    private Generator generator() throws SourceUnavailableException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return opening.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelFileException) {
                throw new SourceUnavailableException(cause.getMessage());
            }
            throw new SourceUnavailableException(model.file(), "could not be opened: " + cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
        // Sessions still opening are waited for (under a second), then closed.
        try {
            generator().close();
        } catch (SourceUnavailableException e) {
            // Nothing was opened.
        }
    }
}
