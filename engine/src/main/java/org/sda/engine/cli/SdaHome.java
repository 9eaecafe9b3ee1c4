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
        // Running from engine/target/sda-engine.jar in a checkout: home is two folders up.
        try {
            Path jar = Path.of(SdaHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent() == null ? null : jar.getParent().getParent();
            if (candidate != null && candidate.getParent() != null
                    && Files.isDirectory(candidate.getParent().resolve("installers"))) {
                return Optional.of(candidate.getParent());
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
