package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenLayoutTest {

    private final TokenLayout layout = new TokenLayout(3, 5, 12);

    @Test
    void aSoundIsAStartFrameThenItsFramesLevelMinor() {
        long[][] codes = {{1, 2}, {3, 0}, {3, 3}};
        assertThat(layout.soundStream(codes)).containsExactly(4, 4, 4, 1, 3, 3, 2, 0, 3);
        int[] two = layout.stream(List.of(codes, new long[][] {{0}, {1}, {2}}));
        assertThat(two).hasSize(15);
        assertThat(layout.grid(two, 3, 2)).isDeepEqualTo(codes);
        assertThat(layout.embeddingIndex(2, 4)).isEqualTo(14);
        assertThat(layout.vocabulary()).isEqualTo(15);
        assertThat(layout.levelAt(7)).isEqualTo(1);
    }

    @Test
    void codesOutsideTheCodebookAreRefused() {
        assertThatThrownBy(() -> layout.soundStream(new long[][] {{4}, {0}, {0}}))
                .hasMessageContaining("code 4 at level 0");
        assertThatThrownBy(() -> new TokenLayout(3, 5, 13)).hasMessageContaining("context 13");
    }
}
