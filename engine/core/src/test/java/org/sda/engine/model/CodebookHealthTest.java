package org.sda.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodebookHealthTest {

    private static SdaManifest.LevelHealth level(double utilisation, double perplexity) {
        return new SdaManifest.LevelHealth(0, utilisation, perplexity, 0);
    }

    @Test
    void thresholdsAreThoseTheUserIsToldAbout() {
        assertThat(CodebookHealth.of(level(0.84, 41))).isEqualTo(CodebookHealth.HEALTHY);
        assertThat(CodebookHealth.of(level(0.30, 2))).isEqualTo(CodebookHealth.HEALTHY);
        assertThat(CodebookHealth.of(level(0.29, 10))).isEqualTo(CodebookHealth.UNDERUSED);
        assertThat(CodebookHealth.of(level(0.10, 2))).isEqualTo(CodebookHealth.UNDERUSED);
        assertThat(CodebookHealth.of(level(0.09, 5))).isEqualTo(CodebookHealth.COLLAPSED);
        assertThat(CodebookHealth.of(level(0.9, 1.9))).isEqualTo(CodebookHealth.COLLAPSED);
    }

    @Test
    void theOverallVerdictIsTheWorstLevels() {
        assertThat(CodebookHealth.overall(List.of())).isEmpty();
        assertThat(CodebookHealth.overall(List.of(level(0.8, 30), level(0.2, 9)))).contains(CodebookHealth.UNDERUSED);
        assertThat(CodebookHealth.overall(List.of(level(0.05, 1), level(0.2, 9)))).contains(CodebookHealth.COLLAPSED);
        assertThat(CodebookHealth.COLLAPSED.words()).isEqualTo("Codebook collapse detected");
    }
}
