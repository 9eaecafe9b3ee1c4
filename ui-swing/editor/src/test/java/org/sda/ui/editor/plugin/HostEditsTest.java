package org.sda.ui.editor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HostEditsTest {

    private final ByteBuffer flag = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
    private final HostEdits edits = new HostEdits(flag);

    @Test
    void aGestureComesOutInOrderAsTriplesAndRaisesTheShimsFlag() {
        assertThat(flag.getInt(0)).isZero();
        edits.beginEdit(3);
        edits.performEdit(3, 0.25);
        edits.performEdit(3, 0.5);
        edits.endEdit(3);

        assertThat(flag.getInt(0)).isEqualTo(1);
        double[] into = new double[3 * 8];
        assertThat(edits.takeInto(into)).isEqualTo(4);
        assertThat(into).startsWith(HostEdits.BEGIN, 3, 0, HostEdits.PERFORM, 3, 0.25, HostEdits.PERFORM, 3, 0.5,
                HostEdits.END, 3, 0);
        assertThat(edits.takeInto(into)).isZero();
    }

    @Test
    void aSmallBufferTakesWhatFitsAndLeavesTheRest() {
        for (int i = 0; i < 5; i++) {
            edits.performEdit(1, i / 10.0);
        }
        double[] into = new double[3 * 2];
        assertThat(edits.takeInto(into)).isEqualTo(2);
        assertThat(into[5]).isEqualTo(0.1);
        assertThat(edits.takeInto(into)).isEqualTo(2);
        assertThat(edits.takeInto(into)).isEqualTo(1);
        assertThat(into[2]).isEqualTo(0.4);
    }

    @Test
    void aHostThatNeverTakesEditsKeepsWholeGesturesWithinTheLimit() {
        edits.beginEdit(0);
        for (int i = 0; i < 3 * HostEdits.LIMIT; i++) {
            edits.performEdit(0, 0.5);
        }
        edits.endEdit(0);

        double[] into = new double[3 * 16 * HostEdits.LIMIT];
        int n = edits.takeInto(into);
        assertThat(n).isLessThanOrEqualTo(HostEdits.LIMIT + 2);
        assertThat(into[0]).isEqualTo(HostEdits.BEGIN);
        assertThat(into[3 * (n - 1)]).isEqualTo(HostEdits.END);
    }

    @Test
    void aRestoredPresetAsksTheHostToReadEveryParameterAgain() {
        edits.stateRestored();

        double[] into = new double[3];
        assertThat(edits.takeInto(into)).isEqualTo(1);
        assertThat(into[0]).isEqualTo(HostEdits.RESTORED);
        assertThat(flag.getInt(0)).isEqualTo(1);
    }

    @Test
    void afterTheEditorClosesTheFlagIsNeverWrittenAgain() {
        edits.forgetSignal();
        edits.performEdit(2, 0.7);

        assertThat(flag.getInt(0)).isZero();
        assertThat(edits.takeInto(new double[3])).isEqualTo(1);
    }
}
