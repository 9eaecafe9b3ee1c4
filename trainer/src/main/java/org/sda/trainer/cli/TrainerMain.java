package org.sda.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.training.TrainingEvent;
import org.sda.trainer.pipeline.Decoder;
import org.sda.trainer.pipeline.DecoderOutput;
import org.sda.trainer.pipeline.Lookup;
import org.sda.trainer.pipeline.PriorArchitecture;
import org.sda.trainer.pipeline.PriorRequest;
import org.sda.trainer.pipeline.TrainingRun;
import org.sda.trainer.pipeline.VqVaeRequest;
import org.sda.trainer.prior.PriorConfig;
import org.sda.trainer.vqvae.ReconstructionCheck;
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
    Lookup lookup;

    @Option(names = "--decoder-output", defaultValue = "linear",
            description = "What the decoder predicts: linear (STFT magnitude) or mel (mel magnitude, turned into"
                    + " linear magnitude when sounds are played) (default: ${DEFAULT-VALUE}).")
    DecoderOutput decoderOutput;

    @Option(names = "--decoder", paramLabel = "KIND", defaultValue = "conv",
            description = "The decoder's architecture: conv (dilated residual convolutions) or convnext"
                    + " (ConvNeXt blocks) (default: ${DEFAULT-VALUE}).")
    Decoder decoder;

    @Option(names = "--quantizer-dropout", paramLabel = "P", defaultValue = "0",
            description = "Probability of training a step on fewer levels (default: ${DEFAULT-VALUE}).")
    double quantizerDropout;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "400", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--max-minutes", paramLabel = "M",
            description = "Time budget of the autoencoder (default: 6 minutes for up to 100 sounds, 18 above, so that"
                    + " the whole run fits in 10 or 30 minutes).")
    Double maxMinutes;

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

    @Option(names = "--no-detail-memory",
            description = "Leave the detail of the training sounds out of the model: a smaller file that does not "
                    + "carry an approximation of your sounds, which then reconstruct less faithfully (sda model "
                    + "memorise adds it later).")
    boolean noDetailMemory;

    @Option(names = "--no-prior",
            description = "Train the RVQ-VAE only; add the prior later with sda train-prior (without a prior the model"
                    + " reconstructs but cannot generate).")
    boolean noPrior;

    @Option(names = {"--no-sampling-calibration", "--no-temperature-calibration"},
            description = "Keep the prior's own distribution as temperature 1, instead of choosing the temperature and"
                    + " continuity at which its sounds flow and stay new (seconds to two minutes of generating after"
                    + " training).")
    boolean noSamplingCalibration;

    @Option(names = "--prior-minutes", paramLabel = "M",
            description = "Time budget of the prior's training (default: 3 minutes for up to 100 sounds, 9 above).")
    Double priorMinutes;

    @Option(names = "--prior-token-order", paramLabel = "ORDER", defaultValue = PriorConfig.DEFAULT_TOKEN_ORDER,
            description = "The prior's token order: flat or delay (default: ${DEFAULT-VALUE}).")
    TokenLayout.Order priorTokenOrder;

    @Option(names = "--evaluate", paramLabel = "N", defaultValue = "0",
            description = "After training, measure reconstruction (Griffin-Lim spectral convergence vs its ceiling)"
                    + " on up to N training clips (default: ${DEFAULT-VALUE}, off).")
    int evaluate;

    private PrintWriter out;
    private TrainResult result;
    private final ProgressMode.SinkHolder sink = new ProgressMode.SinkHolder();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running;
    private final TrainingRun run = new TrainingRun(sink);

    private TrainerMain() {
    }

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

    private TrainResult execute(PrintWriter stdout, PrintWriter stderr, String... args) {
        this.out = stdout;
        CommandLine cmd = new CommandLine(this).setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOut(stdout);
        cmd.setErr(stderr);
        int code = cmd.execute(args);
        return result != null ? new TrainResult(code, result.model(), result.training(), result.evaluation())
                : new TrainResult(code, null, null, null);
    }

    /** Shutdown hook: ask the trainer to stop and wait (bounded) for its checkpoint. */
    private void interrupt() {
        run.requestStop();
        try {
            run.awaitStopped(30_000);
            // The JVM halts when this hook returns: let the run report the checkpoint it wrote first.
            if (running) {
                finished.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Integer call() {
        running = true;
        try {
            return train();
        } finally {
            finished.countDown();
        }
    }

    private int train() {
        return progress.run(out, sink, () -> {
            TrainingRun.VqVaeResult vq = run.trainVqVae(request());
            result = new TrainResult(vq.interrupted() ? 130 : 0, vq.model(), vq.training(), vq.evaluation());
            if (vq.interrupted() || vq.model() == null || noPrior) {
                return result.exitCode();
            }
            if (progress == ProgressMode.human) {
                sink.accept(new TrainingEvent.Info(""));
                sink.accept(new TrainingEvent.Info("Training the prior (what generates new sounds; skip it with"
                        + " --no-prior)"));
            }
            return run.trainPrior(priorRequest()).interrupted() ? 130 : 0;
        });
    }

    private VqVaeRequest request() {
        return new VqVaeRequest(inputs, output, codebookSize, levels, commitmentWeight, codeDim, downsample, hidden,
                lookup, decoderOutput, decoder, quantizerDropout, epochs,
                maxMinutes == null ? Double.NaN : maxMinutes, maxSteps, batchSize, cropFrames,
                learningRate, seed, resume, noCache, !noRecordSources, !noDetailMemory, evaluate,
                new VqVaeRequest.Experiment(spectralWeight, logWeight, lrFinal, bypassQuantizer));
    }

    /** The prior on the new model's codes, in this run: the model file is updated in place. */
    private PriorRequest priorRequest() {
        return new PriorRequest(output, inputs, null, PriorArchitecture.AUTO, priorTokenOrder, null, null, null, null,
                null, priorMinutes, maxSteps, PriorMain.DEFAULT_EPOCHS, 1, seed, noCache, PriorMain.DEFAULT_CHECK_FRAMES,
                !noSamplingCalibration);
    }
}
