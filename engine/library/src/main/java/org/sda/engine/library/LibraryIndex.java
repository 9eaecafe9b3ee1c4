package org.sda.engine.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sda.engine.model.SdaManifest;

/**
 * The library's SQLite database: one row per model file, and an FTS5 table over names, tags and
 * dataset folders for word search. It holds nothing the model files (and their notes) do not: it can
 * be deleted at any time and is rebuilt by {@link ModelLibrary}.
 *
 * <p>Several processes may open the same database (two app windows, the command line): it runs in
 * WAL mode with a busy timeout, and every change is one transaction. One instance is used by one
 * thread at a time (its methods are synchronized); open one per window or command.
 */
public final class LibraryIndex implements AutoCloseable {

    /** Raised when the schema changes; an index of another version is rebuilt from the files. */
    static final int SCHEMA_VERSION = 1;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection db;

    private LibraryIndex(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Loads SQLite's driver from this class's loader, which registers it. DriverManager finds
     * drivers through the context class loader of the thread that first uses it: in the plugin
     * editor, whose jars live in a loader of their own inside the DAW's JVM, that need not be ours.
     */
    private static void registerDriver() throws SQLException {
        try {
            Class.forName("org.sqlite.JDBC", true, LibraryIndex.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SQLException("SQLite's driver (sqlite-jdbc) is missing from the class path", e);
        }
    }

    /**
     * Opens (creating when missing) the database at {@code file} and checks it.
     *
     * @throws SQLException when it cannot be opened or is damaged ({@link #isDamage} tells which)
     */
    public static LibraryIndex open(Path file) throws SQLException {
        registerDriver();
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                    String result = r.next() ? r.getString(1) : "no answer";
                    if (!"ok".equalsIgnoreCase(result)) {
                        throw new SQLException("database check failed: " + result, "corrupt", 11);
                    }
                }
            }
            LibraryIndex index = new LibraryIndex(file, db);
            index.createSchema();
            return index;
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    /** Whether a failure to open means the file is damaged or not a database (so rebuilding helps). */
    public static boolean isDamage(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e.getErrorCode() == 11 || e.getErrorCode() == 26 || m.contains("malformed") || m.contains("corrupt")
                || m.contains("not a database") || m.contains("schema version");
    }

    public Path file() {
        return file;
    }

    private void createSchema() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            String version = null;
            try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                if (r.next()) {
                    version = r.getString(1);
                }
            }
            if (version != null && !version.equals(String.valueOf(SCHEMA_VERSION))) {
                throw new SQLException("library database has schema version " + version + ", this program uses "
                        + SCHEMA_VERSION);
            }
            s.execute("""
                    CREATE TABLE IF NOT EXISTS models(
                      id INTEGER PRIMARY KEY,
                      file TEXT NOT NULL UNIQUE,
                      name TEXT NOT NULL,
                      tags TEXT NOT NULL,
                      created TEXT NOT NULL,
                      file_count INTEGER NOT NULL,
                      seconds REAL NOT NULL,
                      size_class TEXT NOT NULL,
                      folders TEXT NOT NULL,
                      levels INTEGER NOT NULL,
                      codebook_size INTEGER NOT NULL,
                      health TEXT NOT NULL,
                      content_hash TEXT NOT NULL,
                      bytes INTEGER NOT NULL,
                      trashed INTEGER NOT NULL DEFAULT 0)""");
            s.execute("CREATE INDEX IF NOT EXISTS models_codebook ON models(codebook_size)");
            s.execute("CREATE INDEX IF NOT EXISTS models_files ON models(file_count)");
            s.execute("CREATE INDEX IF NOT EXISTS models_created ON models(created)");
            s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS models_fts USING fts5(name, tags, folders, "
                    + "content='models', content_rowid='id', tokenize='unicode61')");
            s.execute("""
                    CREATE TRIGGER IF NOT EXISTS models_ai AFTER INSERT ON models BEGIN
                      INSERT INTO models_fts(rowid, name, tags, folders) VALUES (new.id, new.name, new.tags, new.folders);
                    END""");
            s.execute("""
                    CREATE TRIGGER IF NOT EXISTS models_ad AFTER DELETE ON models BEGIN
                      INSERT INTO models_fts(models_fts, rowid, name, tags, folders)
                        VALUES ('delete', old.id, old.name, old.tags, old.folders);
                    END""");
            s.execute("""
                    CREATE TRIGGER IF NOT EXISTS models_au AFTER UPDATE ON models BEGIN
                      INSERT INTO models_fts(models_fts, rowid, name, tags, folders)
                        VALUES ('delete', old.id, old.name, old.tags, old.folders);
                      INSERT INTO models_fts(rowid, name, tags, folders) VALUES (new.id, new.name, new.tags, new.folders);
                    END""");
            s.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '" + SCHEMA_VERSION + "')");
        }
    }

    /** Adds or replaces (by file) a model's row; returns the entry with its id. */
    public synchronized ModelEntry put(ModelEntry e) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO models(file, name, tags, created, file_count, seconds, size_class, folders, levels,
                  codebook_size, health, content_hash, bytes, trashed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT(file) DO UPDATE SET name=excluded.name, tags=excluded.tags, created=excluded.created,
                  file_count=excluded.file_count, seconds=excluded.seconds, size_class=excluded.size_class,
                  folders=excluded.folders, levels=excluded.levels, codebook_size=excluded.codebook_size,
                  health=excluded.health, content_hash=excluded.content_hash, bytes=excluded.bytes,
                  trashed=excluded.trashed
                RETURNING id""")) {
            p.setString(1, e.file().toString());
            p.setString(2, e.name());
            p.setString(3, joinTags(e.tags()));
            p.setString(4, e.created());
            p.setInt(5, e.fileCount());
            p.setDouble(6, e.seconds());
            p.setString(7, e.sizeClass());
            p.setString(8, String.join("\n", e.folders()));
            p.setInt(9, e.levels());
            p.setInt(10, e.codebookSize());
            p.setString(11, health(e.health()));
            p.setString(12, e.contentHash());
            p.setLong(13, e.bytes());
            p.setInt(14, e.trashed() ? 1 : 0);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return e.withId(r.getLong(1));
            }
        }
    }

    /** Many rows in one transaction (a rebuild, the benchmark's fake models). */
    public synchronized void putAll(List<ModelEntry> entries) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            for (ModelEntry e : entries) {
                put(e);
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    public synchronized void remove(long id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM models WHERE id = ?")) {
            p.setLong(1, id);
            p.executeUpdate();
        }
    }

    /** Moves a row to another file (into or out of the trash). */
    public synchronized void move(long id, Path newFile, boolean trashed) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE models SET file = ?, trashed = ? WHERE id = ?")) {
            p.setString(1, newFile.toString());
            p.setInt(2, trashed ? 1 : 0);
            p.setLong(3, id);
            p.executeUpdate();
        }
    }

    public synchronized void setNameAndTags(long id, String name, List<String> tags) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE models SET name = ?, tags = ? WHERE id = ?")) {
            p.setString(1, name);
            p.setString(2, joinTags(tags));
            p.setLong(3, id);
            p.executeUpdate();
        }
    }

    public synchronized Optional<ModelEntry> get(long id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT * FROM models WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(entry(r)) : Optional.empty();
            }
        }
    }

    /** Every row, in the trash or not. */
    public synchronized List<ModelEntry> everything() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT * FROM models ORDER BY id")) {
            return entries(p);
        }
    }

    /** The models matching {@code q}, newest first. */
    public synchronized List<ModelEntry> search(LibraryQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT m.* FROM models m WHERE m.trashed = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.trashed() ? 1 : 0);
        String match = ftsMatch(q.text());
        if (!match.isEmpty()) {
            sql.append(" AND m.id IN (SELECT rowid FROM models_fts WHERE models_fts MATCH ?)");
            args.add(match);
        }
        for (String tag : q.tags()) {
            sql.append(" AND instr(lower(m.tags), ?) > 0");
            args.add("\n" + tag.strip().toLowerCase(Locale.ROOT) + "\n");
        }
        bound(sql, args, "m.file_count >= ?", q.minFiles());
        bound(sql, args, "m.file_count <= ?", q.maxFiles());
        bound(sql, args, "m.seconds >= ?", q.minSeconds());
        bound(sql, args, "m.seconds <= ?", q.maxSeconds());
        bound(sql, args, "m.levels = ?", q.levels());
        bound(sql, args, "m.codebook_size = ?", q.codebookSize());
        if (q.folder() != null) {
            sql.append(" AND instr(lower(m.folders), ?) > 0");
            args.add(q.folder().toLowerCase(Locale.ROOT));
        }
        bound(sql, args, "m.created >= ?", q.from() == null ? null : q.from().toString());
        bound(sql, args, "m.created < ?", q.to() == null ? null : q.to().plusDays(1).toString());
        sql.append(" ORDER BY m.created DESC, m.id DESC");
        try (PreparedStatement p = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            return entries(p);
        }
    }

    /** Deletes every row (before a rebuild). */
    public synchronized void clear() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM models");
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }

    private static void bound(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    /** Each word as a quoted prefix term, all required: {@code pad warm} matches "Warm pads". */
    static String ftsMatch(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String w = word.replaceAll("[^\\p{L}\\p{N}_\\-.]", "");
            for (String part : w.split("[\\-_.]+")) {
                if (!part.isEmpty()) {
                    out.append(out.length() == 0 ? "" : " ").append('"').append(part).append("\"*");
                }
            }
        }
        return out.toString();
    }

    private static String joinTags(List<String> tags) {
        return tags.isEmpty() ? "" : "\n" + String.join("\n", tags) + "\n";
    }

    private static String health(List<SdaManifest.LevelHealth> levels) {
        StringBuilder out = new StringBuilder();
        for (SdaManifest.LevelHealth l : levels) {
            out.append(out.length() == 0 ? "" : ";").append(l.level()).append(':').append(l.utilisation())
                    .append(':').append(l.perplexity()).append(':').append(l.deadCodes());
        }
        return out.toString();
    }

    private static List<SdaManifest.LevelHealth> health(String text) {
        List<SdaManifest.LevelHealth> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String level : text.split(";")) {
            String[] f = level.split(":");
            out.add(new SdaManifest.LevelHealth(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]), Integer.parseInt(f[3])));
        }
        return out;
    }

    private static List<ModelEntry> entries(PreparedStatement p) throws SQLException {
        List<ModelEntry> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(entry(r));
            }
        }
        return out;
    }

    private static ModelEntry entry(ResultSet r) throws SQLException {
        String tags = r.getString("tags");
        String folders = r.getString("folders");
        return new ModelEntry(r.getLong("id"), Path.of(r.getString("file")), r.getString("name"),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.strip().split("\n")), r.getString("created"),
                r.getInt("file_count"), r.getDouble("seconds"), r.getString("size_class"),
                folders.isEmpty() ? List.of() : Arrays.asList(folders.split("\n")), r.getInt("levels"),
                r.getInt("codebook_size"), health(r.getString("health")), r.getString("content_hash"),
                r.getLong("bytes"), r.getInt("trashed") != 0);
    }
}
