package org.sda.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.library.ModelLibrary;
import org.sda.engine.model.SdaManifest;

/** Prints library entries as a table for people or as JSON for programs. */
final class LibraryTable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LibraryTable() {
    }

    static void print(PrintWriter out, List<ModelEntry> entries, boolean json) throws Exception {
        if (json) {
            ArrayNode all = JSON.createArrayNode();
            for (ModelEntry e : entries) {
                ObjectNode n = all.addObject().put("id", e.id()).put("name", e.name());
                e.tags().forEach(n.putArray("tags")::add);
                n.put("created", e.created()).put("files", e.fileCount()).put("seconds", e.seconds())
                        .put("sizeClass", e.sizeClass()).put("levels", e.levels())
                        .put("codebookSize", e.codebookSize())
                        .put("health", e.verdict().map(Object::toString).orElse(null))
                        .put("file", e.file().toString()).put("contentHash", e.contentHash())
                        .put("trashed", e.trashed());
                e.folders().forEach(n.putArray("folders")::add);
                ArrayNode levels = n.putArray("levelHealth");
                for (SdaManifest.LevelHealth l : e.health()) {
                    levels.addObject().put("level", l.level()).put("utilisation", l.utilisation())
                            .put("perplexity", l.perplexity()).put("deadCodes", l.deadCodes());
                }
            }
            out.println(JSON.writeValueAsString(all));
            out.flush();
            return;
        }
        if (entries.isEmpty()) {
            out.println("no models");
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "%4s  %-24s  %-20s  %5s  %7s  %-8s  %-26s  %-10s%n", "id", "name", "tags", "files",
                "seconds", "VQ", "health", "trained");
        for (ModelEntry e : entries) {
            out.printf(Locale.ROOT, "%4d  %-24s  %-20s  %5d  %7.1f  %-8s  %-26s  %-10s%n", e.id(), cut(e.name(), 24),
                    cut(String.join(",", e.tags()), 20), e.fileCount(), e.seconds(),
                    e.levels() + "x" + e.codebookSize(), e.verdict().map(Object::toString).orElse("-"),
                    e.created().length() >= 10 ? e.created().substring(0, 10) : e.created());
        }
        out.flush();
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    /** The entry a user named on the command line: its id, its name (exactly one match), or its file. */
    static ModelEntry find(ModelLibrary library, String which, boolean trashed) throws Exception {
        List<ModelEntry> all = library.search(org.sda.engine.library.LibraryQuery.all().withTrashed(trashed));
        if (which.matches("\\d+")) {
            long id = Long.parseLong(which);
            for (ModelEntry e : all) {
                if (e.id() == id) {
                    return e;
                }
            }
        }
        List<ModelEntry> byName = all.stream().filter(e -> e.name().equalsIgnoreCase(which)
                || e.file().getFileName().toString().equals(which) || e.file().toString().equals(which)).toList();
        if (byName.size() == 1) {
            return byName.get(0);
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no model \"" + which + "\" in " + (trashed ? "the trash of " : "")
                    + "the library " + library.root() + " (sda model list shows ids and names)");
        }
        throw new IllegalArgumentException(byName.size() + " models are called \"" + which
                + "\"; name one by its id (sda model list shows them)");
    }
}
