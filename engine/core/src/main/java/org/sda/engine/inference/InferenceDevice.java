package org.sda.engine.inference;

import java.util.Locale;

/** Where the networks run. CPU always works; CUDA needs a CUDA build of ONNX Runtime and a GPU. */
public enum InferenceDevice {
    CPU,
    CUDA;

    /** Lower-case name as typed on the command line ({@code --device cuda}). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
