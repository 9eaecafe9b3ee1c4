package org.sda.engine.instrument;

import java.nio.file.Path;
import java.util.List;
import org.sda.engine.model.SdaManifest;

/**
 * What a person wants to know about the model that plays: its name, where it came from, how much
 * it learned from, and its control axes (Control 1–3, in order). Immutable; read from the model's
 * manifest when it was loaded.
 *
 * @param name the model's name
 * @param file the {@code .sda} file; for the demo model the bundle's copy, or {@code null}
 * @param demo whether it is the built-in demo model
 * @param sizeClass the dataset's size class ("tiny", "small", …), or "" when the manifest has none
 * @param soundCount how many sounds it was trained on
 * @param axes the control axes, strongest first; Control {@code i+1} moves along {@code axes.get(i)}
 */
public record ModelInfo(String name, Path file, boolean demo, String sizeClass, int soundCount,
                        List<SdaManifest.Axis> axes) {

    public ModelInfo {
        sizeClass = sizeClass == null ? "" : sizeClass;
        axes = axes == null ? List.of() : List.copyOf(axes);
    }

    static ModelInfo of(SdaManifest manifest, Path file, boolean demo) {
        SdaManifest.Dataset d = manifest.dataset();
        SdaManifest.Analysis a = manifest.analysis();
        return new ModelInfo(manifest.name(), file, demo, d == null ? "" : d.sizeClass(),
                d == null ? 0 : d.fileCount(), a == null ? List.of() : a.axes());
    }

    /** The axis name Control {@code index+1} moves along, or {@code null} when the model has fewer axes. */
    public String axisName(int index) {
        return index >= 0 && index < axes.size() ? axes.get(index).name() : null;
    }
}
