package org.sda.engine.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@code SmallDataSetAudio.vst3} bundle folder, checked to be complete and ours.
 *
 * <p>Layout (built by the installers module):
 * <pre>
 * SmallDataSetAudio.vst3/Contents/x86_64-linux/SmallDataSetAudio.so   the native shim
 * SmallDataSetAudio.vst3/Contents/Resources/lib/*.jar                  engine and its libraries
 * SmallDataSetAudio.vst3/Contents/Resources/runtime/                   the Java runtime
 * SmallDataSetAudio.vst3/Contents/Resources/demo.sda                   the built-in demo model
 * SmallDataSetAudio.vst3/Contents/Resources/sda-bundle.properties      the marker: id and version
 * </pre>
 *
 * <p>The marker is what lets install and uninstall tell our folder from someone else's that
 * happens to carry the same name: only a folder whose marker holds {@link #BUNDLE_ID} is ever
 * replaced or deleted. Immutable; safe to share between threads.
 */
public final class PluginBundle {

    /** The bundle folder's name, which hosts show in their scan logs. */
    public static final String DIRECTORY_NAME = "SmallDataSetAudio.vst3";
    /** The value of {@code bundle.id} in the marker of every bundle we build. */
    public static final String BUNDLE_ID = "org.sda.SmallDataSetAudio";

    static final String MARKER = "Contents/Resources/sda-bundle.properties";
    static final String BINARY = "Contents/x86_64-linux/SmallDataSetAudio.so";
    static final String LIBRARIES = "Contents/Resources/lib";

    private final Path root;
    private final String version;

    private PluginBundle(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /**
     * Opens a bundle to install from: the folder must hold the shim, at least one jar and our
     * marker.
     *
     * @throws InstallException naming the folder and what is missing
     */
    public static PluginBundle open(Path folder) throws InstallException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InstallException(root, "no plugin bundle here (not a folder)");
        }
        Optional<String> version = markerVersion(root);
        if (version.isEmpty()) {
            throw new InstallException(root, "not a Small DataSet Audio bundle (no " + MARKER + " with bundle.id="
                    + BUNDLE_ID + ")");
        }
        if (!Files.isRegularFile(root.resolve(BINARY))) {
            throw new InstallException(root, "incomplete bundle: " + BINARY + " is missing");
        }
        if (!hasJar(root.resolve(LIBRARIES))) {
            throw new InstallException(root, "incomplete bundle: no jars in " + LIBRARIES);
        }
        return new PluginBundle(root, version.get());
    }

    /**
     * The bundle a jar belongs to, when it runs from {@code X.vst3/Contents/Resources/lib/}:
     * how the copy of {@code sda} inside a bundle finds the bundle to install.
     */
    public static Optional<Path> enclosing(Path jar) {
        Path lib = jar.toAbsolutePath().normalize().getParent();
        if (lib == null || !lib.endsWith(Path.of("Contents", "Resources", "lib"))) {
            return Optional.empty();
        }
        Path root = lib.getParent().getParent().getParent();
        return root != null && root.getFileName().toString().endsWith(".vst3") ? Optional.of(root) : Optional.empty();
    }

    /**
     * The version in the folder's marker when the folder is one of our bundles (a real folder,
     * not a link, with our id), else empty. Never throws: an unreadable marker means "not ours".
     */
    static Optional<String> markerVersion(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!BUNDLE_ID.equals(properties.getProperty("bundle.id"))) {
            return Optional.empty();
        }
        return Optional.of(properties.getProperty("bundle.version", "unknown version"));
    }

    private static boolean hasJar(Path lib) {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (var files = Files.list(lib)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The bundle's folder, absolute. */
    public Path root() {
        return root;
    }

    /** The version its marker states, e.g. {@code 0.1.0}. */
    public String version() {
        return version;
    }
}
