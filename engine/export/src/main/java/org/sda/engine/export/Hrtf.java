package org.sda.engine.export;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sda.engine.audio.Resampler;

/**
 * A head model: head-related impulse responses measured around a listener, read from a SOFA
 * file (AES69, {@code SimpleFreeFieldHRIR}). Immutable and thread-safe.
 *
 * <p>The bundled default is the MIT KEMAR dummy head with normal pinnae (Gardner and Martin,
 * MIT Media Lab, 1994; 710 directions at 1.4 m, 512 taps at 44.1 kHz), in the SOFA conversion
 * Debian ships with libmysofa. Its terms: "provided free with no restrictions on use, provided
 * the authors are cited when the data is used in any research or commercial application"; the
 * licence note beside the resource says more.
 *
 * <p>Directions are stored in this package's convention (azimuth positive to the right);
 * SOFA's azimuth, counter-clockwise from the front (+90 = left), is converted when reading.
 */
public final class Hrtf {

    /** The bundled head model's resource, beside this class. */
    static final String DEFAULT_RESOURCE = "mit-kemar-normal-pinna.sofa";
    /** What {@link #name} says for the bundled head model. */
    public static final String DEFAULT_NAME = "MIT KEMAR (normal pinna)";
    /** SOFA files larger than this are refused before reading: no real HRTF set comes near it. */
    static final long MAX_FILE_BYTES = 512L << 20;

    /** One measured direction: its impulse responses at the left and right ear. */
    public record Measurement(double azimuth, double elevation, double distance, float[] left, float[] right) {}

    private static volatile Hrtf defaultHead;

    private final String name;
    private final int sampleRate;
    private final List<Measurement> measurements;
    private final double[][] directions;

    private Hrtf(String name, int sampleRate, List<Measurement> measurements) {
        this.name = name;
        this.sampleRate = sampleRate;
        this.measurements = List.copyOf(measurements);
        this.directions = new double[measurements.size()][];
        for (int i = 0; i < directions.length; i++) {
            directions[i] = unit(measurements.get(i).azimuth(), measurements.get(i).elevation());
        }
    }

