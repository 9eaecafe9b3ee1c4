package org.sda.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sda.engine.instrument.InstrumentParameter;

class ParameterTableGeneratorTest {

    @Test
    void everyParameterBecomesOneRowWithItsIdRangeDefaultAndSteps() {
        String header = ParameterTableGenerator.generate();

        assertThat(header).contains("#define SDA_PARAM_COUNT " + InstrumentParameter.values().length + "\n");
        for (InstrumentParameter p : InstrumentParameter.values()) {
            assertThat(header).contains("#define SDA_PARAM_ID_" + p.name() + " " + p.id() + "u\n");
            assertThat(header).contains("{ " + p.id() + "u, \"" + p.title() + "\", \"" + p.shortTitle() + "\", \""
                    + p.units() + "\", " + p.min() + ", " + p.max() + ", " + p.defaultValue() + ", "
                    + p.defaultNormalized() + ", " + p.stepCount() + " },");
        }
    }

    @Test
    void stringsAreSafeCLiteralsWhateverTheyHold() {
        assertThat(ParameterTableGenerator.cString("Gain")).isEqualTo("\"Gain\"");
        assertThat(ParameterTableGenerator.cString("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(ParameterTableGenerator.cString("°C\n")).isEqualTo("\"\\302\\260C\\012\"");
    }
}
