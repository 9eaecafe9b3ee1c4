package org.sda.engine.training;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The trainer in a JVM of its own, run with {@code --progress json}: its stdout lines become
 * {@link TrainingEvent}s for a {@link TrainingSink}. PyTorch loads in that process only, and a crash
 * or a cancel of training takes nothing else down.
 *
 * <p>Threads: the sink is called on this object's reader thread ({@code sda-trainer-events}), one
 * event at a time and in order; a sink that touches Swing moves to the event thread itself. When the
 * trainer exits without having said why ({@code done} or {@code error}) and its exit code is not 0
 * or 130 (cancelled) and it was not cancelled, an {@link TrainingEvent.Error} is made from the last lines it wrote to stderr.
 * {@link #exit()} completes after the last event has been delivered.
 */
public final class TrainerProcess {

    /** The trainer's entry point (in {@code sda-trainer.jar}). */
    public static final String TRAINER_MAIN = "org.sda.trainer.cli.TrainerMain";
    /** The exit code of a trainer that was cancelled and wrote its checkpoint. */
    public static final int CANCELLED = 130;
    /** How long a cancelled trainer may take to write its checkpoint before it is killed. */
    static final long STOP_GRACE_SECONDS = 60;
    private static final int STDERR_LINES = 20;

    private final Process process;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile boolean cancelled;

    private TrainerProcess(Process process) {
        this.process = process;
    }

    /**
     * The trainer's class path: {@code SDA_TRAINER_CLASSPATH}, else the trainer built in the checkout
     * or installation at {@code home} ({@code trainer/target/sda-trainer.jar} and its {@code lib/}).
     */
    public static Optional<String> classPath(Optional<Path> home) {
        String explicit = System.getenv("SDA_TRAINER_CLASSPATH");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit);
        }
        return home.flatMap(h -> {
            Path target = h.resolve("trainer").resolve("target");
            Path jar = target.resolve("sda-trainer.jar");
            Path lib = target.resolve("lib");
            if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
                return Optional.empty();
            }
            return Optional.of(jar + File.pathSeparator + lib.resolve("*"));
        });
    }

    /** The command line that starts {@code mainClass} in a new JVM of the running Java. */
    public static List<String> command(String classPath, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // PyTorch's native libraries come from the Maven artifacts on the class path: never download.
        command.add("-Dai.djl.offline=true");
        command.add("-Dorg.slf4j.simpleLogger.log.ai.djl=warn");
        command.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error");
        command.add("-Dorg.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine=error");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /**
     * Starts the trainer with {@code arguments} (to which {@code --progress json} is added).
     *
     * @throws IOException when the JVM cannot be started
     */
    public static TrainerProcess start(String classPath, List<String> arguments, TrainingSink sink) throws IOException {
        return start(classPath, TRAINER_MAIN, arguments, sink);
    }

    /** {@link #start(String, List, TrainingSink)} with another main class (tests use a fake trainer). */
    static TrainerProcess start(String classPath, String mainClass, List<String> arguments, TrainingSink sink)
            throws IOException {
        List<String> args = new ArrayList<>(arguments);
        args.add("--progress");
        args.add("json");
        Process p = new ProcessBuilder(command(classPath, mainClass, args)).start();
        TrainerProcess trainer = new TrainerProcess(p);
        trainer.startReaders(sink);
        return trainer;
    }

    private void startReaders(TrainingSink sink) {
        Thread errors = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_LINES) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // The process is gone; what was read is kept.
            }
        }, "sda-trainer-stderr");
        errors.setDaemon(true);
        errors.start();
        Thread events = new Thread(() -> {
            boolean explained = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Optional<TrainingEvent> event;
                    try {
                        event = TrainingEventJson.read(line);
                    } catch (IllegalArgumentException malformed) {
                        continue;
                    }
                    if (event.isPresent()) {
                        TrainingEvent e = event.get();
                        if (e instanceof TrainingEvent.Error || e instanceof TrainingEvent.Done) {
                            explained = true;
                        }
                        sink.accept(e);
                    }
                }
            } catch (IOException e) {
                // The process is gone; its exit code says the rest.
            }
            int code;
            try {
                code = process.waitFor();
                errors.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = -1;
            }
            if (code != 0 && code != CANCELLED && !explained && !cancelled) {
                sink.accept(new TrainingEvent.Error("the trainer stopped unexpectedly (exit code " + code + ")"
                        + (stderrTail().isEmpty() ? "" : ": " + stderrTail())));
            }
            exit.complete(code);
        }, "sda-trainer-events");
        events.setDaemon(true);
        events.start();
    }

    /** The last lines the trainer wrote to stderr, joined by line breaks. */
    public String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail).strip();
        }
    }

    /**
     * Asks the trainer to stop (SIGTERM): it finishes its step, writes its checkpoint and exits with
     * {@link #CANCELLED}; one that takes longer than a minute is killed. Returns at once; any thread.
     */
    public void cancel() {
        if (!process.isAlive()) {
            return;
        }
        cancelled = true;
        // Through the handle: Process.destroy() would also close our ends of its stdout and stderr,
        // losing the checkpoint event the trainer writes as it stops.
        process.toHandle().destroy();
        process.onExit().completeOnTimeout(process, STOP_GRACE_SECONDS, TimeUnit.SECONDS).thenRun(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        });
    }

    /** Whether {@link #cancel} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code once the trainer has exited and every event was delivered. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    public long pid() {
        return process.pid();
    }
}
