package org.sda.engine.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.sda.engine.io.AtomicFiles;

/**
 * The optional GPU pack: ONNX Runtime's CUDA build, a single jar from Maven Central that replaces
 * the CPU build on the class path when the {@code sda} launcher finds it in the pack folder.
 * It is too large for the default bundle (about 500 MB, with the CUDA and TensorRT providers), so
 * it is fetched only on request.
 *
 * <p>The download goes to a hidden temporary file beside the target, is checked against the
 * SHA-256 pinned here (not one fetched from the same server), and is renamed into place only when
 * it matches, so an interrupted or corrupt download never leaves a jar the launcher would load.
 * Blocking network and file I/O: call it from a command or a worker thread.
 */
public final class GpuPack {

    /** Receives download progress; {@code total} is the expected size in bytes. */
    @FunctionalInterface
    public interface ProgressListener {
        void bytes(long done, long total);
    }

    /** What {@link #install} did: {@code downloaded} is false when a verified jar was already there. */
    public record Installed(Path jar, boolean downloaded) {
    }

    private static final URI MAVEN_CENTRAL = URI.create("https://repo1.maven.org/maven2/");

    /**
     * ONNX Runtime 1.22.0's CUDA build (CUDA 12, cuDNN 9). Its Java API is the one the engine's
     * CPU build (1.21.1) has, so DJL runs on either; no 1.21.1 CUDA build was published.
     */
    public static final GpuPack ONNX_RUNTIME_CUDA = new GpuPack(MAVEN_CENTRAL,
            "com/microsoft/onnxruntime", "onnxruntime_gpu", "1.22.0",
            "010050c8368f09a8adfc6542a7cbb7b14f598773d0f90b95dd2fff48c8bd6e1b", 496_249_676L);

    /** Headroom kept free on the disk beyond the jar itself. */
    private static final long SPARE_BYTES = 64L << 20;

    private final URI repository;
    private final String groupPath;
    private final String artifact;
    private final String version;
    private final String sha256;
    private final long size;

    /**
     * @param repository a Maven repository's root URL (ending in {@code /})
     * @param groupPath the group id with slashes ({@code com/microsoft/onnxruntime})
     * @param sha256 the jar's expected SHA-256, lower-case hex
     * @param size the jar's size in bytes
     */
    public GpuPack(URI repository, String groupPath, String artifact, String version, String sha256, long size) {
        this.repository = repository;
        this.groupPath = groupPath;
        this.artifact = artifact;
        this.version = version;
        this.sha256 = sha256;
        this.size = size;
    }

    /** The same pack from another repository (a mirror of Maven Central). */
    public GpuPack from(URI mirror) {
        String root = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
        return new GpuPack(URI.create(root), groupPath, artifact, version, sha256, size);
    }

    public String version() {
        return version;
    }

    public long size() {
        return size;
    }

    /** The jar's name, which the launcher looks for: {@code onnxruntime_gpu-1.22.0.jar}. */
    public String fileName() {
        return artifact + "-" + version + ".jar";
    }

    URI url() {
        return repository.resolve(groupPath + "/" + artifact + "/" + version + "/" + fileName());
    }

    /**
     * The per-user pack folder: {@code $SDA_GPU_DIR}, else {@code $XDG_DATA_HOME/sda/gpu}, else
     * {@code ~/.local/share/sda/gpu} (the XDG default).
     */
    public static Path defaultFolder() {
        String own = System.getenv("SDA_GPU_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("sda").resolve("gpu");
    }

    /** The installed jar in {@code folder}, when there is one of the expected size. */
    public Optional<Path> installed(Path folder) {
        Path jar = folder.resolve(fileName());
        try {
            return Files.isRegularFile(jar) && Files.size(jar) == size ? Optional.of(jar) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Downloads the jar into {@code folder} (created when missing) and verifies it.
     *
     * @throws InstallException naming the folder or URL and the problem: no space, no network, an
     *     HTTP error, a size or checksum mismatch; nothing is left behind in any of these cases
     */
    public Installed install(Path folder, ProgressListener progress) throws InstallException {
        Path jar = folder.resolve(fileName());
        if (installed(folder).isPresent() && sha256Of(jar).equals(sha256)) {
            return new Installed(jar, false);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InstallException(folder, "cannot create the folder (" + e.getMessage() + ")", e);
        }
        requireSpace(folder);
        URI url = url();
        try {
            AtomicFiles.replace(jar, temporary -> download(url, temporary, progress));
        } catch (IOException e) {
            throw new InstallException(folder, e.getMessage() + "; nothing was installed", e);
        }
        return new Installed(jar, true);
    }

    /** Removes the jar from {@code folder}; false when there was none. */
    public boolean remove(Path folder) throws InstallException {
        Path jar = folder.resolve(fileName());
        try {
            return Files.deleteIfExists(jar);
        } catch (IOException e) {
            throw new InstallException(jar, "cannot remove it (" + e.getMessage() + ")", e);
        }
    }

    private void requireSpace(Path folder) throws InstallException {
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            if (free < size + SPARE_BYTES) {
                throw new InstallException(folder, String.format(
                        "not enough disk space: the GPU pack needs %d MB, %d MB are free", megabytes(size + SPARE_BYTES),
                        megabytes(free)));
            }
        } catch (IOException e) {
            throw new InstallException(folder, "cannot tell how much space is free (" + e.getMessage() + ")", e);
        }
    }

    private void download(URI url, Path temporary, ProgressListener progress) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + url + " was interrupted", e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + url + " (" + describe(e) + ")", e);
        }
        MessageDigest digest = sha256Digest();
        long done = 0;
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
            if (response.statusCode() != 200) {
                throw new IOException(url + " answered HTTP " + response.statusCode());
            }
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                done += n;
                if (done > size) {
                    throw new IOException(url + " sent more than the expected " + size + " bytes");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                progress.bytes(done, size);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(url.toString())) {
                throw e;
            }
            throw new IOException("download of " + url + " failed after " + done + " bytes (" + describe(e) + ")", e);
        }
        if (done != size) {
            throw new IOException(url + " sent " + done + " bytes, expected " + size);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new IOException(url + " sent a file whose SHA-256 is " + actual + ", expected " + sha256);
        }
    }

    private static String sha256Of(Path file) throws InstallException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InstallException(file, "cannot read it (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static long megabytes(long bytes) {
        return (bytes + 999_999) / 1_000_000;
    }
}
