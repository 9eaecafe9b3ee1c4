package org.sda.ui.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sda.engine.library.ModelLibrary;
import org.sda.engine.training.TrainerProcess;

/**
 * Where the app keeps things: the model library, its settings file, the folder trainings write
 * into (with their checkpoints), and how to start the trainer. Tests make one in a temporary folder.
 *
 * @param trainerClassPath the trainer's class path; empty when it is not built (Train says so)
 */
public record AppContext(Path libraryRoot, Path settingsFile, Path workFolder, Optional<String> trainerClassPath) {

    /** The user's folders (XDG), and the trainer of the checkout or installation this app runs from. */
    public static AppContext fromEnvironment() {
        Path data = xdg("XDG_DATA_HOME", ".local/share").resolve("sda");
        Path config = xdg("XDG_CONFIG_HOME", ".config").resolve("sda");
        return new AppContext(ModelLibrary.defaultRoot(), config.resolve("app.json"), data.resolve("training"),
                TrainerProcess.classPath(home()));
    }

    private static Path xdg(String variable, String fallback) {
        String v = System.getenv(variable);
        return v != null && !v.isBlank() ? Path.of(v) : Path.of(System.getProperty("user.home")).resolve(fallback);
    }

    /**
     * The checkout or installation: {@code sda.home} (the {@code ./sda} launcher sets it), else
     * {@code SDA_HOME}, else the nearest folder above this app's code that holds {@code trainer/}.
     */
    public static Optional<Path> home() {
        String property = System.getProperty("sda.home");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        String env = System.getenv("SDA_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        try {
            Path code = Path.of(AppContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("trainer")) && Files.isDirectory(dir.resolve("engine"))) {
                    return Optional.of(dir);
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
