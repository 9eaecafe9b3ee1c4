package org.sda.engine.library;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to look for in the library. Every part that is set must match. The search box of the app,
 * the plugin's model browser and {@code sda model search} all write it the same way ({@link #parse}):
 *
 * <pre>
 *   pads tag:warm files&gt;=10 seconds&lt;60 folder:ambi levels:3 codebook:64 after:2026-01-01 before:2026-12-31
 * </pre>
 *
 * Plain words are searched (as word prefixes) in the name, tags and dataset folders. Immutable.
 *
 * @param text plain words, all of which must match; empty for none
 * @param tags tags the model must carry (case-insensitive, whole tags)
 * @param minFiles, maxFiles dataset file count bounds, inclusive; null for none
 * @param minSeconds, maxSeconds dataset duration bounds in seconds, inclusive; null for none
 * @param folder a part of a dataset source's path; null for none
 * @param from, to training date bounds (UTC days, inclusive); null for none
 * @param trashed search the trash instead of the library
 */
public record LibraryQuery(String text, List<String> tags, Integer minFiles, Integer maxFiles, Double minSeconds,
                           Double maxSeconds, String folder, Integer levels, Integer codebookSize, LocalDate from,
                           LocalDate to, boolean trashed) {

    private static final Pattern FIELD = Pattern.compile(
            "(?i)(tag|folder|levels|codebook|files|seconds|after|before|date|in)(:|>=|<=|>|<|=)(.+)");

    public LibraryQuery {
        text = text == null ? "" : text.strip();
        tags = List.copyOf(tags == null ? List.of() : tags);
    }

    /** Everything in the library (not the trash). */
    public static LibraryQuery all() {
        return new LibraryQuery("", List.of(), null, null, null, null, null, null, null, null, null, false);
    }

    public LibraryQuery withTrashed(boolean newTrashed) {
        return new LibraryQuery(text, tags, minFiles, maxFiles, minSeconds, maxSeconds, folder, levels, codebookSize,
                from, to, newTrashed);
    }

    /**
     * Reads a search line (see the class comment). {@code in:trash} searches the trash.
     *
     * @throws IllegalArgumentException naming the part that is not understood ({@code files>=ten})
     */
    public static LibraryQuery parse(String line) {
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Integer minFiles = null;
        Integer maxFiles = null;
        Double minSeconds = null;
        Double maxSeconds = null;
        String folder = null;
        Integer levels = null;
        Integer codebook = null;
        LocalDate from = null;
        LocalDate to = null;
        boolean trashed = false;
        for (String token : tokens(line == null ? "" : line)) {
            Matcher m = FIELD.matcher(token);
            if (!m.matches()) {
                words.add(token);
                continue;
            }
            String field = m.group(1).toLowerCase(Locale.ROOT);
            String op = m.group(2);
            String value = m.group(3);
            try {
                switch (field) {
                    case "tag" -> tags.add(value);
                    case "folder" -> folder = value;
                    case "in" -> {
                        if (!value.equalsIgnoreCase("trash")) {
                            throw new IllegalArgumentException("in:" + value + " (only in:trash is known)");
                        }
                        trashed = true;
                    }
                    case "levels" -> levels = Integer.parseInt(value);
                    case "codebook" -> codebook = Integer.parseInt(value);
                    case "files" -> {
                        int n = Integer.parseInt(value);
                        if (lower(op)) {
                            minFiles = op.equals(">") ? n + 1 : n;
                        }
                        if (upper(op)) {
                            maxFiles = op.equals("<") ? n - 1 : n;
                        }
                    }
                    case "seconds" -> {
                        double s = Double.parseDouble(value);
                        if (lower(op)) {
                            minSeconds = op.equals(">") ? Math.nextUp(s) : s;
                        }
                        if (upper(op)) {
                            maxSeconds = op.equals("<") ? Math.nextDown(s) : s;
                        }
                    }
                    case "after" -> from = LocalDate.parse(value);
                    case "before" -> to = LocalDate.parse(value);
                    case "date" -> {
                        from = LocalDate.parse(value);
                        to = from;
                    }
                    default -> words.add(token);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("cannot read \"" + token + "\": " + field
                        + (field.equals("after") || field.equals("before") || field.equals("date")
                        ? " takes a date like 2026-01-31" : " takes a number"));
            }
        }
        return new LibraryQuery(String.join(" ", words), tags, minFiles, maxFiles, minSeconds, maxSeconds, folder,
                levels, codebook, from, to, trashed);
    }

    private static boolean lower(String op) {
        return op.equals(":") || op.equals("=") || op.startsWith(">");
    }

    private static boolean upper(String op) {
        return op.equals(":") || op.equals("=") || op.startsWith("<");
    }

    /** Splits on white space, keeping "quoted phrases" (and tag:"two words") together. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }
}
