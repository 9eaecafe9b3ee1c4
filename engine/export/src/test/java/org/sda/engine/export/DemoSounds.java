package org.sda.engine.export;

import java.nio.file.Path;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.audio.Mixdown;

/** The bundled CC0 demo sounds, as the export tests use them. */
final class DemoSounds {

    static final Path FOLDER = Path.of("..", "..", "installers", "demo-sounds");

    private DemoSounds() {}

    /** The first {@code seconds} of a demo sound, mixed to mono. */
    static AudioBuffer mono(String name, double seconds) throws AudioReadException {
        AudioBuffer full = Mixdown.toMono(AudioFiles.readStart(FOLDER.resolve(name), seconds));
        return full;
    }
}