    /** The bundled head model (MIT KEMAR), loaded once on first use; no file, no download. */
    public static Hrtf defaultHead() throws HrtfException {
        Hrtf head = defaultHead;
        if (head == null) {
            synchronized (Hrtf.class) {
                head = defaultHead;
                if (head == null) {
                    try (InputStream in = Hrtf.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                        if (in == null) {
                            throw new HrtfException(DEFAULT_NAME, "the bundled head model is missing from this build");
                        }
                        byte[] bytes = in.readAllBytes();
                        try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
                            head = read(hdf, DEFAULT_NAME);
                        }
                    } catch (HrtfException e) {
                        throw e;
                    } catch (IOException | RuntimeException e) {
                        throw new HrtfException(DEFAULT_NAME, "the bundled head model could not be read: " + e.getMessage(), e);
                    }
                    defaultHead = head;
                }
            }
        }
        return head;
    }

    /**
     * Reads a user's SOFA file.
     *
     * @throws HrtfException naming the file: missing, unreadable, not HDF5/SOFA, or without
     *     two-ear impulse responses and their directions
     */
    public static Hrtf load(Path file) throws HrtfException {
        if (!Files.isRegularFile(file)) {
            throw HrtfException.of(file, Files.exists(file) ? "is not a file" : "file does not exist");
        }
        if (!Files.isReadable(file)) {
            throw HrtfException.of(file, "permission denied");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw HrtfException.of(file, "is " + (size >> 20) + " MiB; a head model is at most " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
        } catch (IOException e) {
            throw HrtfException.of(file, "cannot be read: " + e.getMessage());
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return read(hdf, file.getFileName().toString());
        } catch (HrtfException e) {
            throw new HrtfException(file.toString(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
        } catch (RuntimeException e) {
            // jhdf reports a file that is not HDF5 (or is damaged) with its own runtime exceptions.
            throw new HrtfException(file.toString(), "not a readable SOFA (HDF5) file: " + e.getMessage(), e);
        }
    }

    private static Hrtf read(HdfFile hdf, String name) throws HrtfException {
        Node irNode = hdf.getChildren().get("Data.IR");
        Node positionNode = hdf.getChildren().get("SourcePosition");
        Node rateNode = hdf.getChildren().get("Data.SamplingRate");
        if (!(irNode instanceof Dataset ir) || !(positionNode instanceof Dataset positions)
                || !(rateNode instanceof Dataset rateSet)) {
            Attribute conventions = hdf.getAttribute("SOFAConventions");
            throw new HrtfException(name, "not a SOFA head model with impulse responses (needs Data.IR, "
                    + "SourcePosition and Data.SamplingRate" + (conventions == null ? "" : "; this file is "
                    + conventions.getData()) + ")");
        }
        int[] dims = ir.getDimensions();
        if (dims.length != 3 || dims[1] != 2 || dims[0] < 1 || dims[2] < 1) {
            throw new HrtfException(name, "Data.IR has shape " + java.util.Arrays.toString(dims)
                    + "; a head model needs [directions, 2 ears, taps]");
        }
        double rate = number(rateSet.getData(), 0);
        if (!(rate >= 8000 && rate <= 384_000) || rate != Math.rint(rate)) {
            throw new HrtfException(name, "sampling rate " + rate + " Hz is not usable");
        }
        double[][] pos = matrix(positions.getData(), dims[0], 3, name, "SourcePosition");
        boolean cartesian = false;
        Attribute type = positions.getAttribute("Type");
        if (type != null && String.valueOf(type.getData()).toLowerCase(Locale.ROOT).contains("cartesian")) {
            cartesian = true;
        }
        Object irData = ir.getData();
        double[] delays = delays(hdf, dims[0]);
        List<Measurement> list = new ArrayList<>(dims[0]);
        for (int m = 0; m < dims[0]; m++) {
            double az;
            double el;
            double dist;
            if (cartesian) {
                double x = pos[m][0];
                double y = pos[m][1];
                double z = pos[m][2];
                dist = Math.sqrt(x * x + y * y + z * z);
                az = Math.toDegrees(Math.atan2(y, x));
                el = dist == 0 ? 0 : Math.toDegrees(Math.asin(z / dist));
            } else {
                az = pos[m][0];
                el = pos[m][1];
                dist = pos[m][2];
            }
            // SOFA: counter-clockwise, +90 = left. Here: +90 = right.
            double right = -az;
            right = ((right % 360) + 540) % 360 - 180;
            Object ears = Array.get(irData, m);
            float[] l = taps(Array.get(ears, 0), (int) Math.round(delays[2 * m]));
            float[] r = taps(Array.get(ears, 1), (int) Math.round(delays[2 * m + 1]));
            for (float v : l) {
                if (!Float.isFinite(v)) {
                    throw new HrtfException(name, "Data.IR holds values that are not finite numbers");
                }
            }
            list.add(new Measurement(right, el, dist, l, r));
        }
        return new Hrtf(name, (int) rate, list);
    }

    /** Data.Delay, [1 or M, 2] samples, as [M·2]; zeros when absent. */
    private static double[] delays(HdfFile hdf, int count) {
        double[] out = new double[2 * count];
        Node node = hdf.getChildren().get("Data.Delay");
        if (node instanceof Dataset d) {
            Object data = d.getData();
            int rows = Array.getLength(data);
            for (int m = 0; m < count; m++) {
                Object row = Array.get(data, rows == 1 ? 0 : Math.min(m, rows - 1));
                if (row.getClass().isArray() && Array.getLength(row) >= 2) {
                    out[2 * m] = Math.max(0, ((Number) Array.get(row, 0)).doubleValue());
                    out[2 * m + 1] = Math.max(0, ((Number) Array.get(row, 1)).doubleValue());
                }
            }
        }
        return out;
    }

    private static float[] taps(Object row, int delay) {
        int n = Array.getLength(row);
        float[] out = new float[n + Math.min(delay, 4096)];
        for (int i = 0; i < n; i++) {
            out[i + out.length - n] = ((Number) Array.get(row, i)).floatValue();
        }
        return out;
    }

    private static double number(Object data, int index) {
        Object v = data.getClass().isArray() ? Array.get(data, index) : data;
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double[][] matrix(Object data, int rows, int cols, String name, String what) throws HrtfException {
        int have = data.getClass().isArray() ? Array.getLength(data) : 0;
        if (have != rows && have != 1) {
            throw new HrtfException(name, what + " has " + have + " rows for " + rows + " impulse responses");
        }
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            Object row = Array.get(data, have == 1 ? 0 : r);
            if (!row.getClass().isArray() || Array.getLength(row) < cols) {
                throw new HrtfException(name, what + " rows need " + cols + " values");
            }
            for (int c = 0; c < cols; c++) {
                out[r][c] = ((Number) Array.get(row, c)).doubleValue();
            }
        }
        return out;
    }

    private static double[] unit(double azimuth, double elevation) {
        double a = Math.toRadians(azimuth);
        double e = Math.toRadians(elevation);
        return new double[] {Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)};
    }

    /** The measured direction nearest to the one asked for (largest cosine between them). */
    public Measurement nearest(double azimuth, double elevation) {
        double[] want = unit(azimuth, elevation);
        int best = 0;
        double bestDot = -2;
        for (int i = 0; i < directions.length; i++) {
            double[] d = directions[i];
            double dot = d[0] * want[0] + d[1] * want[1] + d[2] * want[2];
            if (dot > bestDot) {
                bestDot = dot;
                best = i;
            }
        }
        return measurements.get(best);
    }

    /**
     * This head model at another sample rate: every impulse response resampled (soxr), scaled by
     * {@code from / to} so that the filters keep their gain. Returns this when the rate matches.
     */
    public Hrtf atRate(int rate) {
        if (rate == sampleRate) {
            return this;
        }
        float scale = (float) sampleRate / rate;
        List<Measurement> resampled = new ArrayList<>(measurements.size());
        for (Measurement m : measurements) {
            resampled.add(new Measurement(m.azimuth(), m.elevation(), m.distance(),
                    scaled(Resampler.resample(m.left(), sampleRate, rate), scale),
                    scaled(Resampler.resample(m.right(), sampleRate, rate), scale)));
        }
        return new Hrtf(name, rate, resampled);
    }

    private static float[] scaled(float[] x, float gain) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= gain;
        }
        return x;
    }

    public String name() {
        return name;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Number of measured directions. */
    public int size() {
        return measurements.size();
    }

    /** The median measurement distance in metres: what "the head model's own distance" means. */
    public double measuredDistance() {
        double[] d = measurements.stream().mapToDouble(Measurement::distance).filter(x -> x > 0).sorted().toArray();
        return d.length == 0 ? 1 : d[d.length / 2];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d directions, %d Hz)", name, measurements.size(), sampleRate);
    }
}
