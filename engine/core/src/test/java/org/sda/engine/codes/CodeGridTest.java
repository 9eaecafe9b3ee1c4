package org.sda.engine.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeGridTest {

    @Test
    void levelLabelsAreStructureTimbreDetailForThreeAndSensibleForTwoAndFour() {
        assertThat(LevelLabels.defaults(3)).containsExactly("Structure", "Timbre", "Detail");
        assertThat(LevelLabels.defaults(2)).containsExactly("Structure", "Detail");
        assertThat(LevelLabels.defaults(4)).containsExactly("Structure", "Timbre", "Texture", "Detail");
    }

    @Test
    void aCellEditCopiesOnlyTheChunkItTouchesAndLeavesTheOriginalAlone() {
        CodeGrid grid = TestGrids.random(10 * 60 * 86, 1); // ten minutes
        int before = grid.code(1, 30_000);
        CodeGrid edited = new GridEdit.SetCells(Region.cell(1, 30_000), (before + 1) % 64).applyTo(grid);

        assertThat(grid.code(1, 30_000)).isEqualTo(before);
        assertThat(edited.code(1, 30_000)).isEqualTo((before + 1) % 64);
        assertThat(edited.code(1, 29_999)).isEqualTo(grid.code(1, 29_999));
        assertThat(edited.allocatedBytes()).isLessThanOrEqualTo(3L * CodeGrid.CHUNK_FRAMES * Integer.BYTES);
        assertThat(edited).isNotEqualTo(grid);
        assertThat(edited.contentHash()).isNotEqualTo(grid.contentHash());
    }

    @Test
    void insertDeleteAndRepeatMoveFramesAndKeepSamplesConsistent() {
        CodeGrid grid = TestGrids.random(3000, 2);
        CodeGrid other = TestGrids.random(500, 3);

        CodeGrid inserted = new GridEdit.InsertRange(1000, other, 100, 300).applyTo(grid);
        assertThat(inserted.frames()).isEqualTo(3200);
        assertThat(inserted.samples()).isEqualTo(grid.samples() + 200 * TestGrids.TIMING.samplesPerFrame());
        assertThat(inserted.code(2, 999)).isEqualTo(grid.code(2, 999));
        assertThat(inserted.code(2, 1000)).isEqualTo(other.code(2, 100));
        assertThat(inserted.code(2, 1199)).isEqualTo(other.code(2, 299));
        assertThat(inserted.code(2, 1200)).isEqualTo(grid.code(2, 1000));
        assertThat(inserted.allocatedBytes()).isZero(); // all shared

        assertThat(new GridEdit.DeleteRange(1000, 1200).applyTo(inserted)).isEqualTo(grid);

        CodeGrid repeated = new GridEdit.RepeatRange(10, 20, 3).applyTo(grid);
        assertThat(repeated.frames()).isEqualTo(3020);
        for (int t = 0; t < 10; t++) {
            assertThat(repeated.code(0, 20 + t)).isEqualTo(grid.code(0, 10 + t));
            assertThat(repeated.code(0, 30 + t)).isEqualTo(grid.code(0, 10 + t));
        }
        assertThat(repeated.code(0, 40)).isEqualTo(grid.code(0, 20));
    }

    @Test
    void blendedCellsGiveTheInterpolatedEmbeddingAndUnblendedOnesTheLookup() {
        CodeGrid a = TestGrids.random(40, 4);
        CodeGrid b = TestGrids.random(40, 5);
        float[][][] books = new float[3][64][4];
        for (int l = 0; l < 3; l++) {
            for (int k = 0; k < 64; k++) {
                for (int d = 0; d < 4; d++) {
                    books[l][k][d] = (float) Math.sin(l * 7 + k * 3 + d);
                }
            }
        }
        CodeGrid blended = new GridEdit.BlendRegion(new Region(10, 20, List.of(1)), b, 10, 0.25f).applyTo(a);
        float[][] latent = blended.latent(books);
        float[][] plain = a.latent(books);

        assertThat(latent[5]).containsExactly(plain[5]);
        for (int d = 0; d < 4; d++) {
            float expected = books[0][a.code(0, 12)][d] + (0.75f * books[1][a.code(1, 12)][d]
                    + 0.25f * books[1][b.code(1, 12)][d]) + books[2][a.code(2, 12)][d];
            assertThat(latent[12][d]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f));
        }
        assertThat(blended.hasBlend()).isTrue();
        assertThat(blended.cell(0, 12).blended()).isFalse();
        assertThat(blended.cell(1, 12)).isEqualTo(new Cell(a.code(1, 12), b.code(1, 12), 0.25f));
    }

    @Test
    void aFadedSwapBlendsItsEdgesAndTakesTheSourceInside() {
        CodeGrid a = TestGrids.random(100, 11);
        CodeGrid b = TestGrids.random(100, 12);
        CodeGrid faded = new GridEdit.FadedSwap(new Region(20, 40, List.of(0, 2)), b, 50, 2).applyTo(a);

        assertThat(faded.cell(0, 20)).isEqualTo(new Cell(a.code(0, 20), b.code(0, 50), 1f / 3));
        assertThat(faded.cell(2, 21)).isEqualTo(new Cell(a.code(2, 21), b.code(2, 51), 2f / 3));
        assertThat(faded.cell(0, 22)).isEqualTo(Cell.of(b.code(0, 52)));
        assertThat(faded.cell(0, 38)).isEqualTo(new Cell(a.code(0, 38), b.code(0, 68), 2f / 3));
        assertThat(faded.cell(0, 39)).isEqualTo(new Cell(a.code(0, 39), b.code(0, 69), 1f / 3));
        assertThat(faded.cell(1, 30)).isEqualTo(a.cell(1, 30));
        assertThat(faded.cell(0, 40)).isEqualTo(a.cell(0, 40));
        assertThat(new GridEdit.FadedSwap(Region.cell(0, 5), b, 5, 3).applyTo(a).cell(0, 5))
                .isEqualTo(Cell.of(b.code(0, 5)));
    }

    @Test
    void editsThatDoNotFitAreRefusedAndChangeNothing() {
        CodeGrid grid = TestGrids.random(100, 6);
        CodeGrid foreign = TestGrids.random(TestGrids.model("bb"), 100, 7);

        assertThatThrownBy(() -> new GridEdit.SwapRegion(Region.allLevels(0, 10, 3), foreign, 0).applyTo(grid))
                .hasMessageContaining("different models");
        assertThatThrownBy(() -> new GridEdit.SetCells(Region.cell(0, 5), 64).applyTo(grid))
                .hasMessageContaining("outside the codebook");
        assertThatThrownBy(() -> new GridEdit.SetCells(Region.cell(3, 5), 1).applyTo(grid))
                .hasMessageContaining("level 3");
        assertThatThrownBy(() -> new GridEdit.DeleteRange(0, 100).applyTo(grid))
                .hasMessageContaining("every frame");
        assertThatThrownBy(() -> new GridEdit.SwapRegion(Region.allLevels(90, 100, 3), grid, 95).applyTo(grid))
                .hasMessageContaining("not inside");
        assertThat(grid).isEqualTo(TestGrids.random(100, 6));
    }

    @Test
    void historyIsBoundedByStepsAndBytes() {
        CodeGrid grid = TestGrids.random(5000, 8);
        EditHistory steps = new EditHistory(grid, 5, Long.MAX_VALUE);
        for (int i = 0; i < 20; i++) {
            steps.apply(new GridEdit.SetCells(Region.cell(0, i), 1));
        }
        assertThat(steps.undoDepth()).isEqualTo(5);

        long perEdit = new GridEdit.SetCells(Region.cell(0, 0), 1).applyTo(grid).allocatedBytes();
        EditHistory bytes = new EditHistory(grid, 1000, perEdit * 3);
        for (int i = 0; i < 20; i++) {
            bytes.apply(new GridEdit.SetCells(Region.cell(0, i * 1500 % 5000), 2));
        }
        assertThat(bytes.undoDepth()).isEqualTo(3);
        assertThat(bytes.retainedBytes()).isLessThanOrEqualTo(perEdit * 3);
    }
}
