package org.sda.engine.instrument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sda.engine.io.AtomicFiles;

/**
 * The model a new instrument starts with, chosen by the user ({@code sda plugin model FILE}) until
 * the plugin has an editor to pick one in: one absolute path in
 * {@code $XDG_CONFIG_HOME/sda/instrument-model} (by default {@code ~/.config/sda/}). A project
 * saves the model it played by path and hash, so changing this never changes a saved project.
 * Without it, new instruments play the built-in demo model.
 */
public final class StartModel {

    /** System property naming the settings file instead of the default location (tests, front ends). */
    public static final String FILE_PROPERTY = "sda.instrument.model.file";

    private StartModel() {
    }

    /** Where the choice is kept. */
    public static Path settingsFile() {
        String override = System.getProperty(FILE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("sda").resolve("instrument-model");
    }

    /** The chosen model, if one is set (the file may since have gone: the instrument then says so). */
    public static Optional<Path> chosen() {
        Path settings = settingsFile();
        try {
            if (!Files.isRegularFile(settings)) {
                return Optional.empty();
            }
            String text = Files.readString(settings, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
        } catch (IOException | RuntimeException e) { // unreadable or not a path: as if none were set
            return Optional.empty();
        }
    }

    /** Sets the model new instruments start with (absolute, normalized); written atomically. */
    public static void choose(Path model) throws IOException {
        Path settings = settingsFile();
        Files.createDirectories(settings.toAbsolutePath().getParent());
        byte[] line = (model.toAbsolutePath().normalize() + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(settings, out -> out.write(line));
    }

    /** Back to the built-in demo model. */
    public static void reset() throws IOException {
        Files.deleteIfExists(settingsFile());
    }
}
