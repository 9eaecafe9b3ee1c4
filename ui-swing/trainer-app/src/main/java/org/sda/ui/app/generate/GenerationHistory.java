package org.sda.ui.app.generate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.generate.GenerationSettings;

/**
 * Every generated sound, with what made it: the model (path, name and content hash), the
 * settings, the batch seed and count, the variation in the batch, the axis offsets, when, and a
 * star. Kept in an embedded SQLite database ({@code history.db}); the audio lies beside it as
 * 32-bit float WAV ({@code audio/ID.wav}), bit for bit what the generator returned.
 *
 * <p>Thread-safe (one connection, methods synchronised); called from the EDT and from
 * generation workers.
 */
public final class GenerationHistory implements AutoCloseable {

    /**
     * One generated sound.
     *
     * @param seed the batch's seed (variation {@code i} drew from {@link GenerationSettings#seedOf})
     * @param count how many variations the batch had: regenerating makes the same batch
     */
    public record Entry(long id, Instant created, Path modelPath, String modelName, String modelHash,
                        GenerationSettings settings, int count, int variation, Map<String, Double> axes,
                        boolean starred, Path audioFile) {
        /** One line for the history list. */
        public String describe() {
            return String.format(Locale.ROOT, "#%d %s seed %d/%d, %.1f s, T %.2f%s%s%s", id, modelName,
                    settings.seed(), variation + 1, settings.seconds(), settings.temperature(),
                    settings.topK() > 0 ? ", top-k " + settings.topK() : "",
                    settings.topP() < 1 ? String.format(Locale.ROOT, ", top-p %.2f", settings.topP()) : "",
                    axes.isEmpty() ? "" : ", " + axesText(axes));
        }

        /** The axis offsets as "brightness +1.20, loudness -0.40". */
        public static String axesText(Map<String, Double> axes) {
            StringBuilder s = new StringBuilder();
            axes.forEach((name, v) -> s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %+.2f", name, v)));
            return s.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path folder;
    private final Connection db;

    private GenerationHistory(Path folder, Connection db) {
        this.folder = folder;
        this.db = db;
    }

    /** Opens (or makes) the history in {@code folder}. */
    public static GenerationHistory open(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("audio"));
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("history.db").toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS sounds (
                          id INTEGER PRIMARY KEY AUTOINCREMENT,
                          created TEXT NOT NULL,
                          model_path TEXT NOT NULL,
                          model_name TEXT NOT NULL,
                          model_hash TEXT NOT NULL,
                          seconds REAL NOT NULL,
                          temperature REAL NOT NULL,
                          top_k INTEGER NOT NULL,
                          top_p REAL NOT NULL,
                          seed INTEGER NOT NULL,
                          count INTEGER NOT NULL,
                          variation INTEGER NOT NULL,
                          axes TEXT NOT NULL,
                          starred INTEGER NOT NULL DEFAULT 0)""");
            }
            return new GenerationHistory(folder, db);
        } catch (SQLException e) {
            throw new IOException(folder.resolve("history.db") + ": the history cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The default place: {@code ~/.local/share/sda/history}. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".local", "share", "sda", "history");
    }

    /** Stores a sound and its audio; returns its entry. */
    public synchronized Entry add(Path modelPath, String modelName, String modelHash, GenerationSettings settings,
                                  int count, int variation, Map<String, Double> axes, AudioBuffer audio) throws IOException {
        Instant now = Instant.now();
        try (PreparedStatement s = db.prepareStatement("""
                INSERT INTO sounds (created, model_path, model_name, model_hash, seconds, temperature, top_k, top_p,
                                    seed, count, variation, axes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, now.toString());
            s.setString(2, modelPath.toAbsolutePath().toString());
            s.setString(3, modelName);
            s.setString(4, modelHash);
            s.setDouble(5, settings.seconds());
            s.setDouble(6, settings.temperature());
            s.setInt(7, settings.topK());
            s.setDouble(8, settings.topP());
            s.setLong(9, settings.seed());
            s.setInt(10, count);
            s.setInt(11, variation);
            s.setString(12, JSON.writeValueAsString(axes));
            s.executeUpdate();
            long id;
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            Path file = audioFile(id);
            AudioFiles.write(file, audio, AudioEncoding.WAV_FLOAT32);
            return new Entry(id, now, modelPath.toAbsolutePath(), modelName, modelHash, settings, count, variation,
                    Map.copyOf(axes), false, file);
        } catch (SQLException e) {
            throw new IOException("history: the sound could not be recorded: " + e.getMessage(), e);
        }
    }

    /** Where a sound's audio lies. */
    public Path audioFile(long id) {
        return folder.resolve("audio").resolve(id + ".wav");
    }

    /**
     * Entries, newest first, whose model name, seed or settings contain {@code text} (blank for
     * all), only starred ones when asked.
     */
    public synchronized List<Entry> search(String text, boolean starredOnly) throws IOException {
        String like = "%" + (text == null ? "" : text.trim()) + "%";
        try (PreparedStatement s = db.prepareStatement("""
                SELECT * FROM sounds WHERE (model_name LIKE ? OR CAST(seed AS TEXT) LIKE ? OR axes LIKE ?
                  OR CAST(temperature AS TEXT) LIKE ?) AND (? = 0 OR starred = 1) ORDER BY id DESC""")) {
            s.setString(1, like);
            s.setString(2, like);
            s.setString(3, like);
            s.setString(4, like);
            s.setInt(5, starredOnly ? 1 : 0);
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(entry(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IOException("history: search failed: " + e.getMessage(), e);
        }
    }

    public synchronized void setStarred(long id, boolean starred) throws IOException {
        update("UPDATE sounds SET starred = ? WHERE id = ?", starred ? 1 : 0, id);
    }

    /** Deletes the entry and its audio. */
    public synchronized void delete(long id) throws IOException {
        update("DELETE FROM sounds WHERE id = ?", id);
        Files.deleteIfExists(audioFile(id));
    }

    private void update(String sql, long... arguments) throws IOException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                s.setLong(i + 1, arguments[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("history: " + e.getMessage(), e);
        }
    }

    private Entry entry(ResultSet r) throws SQLException {
        Map<String, Double> axes;
        try {
            axes = JSON.readValue(r.getString("axes"), new TypeReference<LinkedHashMap<String, Double>>() { });
        } catch (IOException e) {
            axes = Map.of();
        }
        long id = r.getLong("id");
        return new Entry(id, Instant.parse(r.getString("created")), Path.of(r.getString("model_path")),
                r.getString("model_name"), r.getString("model_hash"),
                new GenerationSettings(r.getDouble("seconds"), r.getDouble("temperature"), r.getInt("top_k"),
                        r.getDouble("top_p"), r.getLong("seed")),
                r.getInt("count"), r.getInt("variation"), axes, r.getInt("starred") == 1, audioFile(id));
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing at exit: nothing left to do with a failure.
        }
    }
}
