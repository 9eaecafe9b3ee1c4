package org.sda.trainer.prior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sda.engine.dataset.SizeClass;
import org.sda.engine.generate.TokenLayout.Order;
import org.sda.engine.model.SdaManifest;

class PriorConfigTest {

    @Test
    void theDelayOrderIsTheDefaultOnlyForSetsShapedAsLarge() {
        assertThat(PriorConfig.defaultTokenOrder(SizeClass.SMALL, 4_356)).as("11 ambient pads").isEqualTo(Order.FLAT);
        assertThat(PriorConfig.defaultTokenOrder(SizeClass.MEDIUM, 2_124)).as("26 tabla hits").isEqualTo(Order.FLAT);
        assertThat(PriorConfig.defaultTokenOrder(SizeClass.MEDIUM, 50_000)).isEqualTo(Order.FLAT);
        assertThat(PriorConfig.defaultTokenOrder(SizeClass.LARGE, 24_969)).as("165 sounds").isEqualTo(Order.DELAY);
        assertThat(PriorConfig.defaultTokenOrder(SizeClass.OVERSIZED, 90_000)).isEqualTo(Order.DELAY);
        assertThat(PriorConfig.defaultTokenOrder(SizeClass.LARGE, 5_000)).as("many very short sounds")
                .isEqualTo(Order.FLAT);
    }

    @Test
    void theShapeFollowsTheSameSizeClassAsTheOrder() {
        PriorConfig shortLarge = PriorConfig.forDataset(SizeClass.LARGE, 5_000, null);
        assertThat(shortLarge.architecture()).isEqualTo(SdaManifest.Prior.TRANSFORMER);
        assertThat(shortLarge.width()).isEqualTo(96);
        assertThat(PriorConfig.forDataset(SizeClass.LARGE, 24_969, null).width()).isEqualTo(128);
    }
}
