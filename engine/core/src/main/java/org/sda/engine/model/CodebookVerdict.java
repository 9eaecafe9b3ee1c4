package org.sda.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * A plain-words verdict on a quantiser level's codebook from its training health: how much of
 * the codebook is in use ({@code utilisation}, the fraction of codes chosen at least once) and
 * how evenly ({@code perplexity}, {@code exp} of the entropy of code use: the number of equally
 * used codes that would give the same entropy).
 */
public enum CodebookVerdict {
    /** Utilisation at least 30% and perplexity at least 2. */
    HEALTHY("Healthy"),
    /** Utilisation under 30% on a level: many codes are never chosen. */
    UNDERUSED("Some codes underused"),
    /** Utilisation under 10% or perplexity under 2: the level has collapsed onto a few codes. */
    COLLAPSED("Codebook collapse detected");

    public static final double UNDERUSED_BELOW = 0.30;
    public static final double COLLAPSED_BELOW = 0.10;
    public static final double MIN_PERPLEXITY = 2.0;

    private final String words;

    CodebookVerdict(String words) {
        this.words = words;
    }

    /** What a user reads: "Healthy", "Some codes underused", "Codebook collapse detected". */
    public String words() {
        return words;
    }

    @Override
    public String toString() {
        return words;
    }

    public static CodebookVerdict of(SdaManifest.LevelHealth level) {
        if (level.utilisation() < COLLAPSED_BELOW || level.perplexity() < MIN_PERPLEXITY) {
            return COLLAPSED;
        }
        return level.utilisation() < UNDERUSED_BELOW ? UNDERUSED : HEALTHY;
    }

    /** The worst level's verdict; empty when training recorded no health. */
    public static Optional<CodebookVerdict> overall(List<SdaManifest.LevelHealth> levels) {
        return levels.stream().map(CodebookVerdict::of).max(Enum::compareTo);
    }
}
