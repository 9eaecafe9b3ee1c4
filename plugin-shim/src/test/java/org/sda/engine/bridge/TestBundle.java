package org.sda.engine.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A test copy of the plugin bundle, laid out as the installers module lays out the real one:
 * {@code Contents/x86_64-linux/SmallDataSetAudio.so} and the engine's jars in
 * {@code Contents/Resources/lib}. The JVM comes from JAVA_HOME (the JDK running the tests).
 *
 * <p>Until the real instrument ({@code org.sda.engine.instrument.Instruments}) is on the class
 * path, the bundle also carries this module's test classes and the bridge is pointed at
 * {@link ToneTestInstrument}.
 */
record TestBundle(Path root, Path library, Path host, boolean realInstrument) {

    static TestBundle assemble(Path work) throws IOException {
        Path shimTarget = Path.of(System.getProperty("shim.target", "target")).toAbsolutePath();
        Path engineTarget = Path.of(System.getProperty("engine.target", "../engine/target")).toAbsolutePath();
        Path root = work.resolve("SmallDataSetAudio.vst3");
        Path binary = root.resolve("Contents/x86_64-linux");
        Path lib = root.resolve("Contents/Resources/lib");
        Files.createDirectories(binary);
        Files.createDirectories(lib);
        Path so = binary.resolve("SmallDataSetAudio.so");
        Files.copy(shimTarget.resolve("SmallDataSetAudio.so"), so, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(engineTarget.resolve("sda-engine.jar"), lib.resolve("sda-engine.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> jars = Files.list(engineTarget.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        boolean real = hasRealInstrument();
        if (!real) {
            jarTestClasses(shimTarget.resolve("test-classes"), lib.resolve("sda-shim-test.jar"));
        }
        return new TestBundle(root, so, shimTarget.resolve("sda-test-host"), real);
    }

    static boolean hasRealInstrument() {
        try {
            Class.forName(PluginBridge.DEFAULT_FACTORY);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Environment for the host process: the JVM to use and, for the test instrument, its factory. */
    void environment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SDA_STATS", "1");
        if (!realInstrument) {
            env.put("SDA_JVM_OPTIONS", "-D" + PluginBridge.FACTORY_PROPERTY + "=" + ToneTestInstrument.class.getName());
        }
    }

    /** A file that stands for a model; {@code variant} changes what it sounds like. */
    void writeModelFile(Path path, int variant) throws IOException {
        Files.write(path, new byte[7 + 3 * variant]);   // 1 harmonic, 4, 7 (size mod 7)
    }

    /** The instrument's state JSON that plays the model at {@code model}. */
    String stateFor(Path model) {
        return "{\"model\":\"" + model.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static void jarTestClasses(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && f.toString().endsWith(".class")) {
                    j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, j);
                    j.closeEntry();
                }
            }
        }
    }
}
