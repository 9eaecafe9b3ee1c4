package org.sda.ui.editor;

/**
 * Where the editor's parameter edits go: a person's gesture on a control arrives as
 * {@code beginEdit}, one or more {@code performEdit}, {@code endEdit}, as VST3's
 * {@code IComponentHandler} wants them so that a host records automation. The plugin bridge
 * routes them to the host; the standalone host applies them to its instrument directly.
 *
 * <p>Called on Swing's event thread; implementations must not block it.
 */
public interface ParameterEditor {

    /**
     * A gesture on parameter {@code id} starts. Only a host that records automation needs the
     * gesture's bounds; an editor that applies edits directly ignores them.
     */
    default void beginEdit(int id) {
    }

    /** Parameter {@code id} takes {@code normalized} (in [0, 1]). */
    void performEdit(int id, double normalized);

    /** The gesture on parameter {@code id} ended (see {@link #beginEdit}). */
    default void endEdit(int id) {
    }

    /**
     * The editor restored the instrument's whole state (a preset): every parameter may have
     * changed, so a host reads them again (VST3's {@code restartComponent(kParamValuesChanged)}).
     */
    default void stateRestored() {
    }
}
