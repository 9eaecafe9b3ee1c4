package org.sda.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.model.ModelFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sda}: the root command. Subcommands do the work; this one only dispatches. */
@Command(name = "sda",
        mixinStandardHelpOptions = true,
        versionProvider = SdaCommand.Version.class,
        description = "Small DataSet Audio: train a generative audio model on a few of your own sounds.",
        subcommands = {DemoCommand.class, DatasetCommand.class, TrainCommand.class, TrainPriorCommand.class,
                GenerateCommand.class, ModelCommand.class, ReconstructCommand.class, EncodeCommand.class,
                DecodeCommand.class, CodesCommand.class, PrefillCommand.class, BenchCommand.class,
                PluginCommand.class, GpuCommand.class,
                CommandLine.HelpCommand.class})
public final class SdaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // DJL's ONNX Runtime engine logs a warning whenever it probes for CUDA and finds the CPU
        // build; the inference code says in plain words when a requested GPU is not used.
        quietLogger("ai.djl.onnxruntime.engine", "error");
        // With the GPU pack on a machine without a usable driver, DJL warns while counting GPUs.
        quietLogger("ai.djl.util.cuda", "error");
        System.exit(commandLine().execute(args));
    }

    private static void quietLogger(String name, String level) {
        String key = "org.slf4j.simpleLogger.log." + name;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }

    /** The configured command line, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SdaCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        // sda train hands every argument, options included, to the trainer process.
        commandLine.getSubcommands().get("train").setUnmatchedOptionsArePositionalParams(true);
        commandLine.getSubcommands().get("train-prior").setUnmatchedOptionsArePositionalParams(true);
        commandLine.setExecutionExceptionHandler(SdaCommand::inputError);
        return commandLine;
    }

    /**
     * A model or audio file that cannot be read, or a set with nothing to measure, is the user's
     * input, not a bug: its message names the file and the problem, so print that, not a stack
     * trace (commands that catch these themselves never get here). Anything else is rethrown.
     */
    private static int inputError(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed)
            throws Exception {
        if (e instanceof ModelFileException || e instanceof AudioReadException || e instanceof BenchInputException) {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            commandLine.getErr().flush();
            return 1;
        }
        throw e;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version the build wrote into the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = SdaCommand.class.getResourceAsStream("/org/sda/engine/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "sda " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
