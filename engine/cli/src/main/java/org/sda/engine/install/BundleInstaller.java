package org.sda.engine.install;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts a {@link PluginBundle} into a plugin folder and takes it out again.
 *
 * <p>Install copies the bundle to a hidden sibling ({@code .SmallDataSetAudio.vst3.<nonce>.part},
 * which no host scans: the name does not end in {@code .vst3}) and renames it into place, so a
 * host scanning meanwhile sees the old bundle or the new one, never half a copy. An older
 * install of ours is first renamed aside and deleted only after the new one is in place; if
 * the second rename fails the old one is put back. A folder or link of the same name that is
 * not ours (no marker with our id) is never touched: install and uninstall refuse and say so.
 * The one moment without any bundle is between the two renames of an upgrade (a directory
 * cannot be renamed over a non-empty one).
 *
 * <p>Not thread-safe against two installs into the same folder at once (the second rename of
 * the slower one fails and is reported). Blocking file I/O; call it from a command or a worker.
 */
public final class BundleInstaller {

    /** What an install did. */
    public record Installed(Path location, String version, Optional<String> replacedVersion) {
    }

    /** What an uninstall did; {@code version} is empty when there was nothing to remove. */
    public record Uninstalled(Path location, Optional<String> version) {

        public boolean removed() {
            return version.isPresent();
        }
    }

    private static final String HIDDEN_PREFIX = "." + PluginBundle.DIRECTORY_NAME + ".";

    /** The per-user VST3 folder on Linux, {@code ~/.vst3}, where hosts look without being told. */
    public static Path defaultTarget() {
        return Path.of(System.getProperty("user.home"), ".vst3");
    }

    /**
     * Installs {@code bundle} as {@code targetDir/SmallDataSetAudio.vst3}, creating the folder
     * when needed and replacing an earlier install of ours.
     *
     * @throws InstallException when the target holds something that is not ours, or a copy or
     *     rename fails; the message names the path and what to do
     */
    public Installed install(PluginBundle bundle, Path targetDir) throws InstallException {
        Path target = targetDir.toAbsolutePath().normalize();
        Path destination = target.resolve(PluginBundle.DIRECTORY_NAME);
        if (destination.equals(bundle.root())) {
            throw new InstallException(destination, "this is the bundle being installed; nothing to do");
        }
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new InstallException(target, "cannot create the plugin folder (" + e.getMessage() + ")", e);
        }
        Optional<String> previous = existingInstall(destination);
        removeLeftovers(target);

        Path staging = target.resolve(HIDDEN_PREFIX + nonce() + ".part");
        try {
            copyTree(bundle.root(), staging);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new InstallException(target, "copying the bundle failed (" + e.getMessage() + "); nothing was changed", e);
        }
        if (previous.isEmpty()) {
            move(staging, destination);
            return new Installed(destination, bundle.version(), Optional.empty());
        }
        Path aside = target.resolve(HIDDEN_PREFIX + nonce() + ".old");
        move(destination, aside);
        try {
            move(staging, destination);
        } catch (InstallException e) {
            try {
                Files.move(aside, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            deleteQuietly(staging);
            throw e;
        }
        deleteQuietly(aside); // what is left of it is hidden and goes with the next install
        return new Installed(destination, bundle.version(), previous);
    }

    /**
     * Removes {@code targetDir/SmallDataSetAudio.vst3} when it is ours; does nothing, and says
     * so through the result, when there is none.
     *
     * @throws InstallException when the folder there is not ours or cannot be removed
     */
    public Uninstalled uninstall(Path targetDir) throws InstallException {
        Path target = targetDir.toAbsolutePath().normalize();
        Path destination = target.resolve(PluginBundle.DIRECTORY_NAME);
        Optional<String> version = existingInstall(destination);
        if (version.isEmpty()) {
            return new Uninstalled(destination, Optional.empty());
        }
        Path aside = target.resolve(HIDDEN_PREFIX + nonce() + ".old");
        move(destination, aside);
        try {
            deleteTree(aside);
        } catch (IOException e) {
            throw new InstallException(aside, "the plugin is uninstalled, but removing its files failed ("
                    + e.getMessage() + "); delete this folder by hand", e);
        }
        removeLeftovers(target);
        return new Uninstalled(destination, version);
    }

    /**
     * The version of our bundle at {@code destination}; empty when nothing is there.
     *
     * @throws InstallException when something that is not ours is there
     */
    private static Optional<String> existingInstall(Path destination) throws InstallException {
        if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isSymbolicLink(destination)) {
            throw new InstallException(destination, "is a symbolic link, which sda does not make; "
                    + "leaving it alone (remove it yourself if you want sda to manage this plugin)");
        }
        Optional<String> version = PluginBundle.markerVersion(destination);
        if (version.isEmpty()) {
            throw new InstallException(destination, "is not a Small DataSet Audio bundle installed by sda (no "
                    + PluginBundle.MARKER + "); leaving it alone (move it away first)");
        }
        return version;
    }

    private static void move(Path from, Path to) throws InstallException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new InstallException(to, "the file system cannot rename folders atomically", e);
        } catch (IOException e) {
            throw new InstallException(to, "renaming " + from.getFileName() + " to " + to.getFileName()
                    + " failed (" + e + ")", e);
        }
    }

    /** Removes hidden staging and set-aside folders that an interrupted run left behind. */
    private static void removeLeftovers(Path target) {
        List<Path> leftovers = new ArrayList<>();
        try (var entries = Files.list(target)) {
            entries.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(HIDDEN_PREFIX) && (name.endsWith(".part") || name.endsWith(".old"));
            }).forEach(leftovers::add);
        } catch (IOException e) {
            return; // only housekeeping
        }
        leftovers.forEach(BundleInstaller::deleteQuietly);
    }

    /** Copies a folder tree; links are copied as links, file modes (the executable bit) are kept. */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectory(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a folder tree without following links out of it. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException ignored) {
            // Hidden leftovers are removed by the next install or uninstall.
        }
    }

    private static String nonce() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
