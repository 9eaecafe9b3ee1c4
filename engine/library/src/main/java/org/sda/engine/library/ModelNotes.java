package org.sda.engine.library;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sda.engine.io.AtomicFiles;

/**
 * What the user said about a model in the library: its name and tags. Kept beside the model as
 * {@code NAME.sda.notes.json}, so that renaming and tagging never rewrite the model (whose content
 * hash DAW projects remember), and the index can be rebuilt from the files alone.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ModelNotes(String name, List<String> tags) {

    static final String SUFFIX = ".notes.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    ModelNotes {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static Path fileFor(Path model) {
        return model.resolveSibling(model.getFileName() + SUFFIX);
    }

    /** The notes beside {@code model}; empty when there are none or they cannot be read. */
    static Optional<ModelNotes> read(Path model) {
        Path file = fileFor(model);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ModelNotes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path model) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        AtomicFiles.write(fileFor(model), out -> out.write(bytes));
    }
}
