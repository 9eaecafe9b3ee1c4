package org.sda.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.sda.engine.training.TrainerProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sda train ...}: starts the trainer in its own JVM, so PyTorch never loads into this
 * process (or, later, into a DAW), and a crash or a cancel of training takes nothing else down.
 * Every argument goes to the trainer unchanged: {@code sda train --help} shows the trainer's own
 * options. The trainer draws its progress on this terminal ({@code --progress json} gives the
 * machine-readable events instead).
 *
 * <p>Stopping: Ctrl-C reaches both processes; the trainer saves a resumable checkpoint and this
 * process waits for it. A SIGTERM to this process alone is passed on to the trainer the same way.
 */
@Command(name = "train", description = "Train a model on a folder of sounds (runs the trainer in its own process; "
        + "sda train --help lists its options).")
final class TrainCommand implements Callable<Integer> {

    static final String TRAINER_MAIN = "org.sda.trainer.cli.TrainerMain";
    /** How long a stopping trainer may take to write its checkpoint before it is killed. */
    private static final long STOP_GRACE_SECONDS = 60;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments for the trainer.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return runTrainer(spec, TRAINER_MAIN, arguments);
    }

    /** Runs {@code mainClass} of the trainer in its own JVM with {@code arguments}, and waits for it. */
    static int runTrainer(CommandLine.Model.CommandSpec spec, String mainClass, List<String> arguments)
            throws Exception {
        Optional<String> classPath = trainerClassPath();
        if (classPath.isEmpty()) {
            spec.commandLine().getErr().println("sda " + spec.name() + ": the trainer is not built; run ./mvnw"
                    + " -DskipTests package (the ./sda launcher does this on first use), or set SDA_TRAINER_CLASSPATH");
            return 1;
        }
        List<String> command = TrainerProcess.command(classPath.get(), mainClass, arguments);
        Process trainer = new ProcessBuilder(command).inheritIO().start();
        Thread stopper = new Thread(() -> stop(trainer), "sda-train-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return trainer.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running and will wait for the trainer.
            }
        }
    }

    /** Passes a stop on as SIGTERM and gives the trainer time to save its checkpoint. */
    private static void stop(Process trainer) {
        if (!trainer.isAlive()) {
            return;
        }
        trainer.destroy();
        try {
            if (!trainer.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                trainer.destroyForcibly();
            }
        } catch (InterruptedException e) {
            trainer.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code SDA_TRAINER_CLASSPATH}, else the trainer built in the checkout this command runs from. */
    static Optional<String> trainerClassPath() {
        return TrainerProcess.classPath(SdaHome.find());
    }
}
