package org.sda.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.analysis.LatentAnalyzer;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.DatasetImporter;
import org.sda.engine.dataset.FeatureCache;
import org.sda.engine.dataset.ImportListener;
import org.sda.engine.dataset.ImportOptions;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.model.SdaManifest;
import org.sda.trainer.data.Batch;
import org.sda.trainer.data.CropSampler;
import org.sda.trainer.export.ModelExporter;
import org.sda.trainer.prior.PriorConfig;
import org.sda.trainer.vqvae.Checkpoint;
import org.sda.trainer.vqvae.CodebookHealth;
import org.sda.trainer.vqvae.ReconstructionCheck;
import org.sda.trainer.vqvae.TrainingOptions;
import org.sda.trainer.vqvae.VqVaeConfig;
import org.sda.trainer.vqvae.VqVaeTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The trainer process: imports a dataset, trains the RVQ-VAE and writes a {@code .sda} model.
 * {@code sda train} and the trainer app start it in its own JVM and read its progress (JSON lines
 * on stdout with {@code --progress json}). Ctrl-C or SIGTERM stops after the current step with a
 * resumable checkpoint next to the output ({@code <output>.ckpt}); {@code --resume} continues it.
 * Exit codes: 0 done (model written), 1 error, 2 bad usage, 130 interrupted (checkpoint written).
 */
@Command(name = "sda-train", mixinStandardHelpOptions = true,
        description = "Train a model on your sounds and write it as a .sda file.")
public final class TrainerMain implements Callable<Integer> {

    /** What a run produced: the exit code, the model file (null unless written) and how training went. */
    public record TrainResult(int exitCode, Path model, VqVaeTrainer.Result training,
                              ReconstructionCheck.Result evaluation) {
    }

    enum ProgressMode { human, json }

    @Parameters(arity = "1..*", paramLabel = "DATASET", description = "Audio files or folders.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL.sda", description = "Model file to write.")
    Path output;

    @Option(names = "--codebook-size", paramLabel = "N",
            description = "Codes per level (default: 64, 128 or 256 by dataset size).")
    Integer codebookSize;

    @Option(names = "--rvq-levels", paramLabel = "L", defaultValue = "3", description = "Quantiser levels, 2–4 (default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--commitment-weight", paramLabel = "W", defaultValue = "0.25",
            description = "Commitment loss weight (default: ${DEFAULT-VALUE}).")
    double commitmentWeight;

    @Option(names = "--code-dim", paramLabel = "D", defaultValue = "32", description = "Code vector size (default: ${DEFAULT-VALUE}).")
    int codeDim;

    @Option(names = "--downsample", paramLabel = "F", defaultValue = "2",
            description = "STFT frames per code frame: 1, 2 or 4 (default: ${DEFAULT-VALUE}).")
    int downsample;

    @Option(names = "--hidden", paramLabel = "C", defaultValue = "128", description = "Network width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--lookup", defaultValue = "cosine", description = "Nearest code by cosine or euclidean (default: ${DEFAULT-VALUE}).")
    String lookup;

    @Option(names = "--decoder-output", defaultValue = "linear",
            description = "What the decoder predicts: linear (STFT magnitude) or mel (mel magnitude, turned into"
                    + " linear magnitude when sounds are played) (default: ${DEFAULT-VALUE}).")
    String decoderOutput;

    @Option(names = "--decoder", paramLabel = "KIND", defaultValue = "conv",
            description = "The decoder's architecture: conv (dilated residual convolutions) or convnext"
                    + " (ConvNeXt blocks) (default: ${DEFAULT-VALUE}).")
    String decoder;

