package org.sda.installers.ardour;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Ardour 7 as installed by {@code apt-get install ardour}: the Lua session tool
 * ({@code ardour7-lua}, which runs sessions on the "None (Dummy)" backend) and the VST3 scanner
 * (not on the PATH; Debian puts it in Ardour's library folder).
 *
 * <p>Every run gets its own {@code HOME}, so Ardour's configuration, its plugin cache
 * ({@code ~/.cache/ardour7}) and its VST3 search folder ({@code ~/.vst3}) belong to the test and
 * the user's own are never read or written.
 */
final class Ardour {

    /** Set to true (CI does) to fail, rather than skip, when Ardour is not installed. */
    static final String REQUIRED_PROPERTY = "sda.ardour.required";

    /** What one run printed and how it ended. */
    record Run(int exitCode, boolean timedOut, String output) {

        /** Killed by a signal (the shell convention 128 + n), e.g. 134 for SIGABRT, 139 for SIGSEGV. */
        boolean crashed() {
            return !timedOut && exitCode > 128;
        }
    }

    private final Path lua;
    private final Path scanner;

    private Ardour(Path lua, Path scanner) {
        this.lua = lua;
        this.scanner = scanner;
    }

    /** The installed Ardour 7, or a skipped test (a failed one when {@value #REQUIRED_PROPERTY} is true). */
    static Ardour require() {
        Optional<Ardour> found = find();
        if (found.isEmpty()) {
            String message = "Ardour 7 is not installed (Debian: apt-get install ardour): "
                    + "skipping the tests in a real host";
            if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
                fail(message + ", but " + REQUIRED_PROPERTY + " is set");
            }
            Assumptions.assumeTrue(false, message);
        }
        return found.get();
    }

    static Optional<Ardour> find() {
        Optional<Path> lua = Stream.of("/usr/bin/ardour7-lua", "/usr/local/bin/ardour7-lua")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        Optional<Path> scanner = Stream.of("/usr/lib/ardour7/ardour-vst3-scanner",
                        "/usr/lib/x86_64-linux-gnu/ardour7/ardour-vst3-scanner",
                        "/usr/local/lib/ardour7/ardour-vst3-scanner")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        return lua.isPresent() && scanner.isPresent() ? Optional.of(new Ardour(lua.get(), scanner.get()))
                : Optional.empty();
    }

    /**
     * Runs {@code ardour-vst3-scanner -f -v BUNDLE}: it loads the bundle's library, asks the
     * factory and each class for its description, and writes the cache a session reads.
     */
    Run scan(Path home, Path bundle, Duration timeout) throws IOException, InterruptedException {
        // The wrapper scripts that Debian puts on the PATH set this for the other tools.
        return run(home, List.of(scanner.toString(), "-f", "-v", bundle.toAbsolutePath().toString()),
                Map.of("LD_LIBRARY_PATH", scanner.getParent().toString()), timeout);
    }

    /** Runs a Lua script in {@code ardour7-lua} with the given arguments ({@code arg[1]...}). */
    Run lua(Path home, Path script, Duration timeout, String... args) throws IOException, InterruptedException {
        return lua(home, Map.of(), script, timeout, args);
    }

    /** As {@link #lua(Path, Path, Duration, String...)}, with extra environment variables. */
    Run lua(Path home, Map<String, String> env, Path script, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(lua.toString(), script.toString()));
        command.addAll(List.of(args));
        return run(home, command, env, timeout);
    }

    /** Ardour's per-user plugin cache folder under a test's home. */
    static Path cacheFolder(Path home) {
        return home.resolve(".cache").resolve("ardour7");
    }

    private static Run run(Path home, List<String> command, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path log = Files.createTempFile(home, "ardour-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.keySet().removeIf(k -> k.startsWith("XDG_"));
        env.putAll(extraEnv);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String output;
        try (InputStream in = Files.newInputStream(log)) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Run(finished ? process.exitValue() : -1, !finished, output);
    }
}
