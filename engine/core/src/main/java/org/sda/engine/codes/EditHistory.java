package org.sda.engine.codes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * The undo/redo stack of one grid being edited. Every {@link GridEdit} goes through
 * {@link #apply}; {@link #undo} and {@link #redo} step between the versions. Because grids are
 * immutable and share storage, each step holds a version, not a copy: undo and redo cost nothing
 * but a pointer move, and a step costs the memory its edit newly made
 * ({@link CodeGrid#allocatedBytes()}).
 *
 * <p><b>Bounded.</b> At most {@code maxSteps} undo steps, and the storage the kept steps made is
 * held under {@code maxBytes}: past either, the oldest steps are forgotten (the current version
 * and the newest step always stay). The grids other edits take cells from (the source of a swap
 * or a blend) are held by their steps too; they are grids the editor has loaded anyway.
 *
 * <p><b>Threads.</b> Edits, undo and redo are made on one thread (the editor's); {@link #current()}
 * may be read from any thread (a render thread playing the grid) and always gives a whole version.
 */
public final class EditHistory {

    public static final int DEFAULT_MAX_STEPS = 1000;
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    /** One applied edit: the versions before and after it. */
    public record Step(GridEdit edit, CodeGrid before, CodeGrid after) {
    }

    private final int maxSteps;
    private final long maxBytes;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private long bytes;
    private volatile CodeGrid current;

    public EditHistory(CodeGrid start) {
        this(start, DEFAULT_MAX_STEPS, DEFAULT_MAX_BYTES);
    }

    public EditHistory(CodeGrid start, int maxSteps, long maxBytes) {
        if (maxSteps < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the history must keep at least one step");
        }
        this.current = Objects.requireNonNull(start, "start");
        this.maxSteps = maxSteps;
        this.maxBytes = maxBytes;
    }

    /** The version being edited. Any thread. */
    public CodeGrid current() {
        return current;
    }

    /**
     * Applies an edit to the current version, makes the result current and forgets what could be
     * redone. A failing edit changes nothing.
     *
     * @return the new current version
     */
    public CodeGrid apply(GridEdit edit) {
        CodeGrid before = current;
        CodeGrid after = edit.applyTo(before);
        for (Step s : redo) {
            bytes -= s.after().allocatedBytes();
        }
        redo.clear();
        undo.push(new Step(edit, before, after));
        bytes += after.allocatedBytes();
        while (undo.size() > 1 && (undo.size() > maxSteps || bytes > maxBytes)) {
            bytes -= undo.removeLast().after().allocatedBytes();
        }
        current = after;
        return after;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** The edit {@link #undo} would take back. */
    public Optional<GridEdit> nextUndo() {
        return Optional.ofNullable(undo.peek()).map(Step::edit);
    }

    /** The edit {@link #redo} would make again. */
    public Optional<GridEdit> nextRedo() {
        return Optional.ofNullable(redo.peek()).map(Step::edit);
    }

    /**
     * Goes back one edit.
     *
     * @return the version now current
     * @throws IllegalStateException when there is nothing to undo
     */
    public CodeGrid undo() {
        Step step = undo.poll();
        if (step == null) {
            throw new IllegalStateException("nothing to undo");
        }
        redo.push(step);
        current = step.before();
        return current;
    }

    /**
     * Makes the last undone edit again (the very version it made before, not a re-application).
     *
     * @throws IllegalStateException when there is nothing to redo
     */
    public CodeGrid redo() {
        Step step = redo.poll();
        if (step == null) {
            throw new IllegalStateException("nothing to redo");
        }
        undo.push(step);
        current = step.after();
        return current;
    }

    public int undoDepth() {
        return undo.size();
    }

    public int redoDepth() {
        return redo.size();
    }

    /** Storage the kept steps made, in bytes (the bound {@code maxBytes} applies to this). */
    public long retainedBytes() {
        return bytes;
    }
}
