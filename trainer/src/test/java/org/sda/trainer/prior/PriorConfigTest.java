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
}