    @Option(names = "--quantizer-dropout", paramLabel = "P", defaultValue = "0",
            description = "Probability of training a step on fewer levels (default: ${DEFAULT-VALUE}).")
    double quantizerDropout;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "400", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--max-minutes", paramLabel = "M", defaultValue = "7.5",
            description = "Time budget for this session (default: ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--max-steps", paramLabel = "S", defaultValue = "0", hidden = true,
            description = "Stop at this step with a checkpoint (tests).")
    long maxSteps;

    @Option(names = "--batch-size", defaultValue = "16", hidden = true)
    int batchSize;

    @Option(names = "--crop-frames", defaultValue = "64", hidden = true)
    int cropFrames;

    @Option(names = "--learning-rate", defaultValue = "0.001", hidden = true)
    float learningRate;

    @Option(names = "--spectral-weight", defaultValue = "1", hidden = true,
            description = "Experiments: weight of the spectral-convergence loss terms.")
    float spectralWeight;

    @Option(names = "--log-weight", defaultValue = "1", hidden = true,
            description = "Experiments: weight of the log-domain L1 loss terms.")
    float logWeight;

    @Option(names = "--lr-final", defaultValue = "0.05", hidden = true,
            description = "Final learning rate as a fraction of the first (cosine decay over the budget).")
    double lrFinal;

    @Option(names = "--bypass-quantizer", hidden = true,
            description = "Experiments: decode the continuous latent (no codes); writes no model, evaluates all"
                    + " training clips.")
    boolean bypassQuantizer;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue from the checkpoint next to the output.")
    boolean resume;

    @Option(names = "--progress", defaultValue = "human", description = "human or json (default: ${DEFAULT-VALUE}).")
    ProgressMode progress;

    @Option(names = "--no-cache", description = "Import without the feature cache.")
    boolean noCache;

    @Option(names = "--no-record-sources", hidden = true,
            description = "Leave the dataset's location out of the manifest (models shipped to others).")
    boolean noRecordSources;

    @Option(names = "--no-prior",
            description = "Train the RVQ-VAE only; add the prior later with sda train-prior (without a prior the model"
                    + " reconstructs but cannot generate).")
    boolean noPrior;

    @Option(names = "--prior-minutes", paramLabel = "M",
            description = "Time budget of the prior's training (default: 3.5 for up to 20 sounds, 8 above).")
    Double priorMinutes;

    @Option(names = "--prior-token-order", paramLabel = "ORDER", defaultValue = PriorConfig.DEFAULT_TOKEN_ORDER,
            description = "The prior's token order: flat or delay (default: ${DEFAULT-VALUE}).")
    String priorTokenOrder;

    @Option(names = "--evaluate", paramLabel = "N", defaultValue = "0",
            description = "After training, measure reconstruction (Griffin-Lim spectral convergence vs its ceiling)"
                    + " on up to N training clips (default: ${DEFAULT-VALUE}, off).")
    int evaluate;

    private PrintWriter out;
    private TrainResult result;
    private volatile VqVaeTrainer running;
    private volatile PriorMain runningPrior;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        TrainerMain main = new TrainerMain();
        Thread hook = new Thread(main::interrupt, "sda-train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainResult r = main.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting because of a signal; the hook is saving the checkpoint
        }
        System.exit(r.exitCode());
    }

    /** Runs the trainer in this JVM (tests): no shutdown hook, output to the given writers. */
    public static TrainResult run(PrintWriter out, PrintWriter err, String... args) {
        return new TrainerMain().execute(out, err, args);
    }

    public static TrainResult run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    private PrintWriter stderr;

    private TrainResult execute(PrintWriter stdout, PrintWriter stderr, String... args) {
        this.out = stdout;
        this.stderr = stderr;
        CommandLine cmd = new CommandLine(this);
        cmd.setOut(stdout);
        cmd.setErr(stderr);
        int code = cmd.execute(args);
        return result != null ? new TrainResult(code, result.model(), result.training(), result.evaluation())
                : new TrainResult(code, null, null, null);
    }

    /** Shutdown hook: ask the trainer to stop and wait (bounded) for its checkpoint. */
    private void interrupt() {
        PriorMain prior = runningPrior;
        if (prior != null) {
            prior.interrupt();
        }
        VqVaeTrainer t = running;
        if (t != null) {
            t.requestStop();
            try {
                t.awaitFinished(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        JsonProgress json = progress == ProgressMode.json ? new JsonProgress(out) : null;
        try {
            return train(json);
        } catch (Exception e) {
            if (Boolean.getBoolean("sda.trainer.trace")) {
                e.printStackTrace();
            }
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            if (json != null) {
                json.error(message);
            } else {
                out.println("error: " + message);
                out.flush();
            }
            return 1;
        }
    }

    private int train(JsonProgress json) throws Exception {
        if (!lookup.equals("cosine") && !lookup.equals("euclidean")) {
            throw new IllegalArgumentException("--lookup must be cosine or euclidean");
        }
        if (!decoderOutput.equals(VqVaeConfig.LINEAR) && !decoderOutput.equals(VqVaeConfig.MEL)) {
            throw new IllegalArgumentException("--decoder-output must be linear or mel");
        }
        if (!decoder.equals(VqVaeConfig.CONV) && !decoder.equals(VqVaeConfig.CONVNEXT)) {
            throw new IllegalArgumentException("--decoder must be convnext or conv");
        }
        Path checkpointFile = output.resolveSibling(output.getFileName() + ".ckpt");
        if (resume && !Files.isRegularFile(checkpointFile)) {
            throw new IllegalArgumentException("nothing to resume: " + checkpointFile + " does not exist");
        }
        ImportOptions importOptions = ImportOptions.defaults();
        Dataset dataset = new DatasetImporter(importOptions, noCache ? null : FeatureCache.atDefaultLocation(),
                DatasetImporter.defaultThreads()).importFrom(inputs, ImportListener.NONE);
        Dataset.Summary summary = dataset.summary();
        if (dataset.train().isEmpty()) {
            StringBuilder reasons = new StringBuilder();
            dataset.reports().stream().filter(r -> !r.usable()).limit(10).forEach(r -> reasons.append("\n  ")
                    .append(r.file()).append(": ").append(r.verdict().label())
                    .append(r.detail().isEmpty() ? "" : " – " + r.detail()));
            throw new IllegalArgumentException("no usable sounds in the dataset (" + summary.filesFound()
                    + " files found, " + summary.skipped() + " skipped; sda dataset inspect shows them all)" + reasons);
        }
        int k = codebookSize != null ? codebookSize : summary.suggestedCodebookSize();
        VqVaeConfig config = VqVaeConfig.defaults(k).withLevels(levels).withCommitmentWeight(commitmentWeight)
                .withShape(hidden, codeDim, downsample).withLookup(lookup.equals("cosine"))
                .withQuantizerDropout(quantizerDropout).withDecoderOutput(decoderOutput).withDecoder(decoder);
        TrainingOptions options = TrainingOptions.defaults().withEpochs(epochs).withMaxMinutes(maxMinutes)
                .withMaxSteps(maxSteps).withSeed(seed).withBatch(batchSize, cropFrames)
                .withLearningRate(learningRate).withCheckpoint(checkpointFile);
        Checkpoint checkpoint = null;
        if (resume) {
            checkpoint = Checkpoint.read(checkpointFile);
            String saved = checkpoint.state().config().decoderOutput();
            if (!saved.equals(decoderOutput)) {
                throw new IllegalArgumentException("cannot resume: " + checkpointFile + " was trained with"
                        + " --decoder-output " + saved + ", not " + decoderOutput
                        + " (resume with --decoder-output " + saved + ", or train afresh without --resume)");
            }
            config = checkpoint.state().config();
        }
        List<float[]> trainAudio = dataset.train().stream().map(ImportedClip::audio).toList();
        List<float[]> validationAudio = dataset.validation().stream().map(ImportedClip::audio).toList();
        StftConfig stft = new StftConfig(importOptions.nFft(), importOptions.hop());
        CropSampler sampler = new CropSampler(trainAudio, importOptions.modelSampleRate(), stft,
                importOptions.melBands(), options.frames());
        CropSampler validationSampler = validationAudio.isEmpty() ? sampler
                : new CropSampler(validationAudio, importOptions.modelSampleRate(), stft, importOptions.melBands(),
                        options.frames());
        Batch validation = validationSampler.fixed(4);
        if (json == null) {
            out.printf(Locale.ROOT, "%d sounds (%d for validation), %.1f s; %d levels x %d codes of %d dims%n",
                    summary.usable(), summary.validation(), summary.usableSeconds(), config.levels(),
                    config.codebookSize(), config.codeDim());
            out.flush();
        }
        try (VqVaeTrainer trainer = new VqVaeTrainer(config, options, importOptions.modelSampleRate(),
                importOptions.nFft());
             HumanProgress human = json == null ? new HumanProgress(out, maxMinutes) : null) {
            if (checkpoint != null) {
                trainer.restore(checkpoint);
            } else {
                trainer.initialiseFromData(sampler);
            }
            trainer.setLossWeights(spectralWeight, logWeight);
            trainer.bypassQuantizer(bypassQuantizer);
            trainer.setLearningRateDecay(lrFinal);
            running = trainer;
            VqVaeTrainer.Result r;
            try {
                // Small and medium sets stop on their own sounds' reconstruction; see VqVaeTrainer.train.
                double validationWeight = summary.usable() > 100 ? 0.5 : 0.0;
                r = trainer.train(sampler, validation, validationAudio.isEmpty() ? null : sampler.fixed(2),
                        validationAudio.isEmpty() ? 1.0 : validationWeight,
                        json != null ? json : human);
            } finally {
                running = null;
            }
            if (r.stoppedBecause().equals(VqVaeTrainer.INTERRUPTED)) {
                if (json == null) {
                    out.println("interrupted: checkpoint " + checkpointFile + " (continue with --resume)");
                    out.flush();
                }
                result = new TrainResult(130, null, r, null);
                return 130;
            }
            if (bypassQuantizer) {
                ReconstructionCheck.Result check = ReconstructionCheck.run(trainer.model(), null, trainer.manager(),
                        trainAudio, importOptions.modelSampleRate(), 1e6, 32);
                out.printf(Locale.ROOT, "continuous latent (no codes), %d steps, %.1f min, %.1f steps/s: %d training"
                                + " clips: spectral convergence %.2f dB, ceiling %.2f dB, gap %.2f dB, magnitude %.2f dB%n",
                        r.steps(), r.minutes(), r.stepsPerSecond(), check.clips(), check.modelDb(), check.ceilingDb(),
                        check.gapDb(), check.magnitudeDb());
                out.flush();
                result = new TrainResult(0, null, r, check);
                return 0;
            }
            String name = output.getFileName().toString().replaceFirst("\\.sda$", "");
            SdaManifest manifest = ModelExporter.manifest(name, trainer.model(), dataset, r, seed,
                    noRecordSources ? List.of() : inputs);
            ModelExporter.write(output, manifest, trainer.model(), trainer.quantizer());
            addControls(dataset, json);
            ReconstructionCheck.Result check = null;
            if (evaluate > 0) {
                check = ReconstructionCheck.run(trainer.model(), trainer.quantizer(), trainer.manager(),
                        trainAudio.subList(0, Math.min(evaluate, trainAudio.size())),
                        importOptions.modelSampleRate(), 10.0, 32);
                if (json != null) {
                    json.evaluation(check);
                } else {
                    out.printf(Locale.ROOT, "reconstruction on %d clips: spectral convergence %.2f dB, ceiling %.2f dB,"
                            + " gap %.2f dB, magnitude %.2f dB%n", check.clips(), check.modelDb(), check.ceilingDb(),
                            check.gapDb(), check.magnitudeDb());
                }
            }
            result = new TrainResult(0, output, r, check);
            if (json != null) {
                json.done(result);
            } else {
                if (human != null) {
                    human.close();
                }
                out.printf(Locale.ROOT, "done (%s): %d epochs, %d steps, %.1f min, %.1f steps/s, validation %.4f%n",
                        r.stoppedBecause(), r.epochs(), r.steps(), r.minutes(), r.stepsPerSecond(),
                        r.validationLoss());
                for (CodebookHealth h : r.health()) {
                    out.printf(Locale.ROOT, "  level %d: %.0f%% of codes used, perplexity %.1f, %d dead%n", h.level(),
                            100 * h.utilisation(), h.perplexity(), h.deadCodes());
                }
                out.println("wrote " + output);
                out.flush();
            }
            return noPrior ? 0 : trainPrior(this.stderr);
        }
    }

    /** The prior on the new model's codes, in this JVM: the model file is updated in place. */
    private int trainPrior(PrintWriter stderr) {
        List<String> args = new ArrayList<>(List.of(output.toString(), "--seed", Long.toString(seed), "--progress",
                progress.name()));
        args.add("--data");
        inputs.forEach(p -> args.add(p.toString()));
        if (priorMinutes != null) {
            args.addAll(List.of("--max-minutes", priorMinutes.toString()));
        }
        args.addAll(List.of("--token-order", priorTokenOrder));
        if (maxSteps > 0) {
            args.addAll(List.of("--max-steps", Long.toString(maxSteps)));
        }
        if (noCache) {
            args.add("--no-cache");
        }
        if (progress == ProgressMode.human) {
            out.println();
            out.println("Training the prior (what generates new sounds; skip it with --no-prior)");
            out.flush();
        }
        PriorMain prior = new PriorMain();
        runningPrior = prior;
        try {
            return prior.execute(out, stderr, args.toArray(new String[0])).exitCode();
        } finally {
            runningPrior = null;
        }
    }

    /**
     * Adds the musical controls to the written model with the engine's analysis (the one
     * {@code sda model analyze} runs). The model is complete without them, so a failure is a
     * warning that says how to add them later, not an error.
     */
    private void addControls(Dataset dataset, JsonProgress json) {
        try {
            LatentAnalyzer.addTo(output, output, dataset.clips().stream().map(ImportedClip::audio).toList());
        } catch (Exception | LinkageError e) { // LinkageError: ONNX Runtime's native library failing to start
            String message = "the model was written without musical controls (" + e.getMessage()
                    + "); add them with: sda model analyze " + output + " DATASET";
            if (json != null) {
                json.warning(message);
            } else {
                out.println("warning: " + message);
                out.flush();
            }
        }
    }
}
