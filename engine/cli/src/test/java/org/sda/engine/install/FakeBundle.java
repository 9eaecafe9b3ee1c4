package org.sda.engine.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A bundle folder with the layout and marker of a real one, and small stand-in files. */
final class FakeBundle {

    private FakeBundle() {
    }

    static Path create(Path parent, String version) throws IOException {
        Path root = parent.resolve(PluginBundle.DIRECTORY_NAME);
        Files.createDirectories(root.resolve("Contents/x86_64-linux"));
        Files.createDirectories(root.resolve("Contents/Resources/lib"));
        Files.createDirectories(root.resolve("Contents/Resources/runtime/bin"));
        Files.writeString(root.resolve(PluginBundle.BINARY), "shim " + version);
        Files.writeString(root.resolve("Contents/Resources/lib/sda-engine.jar"), "jar " + version);
        Path java = root.resolve("Contents/Resources/runtime/bin/java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve(PluginBundle.MARKER),
                "bundle.id=" + PluginBundle.BUNDLE_ID + "\nbundle.version=" + version + "\n");
        return root;
    }
}
