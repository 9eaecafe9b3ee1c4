package org.sda.engine.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random edit sequences on random grids: undoing all of them gives the original grid back, and
 * redoing all gives what applying them once gave. Edits are generated as seeds and turned into
 * edits that fit the grid they meet, so every kind of edit, at every size, is exercised.
 */
class EditHistoryPropertiesTest {

    private static final CodeGrid OTHER = TestGrids.random(3000, 99);

    @Property(tries = 200)
    void undoAllGivesTheOriginalAndRedoAllGivesTheResultOfApplyingOnce(
            @ForAll @IntRange(min = 1, max = 2600) int frames, @ForAll("editSeeds") List<Long> seeds,
            @ForAll long gridSeed) {
        CodeGrid original = TestGrids.random(frames, gridSeed);
        EditHistory history = new EditHistory(original);
        CodeGrid applied = original;
        List<String> shapes = new ArrayList<>();
        for (long seed : seeds) {
            GridEdit edit = edit(history.current(), seed);
            applied = edit.applyTo(applied);
            history.apply(edit);
            shapes.add(edit.describe());
        }
        CodeGrid result = history.current();
        assertThat(result).as("%s", shapes).isEqualTo(applied);

        while (history.canUndo()) {
            history.undo();
        }
        assertThat(history.current()).as("%s", shapes).isEqualTo(original);
        assertThat(history.current().contentHash()).isEqualTo(original.contentHash());

        while (history.canRedo()) {
            history.redo();
        }
        assertThat(history.current()).as("%s", shapes).isEqualTo(result);
        assertThat(history.current().contentHash()).isEqualTo(applied.contentHash());
    }

    @Provide
    Arbitrary<List<Long>> editSeeds() {
        return Arbitraries.longs().list().ofMinSize(0).ofMaxSize(25);
    }

    /** An edit that fits {@code grid}, chosen and shaped by {@code seed}. */
    static GridEdit edit(CodeGrid grid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = grid.frames();
        int from = r.nextInt(n);
        int to = from + 1 + r.nextInt(Math.min(n - from, 1 + r.nextInt(1500)));
        List<Integer> levels = new ArrayList<>();
        for (int l = 0; l < grid.levels(); l++) {
            if (r.nextBoolean()) {
                levels.add(l);
            }
        }
        if (levels.isEmpty()) {
            levels.add(r.nextInt(grid.levels()));
        }
        Region region = new Region(from, to, levels);
        int len = to - from;
        return switch (r.nextInt(8)) {
            case 0 -> new GridEdit.SetCells(Region.cell(levels.get(0), from), r.nextInt(grid.model().codebookSize()));
            case 1 -> new GridEdit.SetCells(region, r.nextInt(grid.model().codebookSize()));
            case 2 -> new GridEdit.SwapRegion(region, OTHER, r.nextInt(OTHER.frames() - len + 1));
            case 3 -> new GridEdit.BlendRegion(region, OTHER, r.nextInt(OTHER.frames() - len + 1), r.nextFloat());
            case 4 -> insert(r, grid, n, from, to);
            case 5 -> len < n ? new GridEdit.DeleteRange(from, to) : new GridEdit.SetCells(region, 0);
            case 6 -> new GridEdit.FadedSwap(region, OTHER, r.nextInt(OTHER.frames() - len + 1), r.nextInt(4));
            default -> new GridEdit.RepeatRange(from, Math.min(to, from + 50), 1 + r.nextInt(3));
        };
    }

    /**
     * Frames inserted from the grid itself or from {@code OTHER}: a range of the one it is taken from
     * (edits grow a grid past {@code OTHER}'s length, so a range of the grid may not fit in it).
     */
    private static GridEdit insert(SplittableRandom r, CodeGrid grid, int n, int from, int to) {
        int at = r.nextInt(n + 1);
        if (r.nextBoolean()) {
            return new GridEdit.InsertRange(at, grid, from, Math.min(to, from + 200));
        }
        int start = r.nextInt(OTHER.frames());
        return new GridEdit.InsertRange(at, OTHER, start, start + 1 + r.nextInt(Math.min(200, OTHER.frames() - start)));
    }

    @Property(tries = 50)
    void aGridReadBackFromJsonEqualsTheOneWritten(@ForAll("editSeeds") List<Long> seeds,
                                                   @ForAll @IntRange(min = 1, max = 500) int frames) throws Exception {
        CodeGrid grid = TestGrids.random(frames, frames);
        for (long seed : seeds) {
            grid = edit(grid, seed).applyTo(grid);
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("codes", ".json");
        try {
            CodesJson.write(file, grid);
            CodeGrid back = CodesJson.read(file, grid.model());
            assertThat(back).isEqualTo(grid);
            assertThat(back.contentHash()).isEqualTo(grid.contentHash());
            assertThat(CodesJson.bytes(back)).isEqualTo(CodesJson.bytes(grid));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

}
