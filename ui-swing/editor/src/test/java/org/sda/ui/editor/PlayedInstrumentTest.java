package org.sda.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sda.engine.instrument.Instrument;

class PlayedInstrumentTest {

    /** An instrument that fails the test if anything plays it: in a plugin the notes go elsewhere. */
    private static final Instrument UNTOUCHED = (Instrument) Proxy.newProxyInstance(
            Instrument.class.getClassLoader(), new Class<?>[] {Instrument.class}, (proxy, method, args) -> {
                throw new AssertionError("the instrument was called: " + method.getName());
            });

    @Test
    void withANoteOutTheNotesGoThereAndAllNotesOffReleasesOnlyTheHeldOnes() {
        List<String> sent = new ArrayList<>();
        PlayedInstrument played = new PlayedInstrument(UNTOUCHED, (key, velocity) -> sent.add(key + "@" + velocity));

        played.noteOn(60, 0.8f);
        played.noteOn(64, 0.5f);
        played.noteOff(60);
        played.allNotesOff();
        played.allNotesOff();

        assertThat(sent).containsExactly("60@0.8", "64@0.5", "60@0.0", "64@0.0");
    }
}
