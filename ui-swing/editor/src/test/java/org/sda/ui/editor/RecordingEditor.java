package org.sda.ui.editor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ParameterEditor} that records every call, then passes it on, as a host would see them. */
public final class RecordingEditor implements ParameterEditor {

    /** One call: "begin", "perform" or "end". */
    public record Call(String kind, int id, double value) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ParameterEditor next;

    public RecordingEditor(ParameterEditor next) {
        this.next = next;
    }

    @Override
    public void beginEdit(int id) {
        calls.add(new Call("begin", id, Double.NaN));
        next.beginEdit(id);
    }

    @Override
    public void performEdit(int id, double normalized) {
        calls.add(new Call("perform", id, normalized));
        next.performEdit(id, normalized);
    }

    @Override
    public void endEdit(int id) {
        calls.add(new Call("end", id, Double.NaN));
        next.endEdit(id);
    }
}
