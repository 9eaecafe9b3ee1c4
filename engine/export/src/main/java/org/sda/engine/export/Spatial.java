package org.sda.engine.export;

import java.util.Locale;

/**
 * The channel layout of an export: mono as the model made it, stereo at a width, or binaural at
 * a placement around the head. Exactly one applies.
 *
 * @param mode which layout
 * @param width stereo width in [0, 1]; 0 unless {@code STEREO}
 * @param placement where a binaural sound sits; null unless {@code BINAURAL}
 */
public record Spatial(Mode mode, double width, Placement placement) {

    public enum Mode { MONO, STEREO, BINAURAL }

    public static final Spatial MONO = new Spatial(Mode.MONO, 0, null);

    public Spatial {
        if (mode == null) {
            throw new IllegalArgumentException("mode is missing");
        }
        if (mode == Mode.STEREO) {
            StereoWidener.checkWidth(width);
        }
        if (mode == Mode.BINAURAL && placement == null) {
            throw new IllegalArgumentException("a binaural export needs a placement");
        }
    }

    public static Spatial stereo(double width) {
        return new Spatial(Mode.STEREO, width, null);
    }

    public static Spatial binaural(Placement placement) {
        return new Spatial(Mode.BINAURAL, 0, placement);
    }

    /** Channels the export has. */
    public int channels() {
        return mode == Mode.MONO ? 1 : 2;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case MONO -> "mono";
            case STEREO -> String.format(Locale.ROOT, "stereo, width %.2f", width);
            case BINAURAL -> "binaural, " + placement;
        };
    }
}
