package org.sda.installers.carla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.instrument.InstrumentParameter;

/**
 * A second real host beside Ardour: Carla's plugin scanner ({@code carla-discovery-native}) loads
 * the bundle, reads what it is, activates it and calls {@code process()} once, as Carla does for
 * every plugin it lists. Debian 12 has no Carla package, so the tool is looked up on the PATH, in
 * Carla's usual library folders, or at {@code -Dsda.carla.discovery=PATH} (a build from Carla's
 * source); without it the test is skipped with a note.
 */
class CarlaDiscoveryIT {

    static final String TOOL_PROPERTY = "sda.carla.discovery";
    private static final String TOOL = "carla-discovery-native";

    @TempDir
    Path dir;

    @Test
    void carlasScannerLoadsActivatesAndProcessesTheBundle() throws Exception {
        Path tool = find().orElse(null);
        Assumptions.assumeTrue(tool != null, TOOL + " (Carla's plugin scanner) not found on the PATH, in "
                + "/usr/lib/carla or /usr/local/lib/carla, nor given with -D" + TOOL_PROPERTY
                + ": skipping the scan in Carla");
        Path bundle = Path.of(System.getProperty("sda.bundle"));
        assertThat(bundle.resolve("Contents/x86_64-linux/SmallDataSetAudio.so")).isRegularFile();

        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path log = dir.resolve("discovery.log");
        ProcessBuilder builder = new ProcessBuilder(tool.toString(), "vst3", bundle.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The instrument's cache and settings go to a home of the test's own.
        builder.environment().put("HOME", home.toString());
        builder.environment().keySet().removeIf(k -> k.startsWith("XDG_"));
        Process process = builder.start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("the scan ends within 2 minutes:\n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit status (a crash is 128 + the signal):\n%s", output).isZero();
        assertThat(output).as("Carla reports no error").doesNotContain("carla-discovery::error::");

        Map<String, String> info = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("carla-discovery::")) {
                String[] parts = line.strip().split("::", 3);
                if (parts.length == 3) {
                    info.put(parts[1], parts[2]);
                }
            }
        }
        assertThat(info).as(output)
                .containsEntry("init", "------------")
                .containsEntry("name", "Small DataSet Audio")
                .containsEntry("category", "synth")
                .containsEntry("audio.ins", "0")
                .containsEntry("audio.outs", "2")
                .containsEntry("midi.ins", "1")
                .containsEntry("parameters.ins", String.valueOf(InstrumentParameter.values().length))
                .containsEntry("end", "------------");
    }

    private static Optional<Path> find() {
        String given = System.getProperty(TOOL_PROPERTY);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(s -> Path.of(s, TOOL));
        return Stream.concat(onPath, Stream.of(Path.of("/usr/lib/carla", TOOL), Path.of("/usr/local/lib/carla", TOOL)))
                .filter(Files::isExecutable).findFirst();
    }
}
