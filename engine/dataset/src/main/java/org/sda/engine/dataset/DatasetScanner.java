package org.sda.engine.dataset;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the candidate files of a dataset: each folder is walked recursively (following symbolic
 * links, which is how shared sample folders are often assembled), each file given directly is
 * taken as it is. Hidden files and folders (names starting with a dot) are not the user's sounds
 * and are left out. Order is stable: inputs in the order given, files sorted within a folder.
 */
final class DatasetScanner {

    private DatasetScanner() {
    }

    static List<Path> scan(List<Path> inputs) {
        Set<Path> found = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                found.addAll(walk(input));
            } else {
                // Missing or unreadable inputs are kept: the import gives them a verdict.
                found.add(input);
            }
        }
        return new ArrayList<>(found);
    }

    private static List<Path> walk(Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                            return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (!hidden(file)) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            // A dangling link or a loop: report the path, the import names the problem.
                            if (!hidden(file)) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            files.add(dir);
        }
        files.sort(null);
        return files;
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
