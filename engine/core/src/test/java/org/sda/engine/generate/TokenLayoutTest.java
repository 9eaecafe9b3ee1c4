package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sda.engine.generate.TokenLayout.Order;

class TokenLayoutTest {

    private final TokenLayout layout = new TokenLayout(3, 5, 12, Order.FLAT);
    private final TokenLayout delayed = new TokenLayout(3, 5, 12, Order.DELAY);

    @Test
    void aSoundIsAStartFrameThenItsFramesLevelMinor() {
        long[][] codes = {{1, 2}, {3, 0}, {3, 3}};
        assertThat(layout.soundStream(codes)).containsExactly(4, 4, 4, 1, 3, 3, 2, 0, 3);
        int[] two = layout.stream(List.of(codes, new long[][] {{0}, {1}, {2}}));
        assertThat(two).hasSize(15);
        assertThat(layout.grid(two, 1, 2)).isDeepEqualTo(codes);
        assertThat(layout.grid(two, 4, 1)).isDeepEqualTo(new long[][] {{0}, {1}, {2}});
        assertThat(layout.embeddingIndex(2, 4)).isEqualTo(14);
        assertThat(layout.vocabulary()).isEqualTo(15);
        assertThat(layout.levelAt(7)).isEqualTo(1);
        assertThat(layout.streamFrames(2)).isEqualTo(2);
        assertThat(layout.beforeStart(0, 2)).isFalse();
    }

    @Test
    void theDelayOrderShiftsEachLevelByItsIndexAndPadsWithTheStartToken() {
        long[][] codes = {{1, 2}, {3, 0}, {3, 3}};
        // Stream frames: start | (1, pad, pad) | (2, 3, pad) | (pad, 0, 3) | (pad, pad, 3)
        assertThat(delayed.soundStream(codes)).containsExactly(4, 4, 4, 1, 4, 4, 2, 3, 4, 4, 0, 3, 4, 4, 3);
        assertThat(delayed.streamFrames(2)).isEqualTo(4);
        assertThat(delayed.codeFramesIn(1)).isZero();
        assertThat(delayed.codeFramesIn(3)).isEqualTo(1);
        assertThat(delayed.beforeStart(0, 1)).isTrue();
        assertThat(delayed.beforeStart(1, 2)).isTrue();
        assertThat(delayed.beforeStart(1, 1)).isFalse();
        assertThat(delayed.grid(delayed.soundStream(codes), 1, 2)).isDeepEqualTo(codes);
        int[] two = delayed.stream(List.of(codes, new long[][] {{0}, {1}, {2}}));
        assertThat(two).hasSize(15 + 12);
        assertThat(delayed.grid(two, 6, 1)).isDeepEqualTo(new long[][] {{0}, {1}, {2}});
    }

    @ParameterizedTest
    @CsvSource({"2,1", "2,7", "3,1", "3,2", "3,50", "4,1", "4,3", "4,33"})
    void everyOrderRoundTripsAnyGrid(int levels, int frames) {
        Random random = new Random(levels * 100L + frames);
        long[][] codes = new long[levels][frames];
        for (long[] level : codes) {
            for (int t = 0; t < frames; t++) {
                level[t] = random.nextInt(16);
            }
        }
        for (Order order : Order.values()) {
            TokenLayout l = new TokenLayout(levels, 17, 4 * levels, order);
            int[] stream = l.soundStream(codes);
            assertThat(stream).hasSize((frames + (order == Order.DELAY ? levels - 1 : 0) + 1) * levels);
            assertThat(l.grid(stream, 1, frames)).as(order + " order").isDeepEqualTo(codes);
            // Every code appears exactly once, the rest is start and padding.
            long padding = java.util.Arrays.stream(stream).filter(t -> t == l.startToken()).count();
            assertThat(padding).isEqualTo(stream.length - (long) levels * frames);
            // A part of the grid from a later frame reads the same codes.
            if (frames > 1) {
                long[][] tail = l.grid(stream, 2, frames - 1);
                for (int lv = 0; lv < levels; lv++) {
                    assertThat(tail[lv]).containsExactly(java.util.Arrays.copyOfRange(codes[lv], 1, frames));
                }
            }
        }
    }

    @Test
    void ordersAreNamedAsInTheManifest() {
        assertThat(Order.of("delay")).isEqualTo(Order.DELAY);
        assertThat(Order.of("flat").manifestName()).isEqualTo("flat");
        assertThatThrownBy(() -> Order.of("interleaved")).hasMessageContaining("interleaved");
    }

    @Test
    void codesOutsideTheCodebookAreRefused() {
        assertThatThrownBy(() -> layout.soundStream(new long[][] {{4}, {0}, {0}}))
                .hasMessageContaining("code 4 at level 0");
        assertThatThrownBy(() -> new TokenLayout(3, 5, 13, Order.FLAT)).hasMessageContaining("context 13");
        assertThatThrownBy(() -> delayed.grid(new int[9], 1, 2)).hasMessageContaining("need 5 stream frames");
    }
}
