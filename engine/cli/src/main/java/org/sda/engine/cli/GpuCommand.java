package org.sda.engine.cli;

import ai.onnxruntime.OrtEnvironment;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.install.GpuPack;
import org.sda.engine.install.InstallException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sda gpu}: the optional GPU pack (ONNX Runtime's CUDA build). The {@code sda} launcher
 * puts the pack's jar ahead of the CPU build on the class path when it is installed.
 */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = {"The optional GPU pack: ONNX Runtime with CUDA, for --device cuda.",
            "Not part of the default download (about 500 MB); needs an NVIDIA GPU, CUDA 12 and cuDNN 9."},
        subcommands = {GpuCommand.Install.class, GpuCommand.Status.class, GpuCommand.Remove.class})
final class GpuCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the pack goes; shared by the subcommands. */
    static final class FolderOption {
        @Option(names = "--folder", paramLabel = "DIR",
                description = "The pack folder (default: $SDA_GPU_DIR, else $XDG_DATA_HOME/sda/gpu). "
                        + "The sda launcher looks only in the default folder.")
        Path folder;

        Path folder() {
            return folder != null ? folder : GpuPack.defaultFolder();
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Download the GPU pack from Maven Central, check its SHA-256 and install it.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:installed, or already there", "1:not installed (the message says why)",
                "2:bad command line"})
    static final class Install implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FolderOption where = new FolderOption();

        @Option(names = "--repository", paramLabel = "URL",
                description = "A Maven repository to download from instead of Maven Central (a mirror).")
        URI repository;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GpuPack pack = repository == null ? GpuPack.ONNX_RUNTIME_CUDA : GpuPack.ONNX_RUNTIME_CUDA.from(repository);
            Path folder = where.folder();
            try (Progress progress = Progress.start("GPU pack (MB)", pack.size() / 1_000_000)) {
                long[] shown = {0};
                GpuPack.Installed done = pack.install(folder, (bytes, total) -> {
                    for (long mb = bytes / 1_000_000; shown[0] < mb; shown[0]++) {
                        progress.step();
                    }
                });
                out.println((done.downloaded() ? "Installed" : "Already installed:") + " ONNX Runtime "
                        + pack.version() + " with CUDA at " + done.jar());
                out.println("Use it with --device cuda (sda generate, sda reconstruct). It needs an NVIDIA driver, "
                        + "CUDA 12 and cuDNN 9 on this system; without them sda says why and runs on the CPU.");
                out.flush();
                return 0;
            } catch (InstallException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sda gpu install: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the GPU pack is installed and in use, and whether CUDA can run here.")
    static final class Status implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FolderOption where = new FolderOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GpuPack pack = GpuPack.ONNX_RUNTIME_CUDA;
            Optional<Path> jar = pack.installed(where.folder());
            out.println("GPU pack: " + jar.map(p -> "installed at " + p)
                    .orElse("not installed (sda gpu install adds it)"));
            out.println("ONNX Runtime in use: " + runtimeLocation());
            Optional<String> reason = VqVaeRuntime.cudaUnavailableReason();
            out.println("CUDA: " + reason.map(r -> "not usable: " + r).orElse("usable (--device cuda)"));
            out.flush();
            return 0;
        }

        private static String runtimeLocation() {
            try {
                var source = OrtEnvironment.class.getProtectionDomain().getCodeSource();
                return source == null ? "unknown" : Path.of(source.getLocation().toURI()).getFileName().toString();
            } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
                return "unknown";
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the GPU pack.")
    static final class Remove implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FolderOption where = new FolderOption();

        @Override
        public Integer call() {
            try {
                boolean removed = GpuPack.ONNX_RUNTIME_CUDA.remove(where.folder());
                spec.commandLine().getOut().println(removed ? "Removed the GPU pack from " + where.folder()
                        : "Nothing to remove: no GPU pack in " + where.folder());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (InstallException e) {
                spec.commandLine().getErr().println("sda gpu remove: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
    }
}
