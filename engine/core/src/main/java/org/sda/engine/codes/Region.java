package org.sda.engine.codes;

import java.util.List;

/**
 * A rectangle of a grid: code frames {@code [from, to)} on some levels. One cell is a region of
 * one frame on one level.
 *
 * @param from first frame
 * @param to one past the last frame
 * @param levels the levels, each once, in any order
 */
public record Region(int from, int to, List<Integer> levels) {

    public Region {
        levels = List.copyOf(levels);
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("empty or negative frame range " + from + ".." + to);
        }
        if (levels.isEmpty() || levels.stream().distinct().count() != levels.size()) {
            throw new IllegalArgumentException("a region needs distinct levels: " + levels);
        }
    }

    /** One cell. */
    public static Region cell(int level, int frame) {
        return new Region(frame, frame + 1, List.of(level));
    }

    /** Frames {@code [from, to)} on every one of {@code levelCount} levels. */
    public static Region allLevels(int from, int to, int levelCount) {
        return new Region(from, to, java.util.stream.IntStream.range(0, levelCount).boxed().toList());
    }

    public int frameCount() {
        return to - from;
    }

    /** The levels as a mask over {@code levelCount} levels, checking each is one of them. */
    boolean[] mask(int levelCount) {
        boolean[] mask = new boolean[levelCount];
        for (int l : levels) {
            if (l < 0 || l >= levelCount) {
                throw new IllegalArgumentException("level " + l + " is not one of the grid's " + levelCount + " levels");
            }
            mask[l] = true;
        }
        return mask;
    }
}
