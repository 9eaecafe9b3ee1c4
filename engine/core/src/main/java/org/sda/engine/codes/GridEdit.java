package org.sda.engine.codes;

import java.util.Locale;
import java.util.Objects;

/**
 * One edit of a code grid, as a command: {@link #applyTo} makes the edited version and leaves the
 * grid it was given as it was (grids are immutable), so undoing is going back to the earlier
 * version ({@link EditHistory}). Edits that take cells from another grid (swap, blend, insert)
 * hold that grid, which must belong to the same model.
 */
public sealed interface GridEdit {

    /**
     * The edited version of {@code grid}.
     *
     * @throws IllegalArgumentException if the edit does not fit the grid (range outside it, a code
     *     outside the codebook, a grid of another model); {@code grid} is unchanged either way
     */
    CodeGrid applyTo(CodeGrid grid);

    /** A few words for an Undo menu item: "swap Timbre, frames 10-40". */
    String describe();

    /** Every cell of {@code region} set to {@code code} (one cell, or a selection). */
    record SetCells(Region region, int code) implements GridEdit {
        @Override
        public CodeGrid applyTo(CodeGrid grid) {
            return grid.rewritten(region.from(), region.to(), region.mask(grid.levels()), (l, t, cell) -> Cell.of(code));
        }

        @Override
        public String describe() {
            return "set " + (region.frameCount() == 1 && region.levels().size() == 1 ? "cell" : "cells") + " to "
                    + code;
        }
    }

    /**
     * The cells of {@code region} taken from {@code source}, starting at its frame
     * {@code sourceFrom}: a hybrid of two sounds. Blends in the taken cells come along.
     */
    record SwapRegion(Region region, CodeGrid source, int sourceFrom) implements GridEdit {
        public SwapRegion {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public CodeGrid applyTo(CodeGrid grid) {
            requireSameModel(grid, source);
            source.checkRange(sourceFrom, sourceFrom + region.frameCount());
            int shift = sourceFrom - region.from();
            return grid.rewritten(region.from(), region.to(), region.mask(grid.levels()),
                    (l, t, cell) -> source.cell(l, t + shift));
        }

        @Override
        public String describe() {
            return "swap " + span(region);
        }
    }

    /**
     * A {@link SwapRegion} whose edges cross-fade in embedding space: the first and last
     * {@code fadeFrames} frames of the region blend from this grid's codes into the source's
     * (weights {@code 1/(n+1), 2/(n+1), ...}), so the decoder is not asked to jump between two
     * sounds from one code frame to the next. Fades longer than half the region are shortened.
     */
    record FadedSwap(Region region, CodeGrid source, int sourceFrom, int fadeFrames) implements GridEdit {
        public FadedSwap {
            Objects.requireNonNull(source, "source");
            if (fadeFrames < 0) {
                throw new IllegalArgumentException("fade must be 0 frames or more: " + fadeFrames);
            }
        }

        @Override
        public CodeGrid applyTo(CodeGrid grid) {
            requireSameModel(grid, source);
            source.checkRange(sourceFrom, sourceFrom + region.frameCount());
            int shift = sourceFrom - region.from();
            int fade = Math.min(fadeFrames, (region.frameCount() - 1) / 2);
            return grid.rewritten(region.from(), region.to(), region.mask(grid.levels()), (l, t, cell) -> {
                int k = Math.min(t - region.from(), region.to() - 1 - t);
                return k < fade ? new Cell(cell.code(), source.code(l, t + shift), (k + 1f) / (fade + 1))
                        : source.cell(l, t + shift);
            });
        }

        @Override
        public String describe() {
            return "swap " + span(region) + " with " + fadeFrames + "-frame fades";
        }
    }

    /**
     * The cells of {@code region} blended in embedding space with those of {@code other} (from
     * its frame {@code otherFrom}): each cell's latent becomes {@code (1 - weight)} of its own code's
     * vector plus {@code weight} of the other's. The blend replaces any earlier blend of the cell;
     * the other grid's blends are not followed (its primary codes are used).
     */
    record BlendRegion(Region region, CodeGrid other, int otherFrom, float weight) implements GridEdit {
        public BlendRegion {
            Objects.requireNonNull(other, "other");
            if (!(weight >= 0f && weight <= 1f)) {
                throw new IllegalArgumentException("blend weight must be in [0, 1]: " + weight);
            }
        }

        @Override
        public CodeGrid applyTo(CodeGrid grid) {
            requireSameModel(grid, other);
            other.checkRange(otherFrom, otherFrom + region.frameCount());
            int shift = otherFrom - region.from();
            return grid.rewritten(region.from(), region.to(), region.mask(grid.levels()),
                    (l, t, cell) -> new Cell(cell.code(), other.code(l, t + shift), weight));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "blend %.0f%% %s", 100 * weight, span(region));
        }
    }

    /** Frames {@code [from, to)} of {@code source} (this grid or another of the same model) inserted before frame {@code at}. */
    record InsertRange(int at, CodeGrid source, int from, int to) implements GridEdit {
        public InsertRange {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public CodeGrid applyTo(CodeGrid grid) {
            requireSameModel(grid, source);
            return grid.inserted(at, source, from, to);
        }

        @Override
        public String describe() {
            return "insert " + (to - from) + " frames at " + at;
        }
    }

    /** Frames {@code [from, to)} removed; the grid keeps at least one frame. */
    record DeleteRange(int from, int to) implements GridEdit {
        @Override
        public CodeGrid applyTo(CodeGrid grid) {
            return grid.deleted(from, to);
        }

        @Override
        public String describe() {
            return "delete frames " + from + "-" + (to - 1);
        }
    }

    /** Frames {@code [from, to)} played {@code times} times in a row ({@code times - 1} copies added after the range). */
    record RepeatRange(int from, int to, int times) implements GridEdit {
        public RepeatRange {
            if (times < 1) {
                throw new IllegalArgumentException("repeat count must be 1 or more: " + times);
            }
        }

        @Override
        public CodeGrid applyTo(CodeGrid grid) {
            grid.checkRange(from, to);
            CodeGrid out = grid;
            for (int i = 1; i < times; i++) {
                out = out.inserted(to, grid, from, to);
            }
            return out;
        }

        @Override
        public String describe() {
            return "repeat frames " + from + "-" + (to - 1) + " x" + times;
        }
    }

    private static void requireSameModel(CodeGrid grid, CodeGrid other) {
        if (!grid.model().sameNetworks(other.model())) {
            throw new IllegalArgumentException("the grids come from different models: " + grid.model() + " and "
                    + other.model() + "; encode both sounds with the same model");
        }
    }

    private static String span(Region region) {
        return "levels " + region.levels() + ", frames " + region.from() + "-" + (region.to() - 1);
    }
}
