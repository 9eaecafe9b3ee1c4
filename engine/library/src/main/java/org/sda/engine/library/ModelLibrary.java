package org.sda.engine.library;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sda.engine.io.AtomicFiles;
import org.sda.engine.io.UserFolders;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * The user's model library: {@code .sda} files in {@code ROOT/models}, deleted ones in
 * {@code ROOT/trash} (until the trash is emptied), and the index {@code ROOT/library.db} that lists
 * and searches them. {@code ROOT} is {@link #defaultRoot()}.
 *
 * <p>The files are the source of truth. Opening checks the index and rebuilds it from the files
 * when it is missing or damaged ({@link #rebuildNote()} says so), then brings it up to date with
 * the folder ({@link #sync()}): models copied in by hand appear, models deleted behind the
 * library's back leave the list, and each is reported.
 *
 * <p>Two windows or a window and {@code sda model ...} may use one library at once: the index is
 * an SQLite database in WAL mode, new files take unique names by creating them exclusively, and
 * moves are atomic renames. Each instance is for one thread at a time; its calls do file I/O and
 * may take a while, so a UI calls them off its event thread.
 */
public final class ModelLibrary implements AutoCloseable {

    public static final String MODELS = "models";
    public static final String TRASH = "trash";
    public static final String DATABASE = "library.db";

    private final Path root;
    private final Path models;
    private final Path trash;
    private LibraryIndex index;
    private String rebuildNote;

    /** What {@link #sync()} found. */
    public record SyncReport(List<ModelEntry> added, List<ModelEntry> vanished, List<String> problems) {
        public SyncReport {
            added = List.copyOf(added);
            vanished = List.copyOf(vanished);
            problems = List.copyOf(problems);
        }
    }

    private ModelLibrary(Path root) {
        this.root = root;
        this.models = root.resolve(MODELS);
        this.trash = root.resolve(TRASH);
    }

    /**
     * {@code $SDA_LIBRARY_DIR}, else {@code $XDG_DATA_HOME/sda/library}, else
     * {@code ~/.local/share/sda/library}.
     */
    public static Path defaultRoot() {
        return UserFolders.data("SDA_LIBRARY_DIR", "library");
    }

    /**
     * Opens the library at {@code root}, creating its folders when missing, rebuilding the index
     * when it is missing or damaged, and syncing it with the files.
     *
     * @throws LibraryException naming the folder when it cannot be created or written (read-only)
     */
    public static ModelLibrary open(Path root) throws LibraryException {
        ModelLibrary library = new ModelLibrary(root.toAbsolutePath());
        library.createFolders();
        library.openIndex();
        library.sync();
        return library;
    }

    public Path root() {
        return root;
    }

    public Path modelsFolder() {
        return models;
    }

    /** Set when opening found the index damaged (or of another version) and rebuilt it from the files. */
    public Optional<String> rebuildNote() {
        return Optional.ofNullable(rebuildNote);
    }

    private void createFolders() throws LibraryException {
        for (Path dir : List.of(root, models, trash)) {
            try {
                Files.createDirectories(dir);
            } catch (AccessDeniedException e) {
                throw readOnly(dir);
            } catch (FileAlreadyExistsException e) {
                throw new LibraryException("the library folder " + dir + " is a file, not a folder");
            } catch (IOException e) {
                throw new LibraryException("the library folder " + dir + " cannot be created: " + e.getMessage(), e);
            }
            if (!Files.isWritable(dir)) {
                throw readOnly(dir);
            }
        }
    }

    private static LibraryException readOnly(Path dir) {
        return new LibraryException("the library folder " + dir + " is read-only: models cannot be saved there. "
                + "Make it writable, or point SDA_LIBRARY_DIR (or XDG_DATA_HOME) at a folder you can write");
    }

    private void openIndex() throws LibraryException {
        Path db = root.resolve(DATABASE);
        boolean existed = Files.exists(db);
        try {
            index = LibraryIndex.open(db);
            if (!existed) {
                rebuild();
            }
        } catch (SQLException e) {
            if (!LibraryIndex.isDamage(e)) {
                throw new LibraryException("the library database " + db + " cannot be opened: " + e.getMessage(), e);
            }
            Path aside = root.resolve(DATABASE + ".damaged-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.now()));
            try {
                Files.move(db, aside, StandardCopyOption.REPLACE_EXISTING);
                for (String suffix : List.of("-wal", "-shm")) {
                    Files.deleteIfExists(root.resolve(DATABASE + suffix));
                }
                index = LibraryIndex.open(db);
                int count = rebuild();
                rebuildNote = "The library database " + db + " was damaged (" + e.getMessage() + "); it was rebuilt "
                        + "from the " + count + " model file" + (count == 1 ? "" : "s") + " (the damaged copy is "
                        + aside.getFileName() + ")";
            } catch (IOException | SQLException again) {
                throw new LibraryException("the library database " + db + " is damaged and could not be rebuilt: "
                        + again.getMessage(), again);
            }
        }
    }

    /** Forgets the index and reads every model file again; returns how many models it lists now. */
    public synchronized int rebuild() throws LibraryException {
        List<ModelEntry> entries = new ArrayList<>();
        for (Path file : modelFiles()) {
            try {
                entries.add(describe(file, file.startsWith(trash)));
            } catch (ModelFileException e) {
                // Listed by sync() as a problem; a damaged file is not a model to list.
            }
        }
        try {
            index.clear();
            index.putAll(entries);
        } catch (SQLException e) {
            throw databaseFailure(e);
        }
        return entries.size();
    }

    /**
     * Brings the index up to date with the folders: indexes model files it does not list (or whose
     * size changed), and drops rows whose file is gone.
     */
    public synchronized SyncReport sync() throws LibraryException {
        List<ModelEntry> added = new ArrayList<>();
        List<ModelEntry> vanished = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            Map<Path, ModelEntry> listed = new HashMap<>();
            for (ModelEntry e : index.everything()) {
                if (Files.isRegularFile(e.file())) {
                    listed.put(e.file(), e);
                } else {
                    index.remove(e.id());
                    vanished.add(e);
                }
            }
            for (Path file : modelFiles()) {
                ModelEntry known = listed.get(file);
                if (known != null && sizeOf(file) == known.bytes()) {
                    continue;
                }
                try {
                    ModelEntry entry = index.put(describe(file, file.startsWith(trash)));
                    if (known == null) {
                        added.add(entry);
                    }
                } catch (ModelFileException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw databaseFailure(e);
        }
        return new SyncReport(added, vanished, problems);
    }

    /** The models matching {@code query}, newest first. */
    public synchronized List<ModelEntry> search(LibraryQuery query) throws LibraryException {
        try {
            return index.search(query);
        } catch (SQLException e) {
            throw databaseFailure(e);
        }
    }

    /**
     * The entry, checked against its file.
     *
     * @throws LibraryException when the model is not listed, or its file was deleted or moved
     *     behind the library's back (the row is dropped then, and the message names the file)
     */
    public synchronized ModelEntry get(long id) throws LibraryException {
        ModelEntry entry;
        try {
            entry = index.get(id).orElseThrow(() -> new LibraryException("no model with id " + id
                    + " in the library (deleted from another window?)"));
            if (!Files.isRegularFile(entry.file())) {
                index.remove(id);
                throw new LibraryException("the model \"" + entry.name() + "\" is gone: its file " + entry.file()
                        + " was deleted or moved outside the library; it has been taken off the list");
            }
        } catch (SQLException e) {
            throw databaseFailure(e);
        }
        return entry;
    }

    /**
     * Copies a model file into the library (the original stays where it is) and lists it.
     *
     * @param name the name to list it under; null keeps the manifest's
     * @throws LibraryException when the file is not a usable model (the message names it and the
     *     problem), or it cannot be written (disk full, permissions); nothing half-written stays
     */
    public synchronized ModelEntry add(Path source, String name, List<String> tags) throws LibraryException {
        SdaModel model;
        try {
            model = SdaModelFile.read(source);
        } catch (ModelFileException e) {
            throw new LibraryException(e.getMessage(), e);
        }
        String shown = name != null && !name.isBlank() ? name.strip()
                : model.manifest().name() != null && !model.manifest().name().isBlank() ? model.manifest().name()
                : stem(source);
        Path target = reserve(models, shown);
        try {
            AtomicFiles.replace(target, tmp -> Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING));
            if (name != null || tags != null) {
                new ModelNotes(shown, tags != null ? tags : model.manifest().tags()).write(target);
            }
            return index.put(describe(target, false));
        } catch (IOException e) {
            deleteQuietly(target);
            deleteQuietly(ModelNotes.fileFor(target));
            throw new LibraryException("could not save \"" + shown + "\" to " + models + ": " + ioReason(e), e);
        } catch (ModelFileException e) {
            deleteQuietly(target);
            throw new LibraryException("the copy in the library is not readable: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw databaseFailure(e);
        }
    }

    /** Gives a model a new name (kept in its notes file; the model file is not rewritten). */
    public synchronized ModelEntry rename(long id, String newName) throws LibraryException {
        if (newName == null || newName.isBlank()) {
            throw new LibraryException("a model needs a name");
        }
        ModelEntry e = get(id);
        return setNotes(e, newName.strip(), e.tags());
    }

    /** Adds and removes tags (case-insensitive; a tag is one word or a phrase without line breaks). */
    public synchronized ModelEntry tag(long id, List<String> add, List<String> remove) throws LibraryException {
        ModelEntry e = get(id);
        Set<String> tags = new LinkedHashSet<>();
        for (String t : e.tags()) {
            if (remove.stream().noneMatch(r -> r.strip().equalsIgnoreCase(t))) {
                tags.add(t);
            }
        }
        for (String t : add) {
            String clean = t.strip().replaceAll("\\s+", " ");
            if (!clean.isEmpty() && tags.stream().noneMatch(x -> x.equalsIgnoreCase(clean))) {
                tags.add(clean);
            }
        }
        return setNotes(e, e.name(), List.copyOf(tags));
    }

    private ModelEntry setNotes(ModelEntry e, String name, List<String> tags) throws LibraryException {
        try {
            new ModelNotes(name, tags).write(e.file());
            index.setNameAndTags(e.id(), name, tags);
            return index.get(e.id()).orElseThrow();
        } catch (IOException x) {
            throw new LibraryException("could not write the notes of \"" + e.name() + "\" beside " + e.file() + ": "
                    + ioReason(x), x);
        } catch (SQLException x) {
            throw databaseFailure(x);
        }
    }

    /** Moves a model to the trash; {@link #restore} undoes it until {@link #emptyTrash}. */
    public synchronized ModelEntry trash(long id) throws LibraryException {
        return move(get(id), trash, true);
    }

    /** Takes a model back out of the trash. */
    public synchronized ModelEntry restore(long id) throws LibraryException {
        return move(get(id), models, false);
    }

    private ModelEntry move(ModelEntry e, Path folder, boolean trashed) throws LibraryException {
        Path target = reserve(folder, stem(e.file()));
        try {
            Files.move(e.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path notes = ModelNotes.fileFor(e.file());
            if (Files.exists(notes)) {
                Files.move(notes, ModelNotes.fileFor(target), StandardCopyOption.REPLACE_EXISTING);
            }
            index.move(e.id(), target, trashed);
            return index.get(e.id()).orElseThrow();
        } catch (NoSuchFileException x) {
            deleteQuietly(target);
            throw new LibraryException("the model \"" + e.name() + "\" is gone: " + e.file()
                    + " was deleted or moved outside the library", x);
        } catch (IOException x) {
            deleteQuietly(target);
            throw new LibraryException("could not move " + e.file() + " to " + folder + ": " + ioReason(x), x);
        } catch (SQLException x) {
            throw databaseFailure(x);
        }
    }

    /** Deletes the models in the trash for good; returns how many. */
    public synchronized int emptyTrash() throws LibraryException {
        int n = 0;
        for (ModelEntry e : search(LibraryQuery.all().withTrashed(true))) {
            try {
                Files.deleteIfExists(e.file());
                Files.deleteIfExists(ModelNotes.fileFor(e.file()));
                index.remove(e.id());
                n++;
            } catch (IOException x) {
                throw new LibraryException("could not delete " + e.file() + ": " + ioReason(x), x);
            } catch (SQLException x) {
                throw databaseFailure(x);
            }
        }
        return n;
    }

    @Override
    public synchronized void close() {
        try {
            index.close();
        } catch (SQLException e) {
            // Closing a read connection: nothing is lost.
        }
    }

    /** Reads a model file's manifest and notes into an entry (not yet indexed). */
    static ModelEntry describe(Path file, boolean trashed) throws ModelFileException {
        SdaModel model = SdaModelFile.read(file);
        SdaManifest m = model.manifest();
        Optional<ModelNotes> notes = ModelNotes.read(file);
        String name = notes.map(ModelNotes::name).filter(n -> !n.isBlank())
                .orElse(m.name() != null && !m.name().isBlank() ? m.name() : stem(file));
        List<String> tags = notes.map(ModelNotes::tags).orElse(m.tags());
        String created = m.created();
        if (created == null || created.isBlank()) {
            try {
                created = Files.getLastModifiedTime(file).toInstant().toString();
            } catch (IOException e) {
                created = "";
            }
        }
        SdaManifest.Dataset d = m.dataset();
        List<SdaManifest.LevelHealth> health = m.training() != null ? m.training().health() : List.of();
        return new ModelEntry(0, file, name, tags, created, d != null ? d.fileCount() : 0,
                d != null ? d.totalSeconds() : 0, d != null && d.sizeClass() != null ? d.sizeClass() : "",
                d != null ? d.sources() : List.of(), m.vq().levels(), m.vq().codebookSize(), health,
                model.contentHash(), sizeOf(file), trashed);
    }

    private List<Path> modelFiles() throws LibraryException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(models, trash)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.sda")) {
                for (Path f : files) {
                    if (Files.isRegularFile(f) && sizeOf(f) > 0) {
                        out.add(f);
                    }
                }
            } catch (IOException e) {
                throw new LibraryException("the library folder " + dir + " cannot be read: " + ioReason(e), e);
            }
        }
        return out;
    }

    /** Creates an empty file with a free name in {@code folder}, so that two windows never pick the same. */
    private static Path reserve(Path folder, String name) throws LibraryException {
        String base = slug(name);
        for (int i = 1; i < 10_000; i++) {
            Path candidate = folder.resolve(i == 1 ? base + ".sda" : base + "-" + i + ".sda");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // try the next number
            } catch (AccessDeniedException e) {
                throw readOnly(folder);
            } catch (IOException e) {
                throw new LibraryException("could not create a file in " + folder + ": " + ioReason(e), e);
            }
        }
        throw new LibraryException("no free file name for \"" + name + "\" in " + folder);
    }

    static String slug(String name) {
        String s = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60);
        }
        return s.isEmpty() ? "model" : s;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".sda") ? n.substring(0, n.length() - 4) : n;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Leaving an empty reserved file is harmless: sync() skips empty files.
        }
    }

    /** The cause in words: "the disk is full" reads better than "No space left on device". */
    static String ioReason(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("Disk quota")) {
            return "the disk is full (" + m + ")";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + m + ")";
        }
        return m;
    }

    private LibraryException databaseFailure(SQLException e) {
        return new LibraryException("the library database " + index.file() + " failed: " + e.getMessage()
                + (LibraryIndex.isDamage(e) ? " (it is rebuilt from the model files when the library is next opened)"
                : ""), e);
    }
}
