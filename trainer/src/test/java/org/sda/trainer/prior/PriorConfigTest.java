package org.sda.trainer.prior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sda.engine.dataset.SizeClass;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.model.SdaManifest;

class PriorConfigTest {

    @Test
    void theDefaultTokenOrderIsAnOrderTheEngineKnows() {
        assertThat(TokenLayout.Order.of(PriorConfig.DEFAULT_TOKEN_ORDER)).isEqualTo(TokenLayout.Order.FLAT);
    }

    @Test
    void aSetOfManyVeryShortSoundsIsShapedAsSmall() {
        PriorConfig shortLarge = PriorConfig.forDataset(SizeClass.LARGE, 5_000, null);
        assertThat(shortLarge.architecture()).isEqualTo(SdaManifest.Prior.TRANSFORMER);
        assertThat(shortLarge.width()).isEqualTo(96);
        assertThat(PriorConfig.forDataset(SizeClass.LARGE, 24_969, null).width()).isEqualTo(128);
        assertThat(PriorConfig.forDataset(SizeClass.SMALL, 4_356, null).architecture())
                .isEqualTo(SdaManifest.Prior.GRU);
    }

    @Test
    void priorDefaultsDoNotSmoothLabelsSinceSmoothingMadeGeneratedSoundsJump() {
        // Label smoothing 0.1 put mass on every code and sampling at temperature 1 drew clicks from
        // it (issue 15): the demo model's sounds jumped 8.7 times a second against the set's 0.87.
        for (SizeClass size : SizeClass.values()) {
            for (String architecture : new String[] {SdaManifest.Prior.GRU, SdaManifest.Prior.TRANSFORMER}) {
                for (long frames : new long[] {1_000, 100_000}) {
                    assertThat(PriorConfig.forDataset(size, frames, architecture).labelSmoothing())
                            .as("%s, %s, %d frames", size, architecture, frames).isZero();
                }
            }
        }
    }
}
