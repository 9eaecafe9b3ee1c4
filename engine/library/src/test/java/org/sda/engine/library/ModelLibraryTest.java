package org.sda.engine.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.model.CodebookVerdict;

class ModelLibraryTest {

    @TempDir
    Path tmp;
    Path root;
    Path pads;
    Path drums;
    Path voices;

    @BeforeEach
    void models() throws Exception {
        root = tmp.resolve("library");
        pads = FakeModels.write(tmp.resolve("pads.sda"), FakeModels.manifest("Warm pads", List.of("pad", "warm"), 12,
                40.5, "/home/me/sounds/ambi", 3, 64, "2026-03-01T10:00:00Z"));
        drums = FakeModels.write(tmp.resolve("drums.sda"), FakeModels.manifest("Drum hits", List.of("drums"), 80,
                30, "/home/me/sounds/drums", 2, 128, "2026-05-02T10:00:00Z"));
        voices = FakeModels.write(tmp.resolve("voices.sda"), FakeModels.manifest("Choir", List.of(), 300, 900,
                "/data/vox", 4, 256, "2026-07-03T10:00:00Z"));
    }

    private static List<String> names(List<ModelEntry> entries) {
        return entries.stream().map(ModelEntry::name).toList();
    }

    @Test
    void searchFindsModelsByTagDatasetSizeCodebookAndDate() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            library.add(pads, null, null);
            library.add(drums, null, null);
            library.add(voices, null, null);
            assertThat(names(library.search(LibraryQuery.all()))).containsExactly("Choir", "Drum hits", "Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("tag:warm")))).containsExactly("Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("tag:war")))).isEmpty();
            assertThat(names(library.search(LibraryQuery.parse("files>=50")))).containsExactly("Choir", "Drum hits");
            assertThat(names(library.search(LibraryQuery.parse("files<=80 files>12")))).containsExactly("Drum hits");
            assertThat(names(library.search(LibraryQuery.parse("codebook:64")))).containsExactly("Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("levels:4")))).containsExactly("Choir");
            assertThat(names(library.search(LibraryQuery.parse("seconds>100")))).containsExactly("Choir");
            assertThat(names(library.search(LibraryQuery.parse("folder:sounds")))).containsExactly("Drum hits",
                    "Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("after:2026-04-01 before:2026-06-30"))))
                    .containsExactly("Drum hits");
            assertThat(names(library.search(LibraryQuery.parse("warm")))).containsExactly("Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("dru")))).containsExactly("Drum hits");
            assertThat(names(library.search(LibraryQuery.parse("ambi")))).containsExactly("Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("\"choir\" codebook:64")))).isEmpty();
        }
    }

    @Test
    void renameAndTagSurviveARebuildWithoutChangingTheModelFile() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            ModelEntry e = library.add(drums, null, null);
            byte[] before = Files.readAllBytes(e.file());
            library.rename(e.id(), "Kit one");
            ModelEntry tagged = library.tag(e.id(), List.of("Acoustic", "loud"), List.of("drums"));
            assertThat(tagged.tags()).containsExactly("Acoustic", "loud");
            assertThat(Files.readAllBytes(e.file())).isEqualTo(before);
            assertThat(library.rebuild()).isEqualTo(1);
            assertThat(names(library.search(LibraryQuery.parse("tag:acoustic")))).containsExactly("Kit one");
            assertThat(library.search(LibraryQuery.parse("tag:drums"))).isEmpty();
        }
    }

    @Test
    void aCorruptDatabaseIsRebuiltFromTheModelFiles() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            library.tag(library.add(pads, null, null).id(), List.of("keeper"), List.of());
            library.add(voices, null, null);
            library.trash(library.add(drums, null, null).id());
        }
        Path db = root.resolve(ModelLibrary.DATABASE);
        byte[] bytes = Files.readAllBytes(db);
        for (int i = 0; i < bytes.length; i += 7) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        Files.write(db, bytes);
        Files.deleteIfExists(root.resolve(ModelLibrary.DATABASE + "-wal"));
        try (ModelLibrary library = ModelLibrary.open(root)) {
            assertThat(library.rebuildNote()).hasValueSatisfying(note -> assertThat(note).contains("damaged")
                    .contains(db.toString()).contains("3 model files"));
            assertThat(names(library.search(LibraryQuery.all()))).containsExactly("Choir", "Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("tag:keeper")))).containsExactly("Warm pads");
            assertThat(names(library.search(LibraryQuery.parse("in:trash")))).containsExactly("Drum hits");
        }
        assertThat(Files.list(root).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.startsWith(ModelLibrary.DATABASE + ".damaged-"));
    }

    @Test
    void aLostDatabaseIsRebuiltToo() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            library.add(pads, null, null);
        }
        Files.delete(root.resolve(ModelLibrary.DATABASE));
        try (ModelLibrary library = ModelLibrary.open(root)) {
            assertThat(names(library.search(LibraryQuery.all()))).containsExactly("Warm pads");
        }
    }

    @Test
    void deleteGoesToTheTrashAndIsUndoable() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            ModelEntry e = library.add(pads, null, null);
            ModelEntry trashed = library.trash(e.id());
            assertThat(trashed.trashed()).isTrue();
            assertThat(trashed.file()).startsWith(root.resolve(ModelLibrary.TRASH));
            assertThat(library.search(LibraryQuery.all())).isEmpty();
            ModelEntry back = library.restore(e.id());
            assertThat(back.file()).startsWith(library.modelsFolder()).exists();
            assertThat(names(library.search(LibraryQuery.all()))).containsExactly("Warm pads");
            library.trash(e.id());
            assertThat(library.emptyTrash()).isEqualTo(1);
            assertThat(Files.list(root.resolve(ModelLibrary.TRASH))).isEmpty();
        }
    }

    @Test
    void aModelDeletedBehindTheLibrarysBackIsReportedByName() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            ModelEntry e = library.add(pads, null, null);
            Files.delete(e.file());
            assertThatThrownBy(() -> library.get(e.id())).isInstanceOf(LibraryException.class)
                    .hasMessageContaining("Warm pads").hasMessageContaining(e.file().toString());
            assertThat(library.search(LibraryQuery.all())).isEmpty();
            ModelEntry f = library.add(drums, null, null);
            Files.delete(f.file());
            assertThat(names(library.sync().vanished())).containsExactly("Drum hits");
        }
    }

    @Test
    void aModelCopiedInByHandAppearsAndABrokenOneIsNamed() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            Files.copy(voices, library.modelsFolder().resolve("copied.sda"));
            Files.writeString(library.modelsFolder().resolve("broken.sda"), "not a model");
            ModelLibrary.SyncReport report = library.sync();
            assertThat(names(report.added())).containsExactly("Choir");
            assertThat(report.problems()).singleElement().asString().contains("broken.sda");
        }
    }

    @Test
    void importingSomethingThatIsNotAModelNamesTheFile() throws Exception {
        Path junk = Files.writeString(tmp.resolve("song.wav.sda"), "RIFF....");
        try (ModelLibrary library = ModelLibrary.open(root)) {
            assertThatThrownBy(() -> library.add(junk, null, null)).isInstanceOf(LibraryException.class)
                    .hasMessageContaining("song.wav.sda").hasMessageContaining("not a model file");
            assertThat(Files.list(library.modelsFolder())).isEmpty();
        }
    }

    @Test
    void aLibraryFolderThatIsAFileGetsAClearMessage() throws Exception {
        Files.writeString(root, "oops");
        assertThatThrownBy(() -> ModelLibrary.open(root)).isInstanceOf(LibraryException.class)
                .hasMessageContaining(root.toString());
    }

    @Test
    void twoWindowsSavingAtOnceKeepEveryModel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ModelLibrary a = ModelLibrary.open(root); ModelLibrary b = ModelLibrary.open(root)) {
            List<Future<ModelEntry>> saved = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ModelLibrary lib = i % 2 == 0 ? a : b;
                saved.add(pool.submit(() -> lib.add(pads, "Same name", List.of("t"))));
            }
            for (Future<ModelEntry> f : saved) {
                f.get();
            }
            assertThat(a.search(LibraryQuery.all())).hasSize(6);
            assertThat(b.search(LibraryQuery.all()).stream().map(ModelEntry::file).distinct()).hasSize(6);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void entriesCarryTheHealthVerdict() throws Exception {
        try (ModelLibrary library = ModelLibrary.open(root)) {
            assertThat(library.add(pads, null, null).verdict()).contains(CodebookVerdict.UNDERUSED);
        }
    }

    @Test
    void aQueryItCannotReadSaysWhichPart() {
        assertThatThrownBy(() -> LibraryQuery.parse("pads files>=ten")).hasMessageContaining("files>=ten");
        assertThat(LibraryQuery.parse("a b tag:x").text()).isEqualTo("a b");
    }
}
