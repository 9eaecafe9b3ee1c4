package org.sda.engine.instrument;

import java.nio.file.Path;

/**
 * Which model an instrument plays, as a project stores it: the built-in demo model, or a file by
 * absolute path with the SHA-256 of its content (so a file replaced by another under the same
 * name is noticed). Immutable.
 *
 * @param demo the built-in demo model (its path is the bundle's, so it is not stored)
 * @param path absolute path of the {@code .sda} file; {@code null} for the demo
 * @param contentHash hex SHA-256 of the file as it was loaded; {@code null} when unknown
 */
record ModelReference(boolean demo, Path path, String contentHash) {

    static ModelReference demo(Path path, String contentHash) {
        return new ModelReference(true, path, contentHash);
    }

    static ModelReference file(Path path, String contentHash) {
        return new ModelReference(false, path.toAbsolutePath().normalize(), contentHash);
    }

    /** The same model, with the hash its file has now. */
    ModelReference withHash(String hash) {
        return new ModelReference(demo, path, hash);
    }

    String describe() {
        return demo ? "the built-in demo model" : String.valueOf(path);
    }
}
