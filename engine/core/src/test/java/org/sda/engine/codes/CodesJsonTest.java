package org.sda.engine.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodesJsonTest {

    @TempDir
    Path dir;

    private Path written() throws Exception {
        Path file = dir.resolve("codes.json");
        CodesJson.write(file, TestGrids.random(50, 1));
        return file;
    }

    private Path withText(String text) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void damagedOrForeignFilesAreRefusedWithTheFileAndTheProblemNamed() throws Exception {
        String good = Files.readString(written());
        assertThatThrownBy(() -> CodesJson.read(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> CodesJson.read(withText(""))).hasMessageContaining("bad.json: is empty");
        assertThatThrownBy(() -> CodesJson.read(withText(good.substring(0, good.length() / 2))))
                .hasMessageContaining("bad.json").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CodesJson.read(withText("{\"name\": \"tabla\"}")))
                .hasMessageContaining("not a codes file");
        assertThatThrownBy(() -> CodesJson.read(withText(good.replace("\"version\" : 1", "\"version\" : 7"))))
                .hasMessageContaining("version 7").hasMessageContaining("update sda");
        assertThatThrownBy(() -> CodesJson.read(withText(good.replaceFirst("\"codes\" : \\[ \\[ \\d+",
                "\"codes\" : [ [ 999"))))
                .hasMessageContaining("code 999 at level 0, frame 0 is outside the codebook");
        assertThatThrownBy(() -> CodesJson.read(withText(good.replaceFirst("\"samples\" : \\d+", "\"samples\" : 5"))))
                .hasMessageContaining("5 samples make 1 code frames, the grid has 50");
        assertThatThrownBy(() -> CodesJson.read(withText(good.replaceFirst("\"frameRate\" : [0-9.]+",
                "\"frameRate\" : 50.0")))).hasMessageContaining("frame rate 50.0 does not match");
    }

    @Test
    void theFileKeepsEachRowOnOneLine() throws Exception {
        String text = Files.readString(written());
        assertThat(text.lines().count()).isLessThan(40);
        assertThat(text).doesNotContain("\"blend\"");
    }
}
