package org.sda.engine.instrument.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where presets live: the user's folder ({@code ~/.vst3/presets/<vendor>/<plugin>/}, where VST3
 * hosts look for them on Linux) and the factory folder the bundle carries
 * ({@code Contents/Resources/presets}). Lists them in one order for next/previous. Immutable;
 * touches the disk only when asked, never on a render thread.
 *
 * @param user the user's preset folder (created on the first save)
 * @param factory the factory presets' folder, or {@code null} when there is none
 */
public record PresetLibrary(Path user, Path factory) {

    /** The user's folder under {@code home}, as VST3 hosts on Linux expect it. */
    public static Path userFolder(Path home) {
        return home.resolve(".vst3").resolve("presets").resolve(VstPreset.VENDOR).resolve(VstPreset.PLUGIN);
    }

    /** The user's folder under the home directory, and the factory folder if given. */
    public static PresetLibrary forUser(Path factory) {
        return new PresetLibrary(userFolder(Path.of(System.getProperty("user.home"))), factory);
    }

    /** Every preset file: the factory's first, then the user's, each by name. Missing folders list nothing. */
    public List<Path> list() throws IOException {
        List<Path> all = new ArrayList<>();
        all.addAll(presetsIn(factory));
        all.addAll(presetsIn(user));
        return all;
    }

    /** The file for a new user preset called {@code name} (characters a file name cannot hold are replaced). */
    public Path userFile(String name) {
        String safe = name.strip().replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "Preset" + safe;
        }
        return user.resolve(safe + VstPreset.EXTENSION);
    }

    /** Writes {@code preset} as the user's preset {@code name}, creating the folder; returns the file. */
    public Path save(String name, VstPreset preset) throws IOException {
        Files.createDirectories(user);
        Path file = userFile(name);
        preset.write(file);
        return file;
    }

    /** The preset {@code step} places after {@code current} in {@link #list}, wrapping; the first when {@code current} is not listed. */
    public Path step(Path current, int step) throws IOException {
        List<Path> all = list();
        if (all.isEmpty()) {
            return null;
        }
        int i = current == null ? -1 : all.indexOf(current);
        if (i < 0) {
            return step >= 0 ? all.get(0) : all.get(all.size() - 1);
        }
        return all.get(Math.floorMod(i + step, all.size()));
    }

    /** The name a preset file shows: its file name without the ending. */
    public static String displayName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(VstPreset.EXTENSION) ? n.substring(0, n.length() - VstPreset.EXTENSION.length()) : n;
    }

    private static List<Path> presetsIn(Path folder) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(VstPreset.EXTENSION))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .toList();
        }
    }
}
