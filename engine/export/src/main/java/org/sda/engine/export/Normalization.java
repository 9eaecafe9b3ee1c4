package org.sda.engine.export;

import java.util.Locale;

/**
 * How an export sets its level: left as it is, to a sample peak in dBFS, or to an integrated
 * loudness in LUFS (ITU-R BS.1770, as {@link org.sda.engine.audio.Loudness} measures it).
 *
 * @param kind what is matched
 * @param target dBFS for {@code PEAK}, LUFS for {@code LOUDNESS}; ignored for {@code NONE}
 */
public record Normalization(Kind kind, double target) {

    public enum Kind { NONE, PEAK, LOUDNESS }

    /** Peak target used when none is given: -1 dBFS, the level the model trains at. */
    public static final double DEFAULT_PEAK_DBFS = -1.0;
    /** Loudness target used when none is given: -16 LUFS, common for streamed music and podcasts. */
    public static final double DEFAULT_LUFS = -16.0;

    public static final Normalization NONE = new Normalization(Kind.NONE, 0);

    public Normalization {
        if (kind == null) {
            throw new IllegalArgumentException("normalisation kind is missing");
        }
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("normalisation target must be finite");
        }
        if (kind == Kind.PEAK && (target > 0 || target < -60)) {
            throw new IllegalArgumentException("peak target must be between -60 and 0 dBFS, not " + target);
        }
        if (kind == Kind.LOUDNESS && (target > 0 || target < -70)) {
            throw new IllegalArgumentException("loudness target must be between -70 and 0 LUFS, not " + target);
        }
    }

    public static Normalization peak(double dbfs) {
        return new Normalization(Kind.PEAK, dbfs);
    }

    public static Normalization loudness(double lufs) {
        return new Normalization(Kind.LOUDNESS, lufs);
    }

    /**
     * Parses {@code none}, {@code peak}, {@code peak:-1}, {@code lufs} or {@code lufs:-14}.
     *
     * @throws IllegalArgumentException with a message that says what is accepted
     */
    public static Normalization parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String value = colon < 0 ? null : s.substring(colon + 1).trim();
        try {
            return switch (kind) {
                case "none", "off" -> NONE;
                case "peak" -> peak(value == null ? DEFAULT_PEAK_DBFS : Double.parseDouble(value));
                case "lufs", "loudness" -> loudness(value == null ? DEFAULT_LUFS : Double.parseDouble(value));
                default -> throw new IllegalArgumentException("'" + text
                        + "' is not a normalisation: use none, peak[:DBFS] or lufs[:LUFS]");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case PEAK -> String.format(Locale.ROOT, "peak %.1f dBFS", target);
            case LOUDNESS -> String.format(Locale.ROOT, "%.1f LUFS", target);
        };
    }
}
