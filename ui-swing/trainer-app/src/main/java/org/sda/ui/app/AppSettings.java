package org.sda.ui.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sda.engine.io.AtomicFiles;

/**
 * What the app remembers between runs, as a small JSON file under the user's config folder
 * ({@code $XDG_CONFIG_HOME/sda/app.json}). Read on start, written when a setting changes and on
 * exit. An unreadable file gives the defaults (and is overwritten on the next save). EDT only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class AppSettings {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The last folder of sounds chosen. */
    public String lastFolder = "";
    /** The time budget of the autoencoder, minutes; 0 = the trainer's choice for the set's size. */
    public double minutes = 0;
    /** Quantiser levels, 2–4. */
    public int levels = 3;
    /** Codebook size; 0 = the dataset's suggestion. */
    public int codebookSize = 0;
    public double commitmentWeight = 0.25;
    /** Whether to train the prior (needed to generate new sounds). */
    public boolean prior = true;
    /** Minutes for the prior; 0 = the trainer's choice. */
    public double priorMinutes = 0;
    /** Whether the model keeps the detail of its training sounds (faithful reconstructions; it carries them). */
    public boolean detailMemory = true;
    /** Further trainer options, as on the command line (for experiments). */
    public String extraOptions = "";
    /** Whether the advanced settings are unfolded. */
    public boolean advancedShown = false;
    /** The tab shown last. */
    public int tab = 0;
    public int windowWidth = 1360;
    public int windowHeight = 880;

    private transient Path file;

    public static AppSettings load(Path file) {
        AppSettings s = new AppSettings();
        if (Files.isRegularFile(file)) {
            try {
                s = JSON.readValue(file.toFile(), AppSettings.class);
            } catch (IOException e) {
                s = new AppSettings();
            }
        }
        s.file = file;
        return s;
    }

    /** Writes the settings; a failure (read-only config folder) is returned as a message, not thrown. */
    public String save() {
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = JSON.writeValueAsBytes(this);
            AtomicFiles.write(file, out -> out.write(bytes));
            return null;
        } catch (IOException e) {
            return "settings could not be saved to " + file + ": " + e.getMessage();
        }
    }
}
