package org.sda.trainer.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sda.engine.analysis.LatentAnalyzer;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.DatasetImporter;
import org.sda.engine.dataset.FeatureCache;
import org.sda.engine.dataset.ImportListener;
import org.sda.engine.dataset.ImportOptions;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.dataset.SizeClass;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.generate.CoarseContinuity;
import org.sda.engine.generate.CopyRate;
import org.sda.engine.generate.Novelty;
import org.sda.engine.generate.PriorRuntime;
import org.sda.engine.generate.SamplingCalibration;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.inference.DetailMemory;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.engine.training.Stage;
import org.sda.engine.training.StopReason;
import org.sda.engine.training.TrainingEvent;
import org.sda.engine.training.TrainingSink;
import org.sda.trainer.data.Batch;
import org.sda.trainer.data.CropSampler;
import org.sda.trainer.export.ModelExporter;
import org.sda.trainer.export.PriorExporter;
import org.sda.trainer.export.PriorModelWriter;
import org.sda.trainer.prior.CodeCorpus;
import org.sda.trainer.prior.PriorConfig;
import org.sda.trainer.prior.PriorTrainer;
import org.sda.trainer.vqvae.Checkpoint;
import org.sda.trainer.vqvae.CodebookHealth;
import org.sda.trainer.vqvae.ReconstructionCheck;
import org.sda.trainer.vqvae.TrainingOptions;
import org.sda.trainer.vqvae.VqVaeConfig;
import org.sda.trainer.vqvae.VqVaeTrainer;

/**
 * One training run: imports the sounds, trains the RVQ-VAE and writes the model
 * ({@link #trainVqVae}), then trains its prior on the frozen codes and stores it in the same file
 * ({@link #trainPrior}). Everything it has to say goes to the sink as {@link TrainingEvent}s, the
 * lines a person reads as {@link TrainingEvent.Info}; a failure is thrown (its message names the
 * file and the problem) for the caller to report.
 *
 * <p>Threads: one run at a time, on the caller's thread; {@link #requestStop} from any thread
 * stops the stage that is running after its current step (the RVQ-VAE with a checkpoint).
 */
public final class TrainingRun {

    /** Copy rate above which the prior is said to replay its training sounds. */
    public static final double COPY_RATE_WARNING = 0.5;
    /** Validation perplexity below which the prior is said to be near-deterministic. */
    public static final double PERPLEXITY_WARNING = 1.5;

    /** What the RVQ-VAE stage produced: the model (null unless written), how training went. */
    public record VqVaeResult(Path model, VqVaeTrainer.Result training, ReconstructionCheck.Result evaluation) {
        public boolean interrupted() {
            return training != null && training.stoppedBecause() == StopReason.INTERRUPTED;
        }
    }

    /** What the prior stage produced: the model written (null unless written), how it went. */
    public record PriorResult(Path model, PriorTrainer.Result training, double copyRate) {
        public boolean interrupted() {
            return training != null && training.stoppedBecause() == StopReason.INTERRUPTED;
        }
    }

    private final TrainingSink sink;
    private volatile VqVaeTrainer runningVqVae;
    private volatile PriorTrainer runningPrior;
    private volatile boolean stopRequested;

    public TrainingRun(TrainingSink sink) {
        this.sink = sink;
    }

    /** Asks the running stage to stop after its current step; the RVQ-VAE writes a checkpoint first. */
    public void requestStop() {
        stopRequested = true;
        PriorTrainer prior = runningPrior;
        if (prior != null) {
            prior.requestStop();
        }
        VqVaeTrainer vqvae = runningVqVae;
        if (vqvae != null) {
            vqvae.requestStop();
        }
    }

    /** Waits (bounded) for a stopping RVQ-VAE stage to have written its checkpoint. */
    public void awaitStopped(long millis) throws InterruptedException {
        VqVaeTrainer vqvae = runningVqVae;
        if (vqvae != null) {
            vqvae.awaitFinished(millis);
        }
    }

