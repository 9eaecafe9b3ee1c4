package org.sda.engine.codes;

import java.util.ArrayList;
import java.util.List;
import org.sda.engine.model.SdaManifest;

/**
 * Names of the quantiser levels, coarse to fine, as a user reads them on the grid: the model's
 * own ({@code vq.levelLabels} in the manifest) when it has one per level, otherwise the defaults
 * the trainer writes (Structure / Timbre / Detail for three levels).
 */
public final class LevelLabels {

    private LevelLabels() {
    }

    /** The default names for {@code levels} levels. */
    public static List<String> defaults(int levels) {
        return switch (levels) {
            case 1 -> List.of("Sound");
            case 2 -> List.of("Structure", "Detail");
            case 3 -> List.of("Structure", "Timbre", "Detail");
            case 4 -> List.of("Structure", "Timbre", "Texture", "Detail");
            default -> {
                List<String> names = new ArrayList<>();
                for (int l = 0; l < levels; l++) {
                    names.add("Level " + (l + 1));
                }
                yield List.copyOf(names);
            }
        };
    }

    /** The manifest's labels when there is one non-blank label per level, else {@link #defaults}. */
    public static List<String> of(SdaManifest.Vq vq) {
        List<String> own = vq.levelLabels();
        if (own.size() == vq.levels() && own.stream().noneMatch(s -> s == null || s.isBlank())) {
            return own;
        }
        return defaults(vq.levels());
    }
}
