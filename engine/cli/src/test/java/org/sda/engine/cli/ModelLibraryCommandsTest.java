package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.library.FakeModels;
import org.sda.engine.library.ModelLibrary;

class ModelLibraryCommandsTest {

    @TempDir
    Path tmp;

    private Path library() throws Exception {
        Path root = tmp.resolve("lib");
        try (ModelLibrary lib = ModelLibrary.open(root)) {
            lib.add(FakeModels.write(tmp.resolve("a.sda"), FakeModels.manifest("Warm pads", List.of("pad"), 12, 40,
                    "/s/ambi", 3, 64, "2026-03-01T10:00:00Z")), null, null);
            lib.add(FakeModels.write(tmp.resolve("b.sda"), FakeModels.manifest("Drum hits", List.of("drums"), 80, 30,
                    "/s/drums", 2, 128, "2026-05-01T10:00:00Z")), null, null);
        }
        return root;
    }

    @Test
    void listSearchTagAndRmShareTheAppsLibrary() throws Exception {
        String root = library().toString();
        CliRun list = CliRun.sda("model", "list", "--library", root);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("Warm pads").contains("Drum hits").contains("3x64").contains("2x128");

        CliRun search = CliRun.sda("model", "search", "--library", root, "codebook:128");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out()).contains("Drum hits").doesNotContain("Warm pads");
        assertThat(CliRun.sda("model", "search", "--library", root, "files>=500").exitCode()).isEqualTo(1);
        assertThat(CliRun.sda("model", "search", "--library", root, "files>=lots").exitCode()).isEqualTo(2);

        CliRun tag = CliRun.sda("model", "tag", "--library", root, "Warm pads", "evening", "--remove", "pad");
        assertThat(tag.exitCode()).as(tag.err()).isZero();
        assertThat(tag.out()).contains("Warm pads: evening");
        CliRun json = CliRun.sda("model", "search", "--library", root, "--json", "tag:evening");
        assertThat(json.out()).contains("\"name\" : \"Warm pads\"").contains("\"codebookSize\" : 64");

        CliRun rm = CliRun.sda("model", "rm", "--library", root, "Drum hits");
        assertThat(rm.exitCode()).as(rm.err()).isZero();
        assertThat(CliRun.sda("model", "list", "--library", root).out()).doesNotContain("Drum hits");
        assertThat(CliRun.sda("model", "list", "--library", root, "--trash").out()).contains("Drum hits");
        assertThat(CliRun.sda("model", "rm", "--library", root, "--restore", "Drum hits").exitCode()).isZero();
        assertThat(CliRun.sda("model", "list", "--library", root).out()).contains("Drum hits");

        CliRun missing = CliRun.sda("model", "rm", "--library", root, "Nothing");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no model \"Nothing\"");
    }

    @Test
    void benchLibraryRunsOnAFewModels() {
        CliRun bench = CliRun.sda("bench", "library", "--models", "50", "--repeats", "3");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("50 fake models indexed").contains("codebook:128");
    }
}
