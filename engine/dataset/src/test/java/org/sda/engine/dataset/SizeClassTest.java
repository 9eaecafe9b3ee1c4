package org.sda.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeClassTest {

    @ParameterizedTest
    @CsvSource({"0,TOO_FEW,64", "4,TOO_FEW,64", "5,SMALL,64", "11,SMALL,64", "20,SMALL,64", "21,MEDIUM,128",
        "26,MEDIUM,128", "100,MEDIUM,128", "101,LARGE,256", "165,LARGE,256", "500,LARGE,256", "501,OVERSIZED,256"})
    void theFileCountPicksTheClassAndTheCodebookSize(int files, SizeClass expected, int codebook) {
        assertThat(SizeClass.of(files)).isEqualTo(expected);
        assertThat(SizeClass.of(files).suggestedCodebookSize()).isEqualTo(codebook);
    }
}
