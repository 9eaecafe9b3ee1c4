package org.sda.engine.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack's download against a real HTTP server on the loopback interface, laid out as a Maven repository. */
class GpuPackTest {

    private static final String PATH = "/maven2/org/example/runtime_gpu/1.0/runtime_gpu-1.0.jar";

    @TempDir
    Path dir;

    private HttpServer server;
    private byte[] served;
    private int status = 200;
    private int cutAfter = -1;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        served = new byte[300_000];
        for (int i = 0; i < served.length; i++) {
            served[i] = (byte) (i * 31 + i / 977);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (!exchange.getRequestURI().getPath().equals(PATH) || status != 200) {
                byte[] body = "no such file".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status != 200 ? status : 404, body.length);
                exchange.getResponseBody().write(body);
            } else {
                int length = cutAfter >= 0 ? cutAfter : served.length;
                exchange.sendResponseHeaders(200, length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(served, 0, length);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private GpuPack pack(String sha256) {
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/");
        return new GpuPack(root, "org/example", "runtime_gpu", "1.0", sha256, served.length);
    }

    private String sha256() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served));
    }

    private List<String> names(Path folder) throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    @Test
    void installDownloadsVerifiesAndReportsProgressThenKeepsAVerifiedJar() throws Exception {
        GpuPack pack = pack(sha256());
        Path folder = dir.resolve("share/sda/gpu");
        long[] last = {0, 0};

        GpuPack.Installed done = pack.install(folder, (bytes, total) -> {
            assertThat(bytes).isGreaterThan(last[0]);
            last[0] = bytes;
            last[1] = total;
        });

        assertThat(done.downloaded()).isTrue();
        assertThat(done.jar()).isEqualTo(folder.resolve("runtime_gpu-1.0.jar"));
        assertThat(Files.readAllBytes(done.jar())).isEqualTo(served);
        assertThat(last).containsExactly(served.length, served.length);
        assertThat(pack.installed(folder)).contains(done.jar());
        assertThat(names(folder)).containsExactly("runtime_gpu-1.0.jar");

        int before = requests.get();
        assertThat(pack.install(folder, (b, t) -> { }).downloaded()).isFalse();
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void aChecksumMismatchInstallsNothingAndSaysWhatCame() throws Exception {
        Path folder = dir.resolve("gpu");
        GpuPack pack = pack("0".repeat(64));

        assertThatThrownBy(() -> pack.install(folder, (b, t) -> { }))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("SHA-256 is " + sha256())
                .hasMessageContaining("nothing was installed");
        assertThat(names(folder)).isEmpty();
        assertThat(pack.installed(folder)).isEmpty();
    }

    @Test
    void aCutShortDownloadInstallsNothing() throws Exception {
        cutAfter = 1000;
        Path folder = dir.resolve("gpu");

        assertThatThrownBy(() -> pack(sha256()).install(folder, (b, t) -> { }))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("1000 bytes");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void anHttpErrorNamesTheUrlAndStatus() throws Exception {
        status = 404;
        Path folder = dir.resolve("gpu");

        assertThatThrownBy(() -> pack(sha256()).install(folder, (b, t) -> { }))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining(PATH)
                .hasMessageContaining("HTTP 404");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void anUnreachableRepositoryIsNamed() throws Exception {
        server.stop(0);
        Path folder = dir.resolve("gpu");

        assertThatThrownBy(() -> pack(sha256()).install(folder, (b, t) -> { }))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void removeDeletesTheJarAndSaysWhenThereWasNone() throws Exception {
        GpuPack pack = pack(sha256());
        Path folder = dir.resolve("gpu");
        pack.install(folder, (b, t) -> { });

        assertThat(pack.remove(folder)).isTrue();
        assertThat(pack.installed(folder)).isEmpty();
        assertThat(pack.remove(folder)).isFalse();
    }

    @Test
    void theShippedPackPointsAtMavenCentralsCudaBuild() {
        GpuPack pack = GpuPack.ONNX_RUNTIME_CUDA;
        assertThat(pack.url().toString()).isEqualTo(
                "https://repo1.maven.org/maven2/com/microsoft/onnxruntime/onnxruntime_gpu/1.22.0/onnxruntime_gpu-1.22.0.jar");
        assertThat(pack.from(URI.create("https://mirror.example/m2")).url().toString())
                .isEqualTo("https://mirror.example/m2/com/microsoft/onnxruntime/onnxruntime_gpu/1.22.0/onnxruntime_gpu-1.22.0.jar");
    }
}
