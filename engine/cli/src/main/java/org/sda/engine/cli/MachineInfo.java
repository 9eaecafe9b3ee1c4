package org.sda.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line describing the machine a benchmark ran on, for the record in the benchmark notes. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the CPU name is a nicety.
        }
        return String.format(Locale.ROOT, "%s, %d cores visible to the JVM, %d MiB max heap, Java %s, %s",
                cpu, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name"));
    }
}