    /** Trains the RVQ-VAE and writes the model (with its musical controls); no prior. */
    public VqVaeResult trainVqVae(VqVaeRequest request) throws Exception {
        Path checkpointFile = request.checkpoint();
        if (request.resume() && !Files.isRegularFile(checkpointFile)) {
            throw new IllegalArgumentException("nothing to resume: " + checkpointFile + " does not exist");
        }
        ImportOptions importOptions = ImportOptions.defaults();
        Dataset dataset = importDataset(request.inputs(), request.noCache(), importOptions);
        Dataset.Summary summary = dataset.summary();
        if (dataset.train().isEmpty()) {
            StringBuilder reasons = new StringBuilder();
            dataset.reports().stream().filter(r -> !r.usable()).limit(10).forEach(r -> reasons.append("\n  ")
                    .append(r.file()).append(": ").append(r.verdict().label())
                    .append(r.detail().isEmpty() ? "" : " – " + r.detail()));
            throw new IllegalArgumentException("no usable sounds in the dataset (" + summary.filesFound()
                    + " files found, " + summary.skipped() + " skipped; sda dataset inspect shows them all)" + reasons);
        }
        int k = request.codebookSize() != null ? request.codebookSize() : summary.suggestedCodebookSize();
        TrainingOptions options = request.options(Double.isNaN(request.maxMinutes())
                ? TrainingBudget.vqVaeMinutes(summary.sizeClass()) : request.maxMinutes());
        VqVaeConfig config = request.config(k);
        Checkpoint checkpoint = null;
        if (request.resume()) {
            checkpoint = Checkpoint.read(checkpointFile);
            String saved = checkpoint.state().config().decoderOutput();
            if (!saved.equals(request.decoderOutput().manifestName())) {
                throw new IllegalArgumentException("cannot resume: " + checkpointFile + " was trained with"
                        + " --decoder-output " + saved + ", not " + request.decoderOutput().manifestName()
                        + " (resume with --decoder-output " + saved + ", or train afresh without --resume)");
            }
            config = checkpoint.state().config();
        }
        List<float[]> trainAudio = dataset.train().stream().map(ImportedClip::audio).toList();
        List<float[]> validationAudio = dataset.validation().stream().map(ImportedClip::audio).toList();
        StftConfig stft = new StftConfig(importOptions.nFft(), importOptions.hop());
        int frames = options.frames();
        CropSampler sampler = new CropSampler(trainAudio, importOptions.modelSampleRate(), stft,
                importOptions.melBands(), frames);
        CropSampler validationSampler = validationAudio.isEmpty() ? sampler
                : new CropSampler(validationAudio, importOptions.modelSampleRate(), stft, importOptions.melBands(),
                        frames);
        Batch validation = validationSampler.fixed(4);
        info("%d sounds (%d for validation), %.1f s; %d levels x %d codes of %d dims", summary.usable(),
                summary.validation(), summary.usableSeconds(), config.levels(), config.codebookSize(), config.codeDim());
        try (VqVaeTrainer trainer = new VqVaeTrainer(config, options, importOptions.modelSampleRate(),
                importOptions.nFft())) {
            if (checkpoint != null) {
                trainer.restore(checkpoint);
            } else {
                trainer.initialiseFromData(sampler);
            }
            VqVaeRequest.Experiment experiment = request.experiment();
            trainer.setLossWeights(experiment.spectralWeight(), experiment.logWeight());
            trainer.bypassQuantizer(experiment.bypassQuantizer());
            trainer.setLearningRateDecay(experiment.lrFinal());
            runningVqVae = trainer;
            if (stopRequested) {
                trainer.requestStop();
            }
            VqVaeTrainer.Result r;
            try {
                // Small and medium sets stop on their own sounds' reconstruction; see VqVaeTrainer.train.
                double validationWeight = summary.usable() > 100 ? 0.5 : 0.0;
                r = trainer.train(sampler, validation, validationAudio.isEmpty() ? null : sampler.fixed(2),
                        validationAudio.isEmpty() ? 1.0 : validationWeight, sink);
            } finally {
                runningVqVae = null;
            }
            if (r.stoppedBecause() == StopReason.INTERRUPTED) {
                info("interrupted: checkpoint %s (continue with --resume)", checkpointFile);
                return new VqVaeResult(null, r, null);
            }
            if (experiment.bypassQuantizer()) {
                ReconstructionCheck.Result check = ReconstructionCheck.run(trainer.model(), null, trainer.manager(),
                        trainAudio, importOptions.modelSampleRate(), 1e6, 32);
                info("continuous latent (no codes), %d steps, %.1f min, %.1f steps/s: %d training clips: spectral"
                                + " convergence %.2f dB, ceiling %.2f dB, gap %.2f dB, magnitude %.2f dB", r.steps(),
                        r.minutes(), r.stepsPerSecond(), check.clips(), check.modelDb(), check.ceilingDb(),
                        check.gapDb(), check.magnitudeDb());
                return new VqVaeResult(null, r, check);
            }
            Path output = request.output();
            String name = output.getFileName().toString().replaceFirst("\\.sda$", "");
            SdaManifest manifest = ModelExporter.manifest(name, trainer.model(), dataset, r, request.seed(),
                    request.recordSources() ? request.inputs() : List.of());
            ModelExporter.write(output, manifest, trainer.model(), trainer.quantizer());
            addControls(output, dataset);
            if (request.detailMemory() && request.decoderOutput() == DecoderOutput.LINEAR) {
                addDetailMemory(output, trainAudio, importOptions.modelSampleRate());
            }
            ReconstructionCheck.Result check = null;
            if (request.evaluate() > 0) {
                check = ReconstructionCheck.run(trainer.model(), trainer.quantizer(), trainer.manager(),
                        trainAudio.subList(0, Math.min(request.evaluate(), trainAudio.size())),
                        importOptions.modelSampleRate(), 10.0, 32);
                sink.accept(new TrainingEvent.Evaluation(check.clips(), check.modelDb(), check.ceilingDb(),
                        check.gapDb(), check.magnitudeDb()));
            }
            sink.accept(new TrainingEvent.Done(Stage.VQVAE, String.valueOf(output), r.stoppedBecause(), r.epochs(),
                    r.steps(), r.minutes(), r.validationLoss(), null, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            info("done (%s): %d epochs, %d steps, %.1f min, %.1f steps/s, validation %.4f", r.stoppedBecause(),
                    r.epochs(), r.steps(), r.minutes(), r.stepsPerSecond(), r.validationLoss());
            for (CodebookHealth h : r.health()) {
                info("  level %d: %.0f%% of codes used, perplexity %.1f, %d dead", h.level(), 100 * h.utilisation(),
                        h.perplexity(), h.deadCodes());
            }
            info("wrote %s", output);
            return new VqVaeResult(output, r, check);
        }
    }

    /**
     * Trains the prior of a model on its dataset's codes, checks it for memorisation and stores it in
     * the model file (atomically; the RVQ-VAE's entries are copied unchanged).
     */
    public PriorResult trainPrior(PriorRequest request) throws Exception {
        Path model = request.model();
        SdaModel base = SdaModelFile.read(model);
        List<Path> inputs = request.data().isEmpty() ? recordedSources(model, base) : request.data();
        ImportOptions importOptions = ImportOptions.defaults();
        Dataset dataset = importDataset(inputs, request.noCache(), importOptions);
        if (dataset.train().isEmpty()) {
            throw new IllegalArgumentException("no usable sounds in " + inputs + " (sda dataset inspect shows why)");
        }
        Set<String> known = new HashSet<>(base.manifest().dataset().contentHashes());
        long matching = dataset.clips().stream().filter(c -> known.contains(c.report().contentHash())).count();
        if (!known.isEmpty() && matching < dataset.clips().size()) {
            warning(String.format(Locale.ROOT, "%d of the %d sounds in %s are not among the sounds %s was trained on;"
                    + " its codes may fit them less well", dataset.clips().size() - matching, dataset.clips().size(),
                    inputs, model.getFileName()));
        }
        SizeClass size = dataset.summary().sizeClass();
        CodeCorpus corpus;
        try (VqVaeRuntime runtime = VqVaeRuntime.open(base)) {
            corpus = CodeCorpus.encode(runtime, dataset.train(), dataset.validation());
        }
        PriorConfig config = PriorConfig.forDataset(size, corpus.trainFrames(), request.architecture().manifestName());
        if (request.layers() != null || request.width() != null || request.heads() != null) {
            config = config.withShape(request.layers() != null ? request.layers() : config.layers(),
                    request.width() != null ? request.width() : config.width(),
                    request.heads() != null ? request.heads() : config.heads());
        }
        if (request.dropout() != null) {
            config = config.withDropout(request.dropout());
        }
        int frames = request.contextFrames() != null ? request.contextFrames() : config.contextFrames();
        // Tiny sets: a window must fit in the codes several times over.
        int fitting = (int) Math.max(4, corpus.trainFrames() / 4);
        config = config.withContextFrames(Math.min(frames, fitting));
        double budget = request.maxMinutes() != null ? request.maxMinutes() : TrainingBudget.priorMinutes(size);
        TokenLayout.Order order = request.tokenOrder();
        TokenLayout layout = config.layout(corpus.levels(), corpus.codebookSize(), order);
        int[] trainStream = corpus.trainStream(layout);
        int[] validationStream = corpus.validationStream(layout);
        info("%d sounds (%d for validation), %d code frames; prior: %s, %s order",
                corpus.train().size() + corpus.validation().size(), corpus.validation().size(), corpus.trainFrames(),
                config.describe(), order.manifestName());
        try (PriorTrainer trainer = new PriorTrainer(config, layout, request.seed(), request.threads())) {
            runningPrior = trainer;
            if (stopRequested) {
                trainer.requestStop();
            }
            PriorTrainer.Result r;
            try {
                r = trainer.train(trainStream, validationStream,
                        new PriorTrainer.Budget(budget, request.maxSteps(), request.epochs()), sink);
            } finally {
                runningPrior = null;
            }
            if (r.stoppedBecause() == StopReason.INTERRUPTED) {
                info("interrupted: nothing written");
                return new PriorResult(null, r, Double.NaN);
            }
            double[] perLevel = trainer.levelPerplexities(validationStream, 64);
            StringBuilder levelsLine = new StringBuilder("validation perplexity per level (coarse to fine):");
            for (int l = 0; l < perLevel.length - 1; l++) {
                levelsLine.append(String.format(Locale.ROOT, " %.2f", perLevel[l]));
            }
            info(levelsLine.append(String.format(Locale.ROOT, "; all %.2f", perLevel[perLevel.length - 1])).toString());
            byte[] onnx = PriorExporter.export(trainer.network());
            List<String> warnings = new ArrayList<>();
            if (r.validationPerplexity() < PERPLEXITY_WARNING) {
                warnings.add(String.format(Locale.ROOT, "validation perplexity %.2f is below %.1f: the prior is nearly"
                        + " certain of every code and will mostly replay the training sounds", r.validationPerplexity(),
                        PERPLEXITY_WARNING));
            }
            SdaManifest.Prior draft = PriorModelWriter.describe(trainer.network(), null);
            SdaModel candidate = PriorModelWriter.withPrior(base, draft, onnx);
            SdaManifest.Sampling sampling = request.calibrateSampling()
                    ? calibrateSampling(candidate, dataset, corpus, request.seed()) : null;
            double temperature = sampling == null ? 1.0 : sampling.temperature();
            // As the model will be sampled: at the calibrated temperature and continuity.
            CoarseContinuity continuity = CoarseContinuity.of(candidate.codebooks()[0],
                    sampling == null ? 0 : sampling.continuity());
            Novelty.Result novelty;
            try (PriorRuntime prior = PriorRuntime.open(candidate, 1)) {
                novelty = Novelty.measure(prior, new CopyRate(corpus.train(), CopyRate.DEFAULT_N), null, temperature,
                        continuity, 4, request.checkFrames(), request.seed());
            }
            if (novelty.copyRate() > COPY_RATE_WARNING) {
                warnings.add(String.format(Locale.ROOT, "%.0f%% of the code %d-grams it generates at temperature 1 are"
                        + " copied from the training sounds (above %.0f%%): it is memorising them; more sounds, a"
                        + " shorter --max-minutes or more --dropout help", 100 * novelty.copyRate(), CopyRate.DEFAULT_N,
                        100 * COPY_RATE_WARNING));
            }
            warnings.forEach(this::warning);
            SdaManifest.PriorTraining summary = new SdaManifest.PriorTraining(r.epochs(), r.steps(), r.minutes(),
                    request.seed(), r.trainPerplexity(), r.validationPerplexity(), novelty.copyRate(),
                    r.stoppedBecause().label(), warnings);
            SdaModel finished = PriorModelWriter.withPrior(base,
                    PriorModelWriter.describe(trainer.network(), summary).withSampling(sampling), onnx);
            Path target = request.output() != null ? request.output() : model;
            PriorModelWriter.write(target, finished);
            sink.accept(new TrainingEvent.Done(Stage.PRIOR, target.toString(), r.stoppedBecause(), r.epochs(),
                    r.steps(), r.minutes(), Double.NaN, config.architecture(), r.trainPerplexity(),
                    r.validationPerplexity(), novelty.copyRate(), novelty.distinct()));
            info("prior done (%s): %d epochs, %d steps, %.1f min; perplexity train %.2f, validation %.2f; copy rate of"
                    + " %d-grams at the sampling temperature: %.0f%%", r.stoppedBecause(), r.epochs(), r.steps(),
                    r.minutes(), r.trainPerplexity(), r.validationPerplexity(), CopyRate.DEFAULT_N,
                    100 * novelty.copyRate());
            info("wrote %s  (generate with: sda generate -m %s -o OUT_FOLDER)", target, target);
            return new PriorResult(target, r, novelty.copyRate());
        }
    }

    /**
     * Generates sounds at several temperatures and continuity strengths and keeps the setting where
     * they flow and stay new ({@link SamplingCalibration}); what temperature 1 means for this prior
     * from now on.
     */
    private SdaManifest.Sampling calibrateSampling(SdaModel candidate, Dataset dataset, CodeCorpus corpus, long seed)
            throws ModelFileException {
        List<float[]> audio = (dataset.train().isEmpty() ? dataset.clips() : dataset.train()).stream()
                .map(ImportedClip::audio).toList();
        info("choosing how the prior is sampled: about %.0f s of sound per setting (temperature, continuity), until"
                + " they flow (jumps <= %.1fx the set's) and stay new (coarse 8-gram copies < %.0f%%)",
                SamplingCalibration.SECONDS_PER_TRIAL, SamplingCalibration.JUMP_RATIO_GOAL,
                100 * SamplingCalibration.COPY_LIMIT);
        SdaManifest.Sampling sampling = SamplingCalibration.calibrate(candidate, audio, corpus.train(), seed,
                (trial, done, most) -> info("  temperature %.2f, continuity %.0f: jumps %.2fx the set's, coarse"
                        + " copies %.0f%%", trial.temperature(), trial.continuity(), trial.jumpRatio(),
                        100 * trial.coarseCopyRate()));
        info("sampling at temperature %.2f, continuity %.0f: %s", sampling.temperature(), sampling.continuity(),
                sampling.rule());
        return sampling;
    }

    private static Dataset importDataset(List<Path> inputs, boolean noCache, ImportOptions options) throws Exception {
        return new DatasetImporter(options, noCache ? null : FeatureCache.atDefaultLocation(),
                DatasetImporter.defaultThreads()).importFrom(inputs, ImportListener.NONE);
    }

    private static List<Path> recordedSources(Path model, SdaModel base) {
        List<String> sources = base.manifest().dataset().sources();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(model + " does not record where its sounds are (it was trained by an"
                    + " older version); give them with --data FOLDER");
        }
        List<Path> paths = sources.stream().map(Path::of).toList();
        List<Path> missing = paths.stream().filter(p -> !Files.exists(p)).toList();
        if (missing.size() == paths.size()) {
            throw new IllegalArgumentException(model + " was trained on " + sources + ", which no longer exist"
                    + (missing.size() == 1 ? "s" : "") + "; give the sounds with --data FOLDER");
        }
        return paths.stream().filter(Files::exists).toList();
    }

    /**
     * Adds the musical controls to the written model with the engine's analysis (the one
     * {@code sda model analyze} runs). The model is complete without them, so a failure is a
     * warning that says how to add them later, not an error.
     */
    private void addControls(Path output, Dataset dataset) {
        try {
            LatentAnalyzer.addTo(output, output, dataset.clips().stream().map(ImportedClip::audio).toList());
        } catch (Exception | LinkageError e) { // LinkageError: ONNX Runtime's native library failing to start
            warning("the model was written without musical controls (" + e.getMessage()
                    + "); add them with: sda model analyze " + output + " DATASET");
        }
    }

    private void addDetailMemory(Path output, List<float[]> trainAudio, int sampleRate) {
        try {
            DetailMemory memory = DetailMemory.addTo(SdaModelFile.read(output), output,
                    trainAudio.stream().map(a -> AudioBuffer.mono(a, sampleRate)).toList());
            info("kept the detail of %d code frames of the training sounds in the model", memory.size());
        } catch (Exception | LinkageError e) { // LinkageError: ONNX Runtime's native library failing to start
            warning("the model was written without its detail memory (" + e.getMessage()
                    + "); add it with: sda model memorise " + output + " DATASET");
        }
    }

    private void info(String format, Object... args) {
        sink.accept(new TrainingEvent.Info(args.length == 0 ? format : String.format(Locale.ROOT, format, args)));
    }

    private void warning(String message) {
        sink.accept(new TrainingEvent.Warning(message));
    }
}
