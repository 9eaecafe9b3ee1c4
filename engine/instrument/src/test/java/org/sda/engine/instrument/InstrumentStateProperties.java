package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The state codec on arbitrary input: it refuses with a message or reads, and never throws anything else. */
class InstrumentStateProperties {

    @Property(tries = 500)
    void arbitraryBytesNeverEscapeAsAnythingButAStateException(@ForAll @Size(max = 300) byte[] blob) {
        try {
            InstrumentState.read(blob);
        } catch (InstrumentState.StateException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void arbitraryTextAfterAValidHeaderNeverEscapes(@ForAll @Size(max = 200) String tail) {
        byte[] blob = ("{\"format\":\"sda-instrument\",\"formatVersion\":1," + tail).getBytes(StandardCharsets.UTF_8);
        try {
            InstrumentState.read(blob);
        } catch (InstrumentState.StateException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void everyParameterValueComesBackBitForBit(@ForAll @IntRange(min = 0, max = 14) int id,
                                               @ForAll @DoubleRange(min = 0, max = 1) double normalized)
            throws Exception {
        ParameterValues values = new ParameterValues();
        values.setNormalized(id, normalized);
        InstrumentParameter p = InstrumentParameter.byId(id);
        InstrumentState.Parsed parsed = InstrumentState.read(InstrumentState.write(null, values));
        assertThat(parsed.notes()).isEmpty();
        ParameterValues restored = new ParameterValues();
        parsed.applyTo(restored);
        assertThat(restored.normalized(p)).isEqualTo(values.normalized(p));
    }
}
