package org.sda.engine.export;

import java.util.Locale;

/**
 * Where a binaural sound sits around the listener's head.
 *
 * @param azimuth degrees, 0 straight ahead, <b>positive to the right</b> (+90 is the right ear,
 *     −90 the left, 180 behind); SOFA files count the other way and {@link Hrtf} converts
 * @param elevation degrees, 0 at ear height, +90 straight up, −90 straight down
 * @param distance metres from the centre of the head, or {@code NaN} for the head model's own
 *     measurement distance (1.4 m for the bundled one)
 */
public record Placement(double azimuth, double elevation, double distance) {

    /** Nearest distance accepted: closer than this the far-field head model means nothing. */
    public static final double MIN_DISTANCE = 0.25;
    public static final double MAX_DISTANCE = 100;

    public Placement {
        if (!(azimuth >= -180 && azimuth <= 180)) {
            throw new IllegalArgumentException("azimuth must be between -180 and 180 degrees, not " + azimuth);
        }
        if (!(elevation >= -90 && elevation <= 90)) {
            throw new IllegalArgumentException("elevation must be between -90 and 90 degrees, not " + elevation);
        }
        if (!Double.isNaN(distance) && !(distance >= MIN_DISTANCE && distance <= MAX_DISTANCE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "distance must be between %.2f and %.0f metres, not %s", MIN_DISTANCE, MAX_DISTANCE, distance));
        }
    }

    /** At the given angles, at the head model's own distance. */
    public static Placement at(double azimuth, double elevation) {
        return new Placement(azimuth, elevation, Double.NaN);
    }

    /**
     * Parses {@code AZ,EL} or {@code AZ,EL,DIST} (degrees, degrees, metres).
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Placement parse(String text) {
        String[] parts = text.split(",");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not AZ,EL[,DIST] (e.g. 90,0 or -30,10,2)");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a number in '" + text + "'");
            }
        }
        return new Placement(v[0], v[1], parts.length == 3 ? v[2] : Double.NaN);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "azimuth %+.0f°, elevation %+.0f°%s", azimuth, elevation,
                Double.isNaN(distance) ? "" : String.format(Locale.ROOT, ", %.2f m", distance));
    }
}
