package org.sda.engine.io;

import java.nio.file.Path;

/** Per-user folders after the XDG base directory convention, each with its own override variable. */
public final class UserFolders {

    private UserFolders() {
    }

    /**
     * {@code $explicitVariable} when set, else {@code $XDG_DATA_HOME/sda/name}, else
     * {@code ~/.local/share/sda/name} (the XDG default).
     */
    public static Path data(String explicitVariable, String name) {
        String explicit = System.getenv(explicitVariable);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("sda").resolve(name);
    }
}
