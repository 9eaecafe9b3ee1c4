package org.sda.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The app never loads PyTorch: the trainer is a child process with a class path of its own. */
class AppClassPathTest {

    @Test
    void pyTorchIsNotOnTheAppsClassPath() {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        assertThat(entries).isNotEmpty();
        assertThat(Arrays.stream(entries).map(e -> e.toLowerCase(Locale.ROOT)))
                .noneMatch(e -> e.contains("pytorch") || e.contains("sda-trainer") || e.contains("picocli"));
        assertThatThrownBy(() -> Class.forName("ai.djl.pytorch.engine.PtEngine"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.sda.trainer.cli.TrainerMain"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theLaunchersLibraryFolderHasNoPyTorchEither() throws Exception {
        Path lib = AppContext.home().orElseThrow().resolve("ui-swing/trainer-app/target/lib");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(lib),
                "target/lib is made at package, after the tests; checked when it exists");
        try (var files = Files.list(lib)) {
            assertThat(files.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .noneMatch(n -> n.contains("pytorch") || n.contains("sda-trainer"));
        }
    }
}
