package org.sda.engine.instrument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.audio.Resampler;

/** The bundled CC0 demo sounds, mono at 44.1 kHz, read once per test JVM. */
final class DemoSounds {

    static final int RATE = 44100;
    static final Path FOLDER = Path.of("..", "..", "installers", "demo-sounds");
    private static List<Clip> clips;

    record Clip(String name, float[] samples) {
    }

    private DemoSounds() {}

    static synchronized List<Clip> all() {
        if (clips == null) {
            List<Clip> read = new ArrayList<>();
            try (Stream<Path> files = Files.list(FOLDER)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".flac")).sorted().toList()) {
                    float[] mono = Resampler.resample(Mixdown.toMono(AudioFiles.read(f)), RATE).samples();
                    read.add(new Clip(f.getFileName().toString(), mono));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (AudioReadException e) {
                throw new IllegalStateException(e);
            }
            clips = List.copyOf(read);
        }
        return clips;
    }

    static Clip named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
