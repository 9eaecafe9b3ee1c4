package org.sda.engine.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the product's own files are: the source checkout (when run through the {@code ./sda}
 * launcher, which sets {@code sda.home}) or an installation ({@code SDA_HOME}).
 */
final class SdaHome {

    private SdaHome() {
    }

    static Optional<Path> find() {
        String property = System.getProperty("sda.home");
        if (property != null) {
            return Optional.of(Path.of(property));
        }
        String env = System.getenv("SDA_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        // Running from engine/cli/target/sda-cli.jar (or its classes folder) in a checkout: home is the
        // nearest folder above that holds both engine/ and installers/.
        try {
            Path code = Path.of(SdaHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("installers")) && Files.isDirectory(dir.resolve("engine"))) {
                    return Optional.of(dir);
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The built-in demo model, trained on the demo sounds. */
    static Optional<Path> demoModel() {
        return find().map(home -> home.resolve("installers").resolve("demo-model").resolve("demo.sda"))
                .filter(Files::isRegularFile);
    }

    /** The bundled CC0 demo sounds. */
    static Optional<Path> demoSounds() {
        return find().map(home -> home.resolve("installers").resolve("demo-sounds")).filter(Files::isDirectory);
    }
}
