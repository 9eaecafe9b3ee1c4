package org.sda.engine.instrument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an instrument finds what lies outside the project: the built-in demo model, the folder of
 * generated variations it keeps, and which {@link InstrumentFactory} makes it. The plugin's bridge
 * builds one from the bundle the shim was loaded from (through its attach call, whoever started the
 * JVM); the standalone host and the tools build one from the environment. No JVM-wide property is
 * read: two instruments in one JVM may be configured differently.
 *
 * @param demoModel played until a state or a model is given; empty for none
 * @param variationCache the folder of generated variations; empty for no cache
 * @param factory the class name of the {@link InstrumentFactory} to use; empty for the one found
 */
public record InstrumentConfig(Optional<Path> demoModel, Optional<Path> variationCache, Optional<String> factory) {

    /** Environment variable: a folder for the variation cache, or {@code off}. */
    public static final String CACHE_VARIABLE = "SDA_VARIATION_CACHE";
    /** Environment variable: the class name of the instrument factory to use (tests, other front ends). */
    public static final String FACTORY_VARIABLE = "SDA_INSTRUMENT_FACTORY";

    public InstrumentConfig {
        Objects.requireNonNull(demoModel);
        Objects.requireNonNull(variationCache);
        Objects.requireNonNull(factory);
    }

    /** No demo model, the variation cache where the environment says, the factory it names. */
    public static InstrumentConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static InstrumentConfig fromEnvironment(Map<String, String> env) {
        return new InstrumentConfig(Optional.empty(), cacheFrom(env), nonBlank(env.get(FACTORY_VARIABLE)));
    }

    /**
     * The plugin bundle's configuration: its {@code Contents/Resources} folder holds the demo model
     * ({@code demo.sda}, with its variations made ahead beside it); the rest as
     * {@link #fromEnvironment()}.
     */
    public static InstrumentConfig forBundle(Path resources, Map<String, String> env) {
        Path demo = resources.resolve("demo.sda");
        return fromEnvironment(env).withDemoModel(Files.isRegularFile(demo) ? demo : null);
    }

    public InstrumentConfig withDemoModel(Path model) {
        return new InstrumentConfig(Optional.ofNullable(model), variationCache, factory);
    }

    public InstrumentConfig withVariationCache(Path folder) {
        return new InstrumentConfig(demoModel, Optional.ofNullable(folder), factory);
    }

    /**
     * {@code $SDA_VARIATION_CACHE} (a folder, or {@code off}); else {@code $SDA_CACHE_DIR/variations},
     * {@code $XDG_CACHE_HOME/sda/variations} or {@code ~/.cache/sda/variations}.
     */
    private static Optional<Path> cacheFrom(Map<String, String> env) {
        Optional<String> explicit = nonBlank(env.get(CACHE_VARIABLE));
        if (explicit.isPresent()) {
            return explicit.get().equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Path.of(explicit.get()));
        }
        Optional<String> cacheDir = nonBlank(env.get("SDA_CACHE_DIR"));
        Path base = cacheDir.map(Path::of).orElseGet(() -> nonBlank(env.get("XDG_CACHE_HOME")).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache")).resolve("sda"));
        return Optional.of(base.resolve("variations"));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
