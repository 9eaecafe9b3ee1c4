package org.sda.trainer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sda.engine.generate.TokenLayout;
import org.sda.trainer.pipeline.PriorArchitecture;
import org.sda.trainer.pipeline.PriorRequest;
import org.sda.trainer.pipeline.TrainingRun;
import org.sda.trainer.prior.PriorConfig;
import org.sda.trainer.prior.PriorTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The prior trainer: encodes a model's dataset with the model's own encoder and quantiser, trains
 * the autoregressive prior on those frozen codes, checks it for memorisation, and stores it in the
 * same {@code .sda} (atomically; the RVQ-VAE's entries are copied unchanged). {@code sda
 * train-prior} runs it in its own JVM; {@code sda train} runs it after the RVQ-VAE unless told not
 * to. Exit codes: 0 done, 1 error, 2 bad usage, 130 interrupted (nothing written).
 */
@Command(name = "sda-train-prior", mixinStandardHelpOptions = true,
        description = "Train the prior of a model (what makes it generate new sounds) and store it in the model file.")
public final class PriorMain implements Callable<Integer> {

    static final int DEFAULT_EPOCHS = 200;
    static final int DEFAULT_CHECK_FRAMES = 256;

    /** What a run produced: exit code, the model written (null unless written), how it went. */
    public record PriorResult(int exitCode, Path model, PriorTrainer.Result training, double copyRate) {
    }

    @Parameters(index = "0", paramLabel = "MODEL.sda", description = "A model trained with sda train.")
    Path model;

    @Option(names = "--data", arity = "1..*", paramLabel = "PATH",
            description = "The sounds (files or folders); default: the ones the model was trained on, as its manifest"
                    + " records them.")
    List<Path> data = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.sda", description = "Write here instead of updating MODEL.sda.")
    Path output;

    @Option(names = "--architecture", defaultValue = "auto",
            description = "auto, transformer or gru (default: ${DEFAULT-VALUE}: chosen by dataset size).")
    PriorArchitecture architecture;

    @Option(names = "--token-order", defaultValue = PriorConfig.DEFAULT_TOKEN_ORDER,
            description = "flat or delay: the order of the codes in the prior's token stream (default:"
                    + " ${DEFAULT-VALUE}, measured best; see docs/BENCHMARKS.md).")
    TokenLayout.Order tokenOrder;

    @Option(names = "--context-frames", paramLabel = "N", description = "Code frames the prior sees (default by dataset size).")
    Integer contextFrames;

    @Option(names = "--layers", paramLabel = "N", description = "Layers (default by dataset size).")
    Integer layers;

    @Option(names = "--width", paramLabel = "N", description = "Model width (default by dataset size).")
    Integer width;

    @Option(names = "--heads", paramLabel = "N", description = "Attention heads (default by dataset size).")
    Integer heads;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout (default by dataset size).")
    Float dropout;

    @Option(names = "--max-minutes", paramLabel = "M",
            description = "Time budget of the training loop (default: 3 minutes for up to 100 sounds, 9 above).")
    Double maxMinutes;

    @Option(names = "--max-steps", paramLabel = "S", defaultValue = "0", hidden = true)
    long maxSteps;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "" + DEFAULT_EPOCHS,
            description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "PyTorch threads (default: ${DEFAULT-VALUE}; the prior is small, and one thread is much faster"
                    + " on a busy machine).")
    int threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--progress", defaultValue = "human", description = "human or json (default: ${DEFAULT-VALUE}).")
    ProgressMode progress;

    @Option(names = "--no-cache", description = "Import without the feature cache.")
    boolean noCache;

    @Option(names = {"--no-sampling-calibration", "--no-temperature-calibration"},
            description = "Keep the prior's own distribution as temperature 1, instead of choosing the temperature and"
                    + " continuity at which its sounds flow and stay new (seconds to two minutes of generating after"
                    + " training).")
    boolean noSamplingCalibration;

    @Option(names = "--check-frames", defaultValue = "" + DEFAULT_CHECK_FRAMES, hidden = true,
            description = "Code frames per sampled sequence of the copy-rate check (4 sequences).")
    int checkFrames;

    private PrintWriter out;
    private PriorResult result;
    private final ProgressMode.SinkHolder sink = new ProgressMode.SinkHolder();
    private final TrainingRun run = new TrainingRun(sink);

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        PriorMain main = new PriorMain();
        Thread hook = new Thread(main.run::requestStop, "sda-train-prior-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PriorResult r = main.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // exiting on a signal: the hook stops training
        }
        System.exit(r.exitCode());
    }

    /** Runs in this JVM (tests). */
    public static PriorResult run(PrintWriter out, PrintWriter err, String... args) {
        return new PriorMain().execute(out, err, args);
    }

    PriorResult execute(PrintWriter stdout, PrintWriter stderr, String... args) {
        this.out = stdout;
        CommandLine cmd = new CommandLine(this).setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOut(stdout);
        cmd.setErr(stderr);
        int code = cmd.execute(args);
        return result != null ? new PriorResult(code, result.model(), result.training(), result.copyRate())
                : new PriorResult(code, null, null, Double.NaN);
    }

    @Override
    public Integer call() {
        return progress.run(out, sink, () -> {
            TrainingRun.PriorResult r = run.trainPrior(new PriorRequest(model, data, output, architecture, tokenOrder,
                    contextFrames, layers, width, heads, dropout, maxMinutes, maxSteps, epochs, threads, seed, noCache,
                    checkFrames, !noSamplingCalibration));
            result = new PriorResult(r.interrupted() ? 130 : 0, r.model(), r.training(), r.copyRate());
            return result.exitCode();
        });
    }
}
