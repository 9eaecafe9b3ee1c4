package org.sda.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodebookVerdictTest {

    private static SdaManifest.LevelHealth level(double utilisation, double perplexity) {
        return new SdaManifest.LevelHealth(0, utilisation, perplexity, 0);
    }

    @Test
    void thresholdsAreThoseTheUserIsToldAbout() {
        assertThat(CodebookVerdict.of(level(0.84, 41))).isEqualTo(CodebookVerdict.HEALTHY);
        assertThat(CodebookVerdict.of(level(0.30, 2))).isEqualTo(CodebookVerdict.HEALTHY);
        assertThat(CodebookVerdict.of(level(0.29, 10))).isEqualTo(CodebookVerdict.UNDERUSED);
        assertThat(CodebookVerdict.of(level(0.10, 2))).isEqualTo(CodebookVerdict.UNDERUSED);
        assertThat(CodebookVerdict.of(level(0.09, 5))).isEqualTo(CodebookVerdict.COLLAPSED);
        assertThat(CodebookVerdict.of(level(0.9, 1.9))).isEqualTo(CodebookVerdict.COLLAPSED);
    }

    @Test
    void theOverallVerdictIsTheWorstLevels() {
        assertThat(CodebookVerdict.overall(List.of())).isEmpty();
        assertThat(CodebookVerdict.overall(List.of(level(0.8, 30), level(0.2, 9)))).contains(CodebookVerdict.UNDERUSED);
        assertThat(CodebookVerdict.overall(List.of(level(0.05, 1), level(0.2, 9)))).contains(CodebookVerdict.COLLAPSED);
        assertThat(CodebookVerdict.COLLAPSED.words()).isEqualTo("Codebook collapse detected");
    }
}
