package org.sda.engine.dataset;

/**
 * The dataset size classes the product is designed around. The class sets the default codebook
 * size: a small set cannot keep many codes alive, a larger one needs more to tell sounds apart.
 */
public enum SizeClass {
    /** Fewer than 5 usable files: training is allowed but the result will be weak. */
    TOO_FEW(0, 4, 64),
    SMALL(5, 20, 64),
    MEDIUM(21, 100, 128),
    LARGE(101, 500, 256),
    /** More than 500 files: still trains, with the largest default codebook. */
    OVERSIZED(501, Integer.MAX_VALUE, 256);

    private final int minFiles;
    private final int maxFiles;
    private final int codebookSize;

    SizeClass(int minFiles, int maxFiles, int codebookSize) {
        this.minFiles = minFiles;
        this.maxFiles = maxFiles;
        this.codebookSize = codebookSize;
    }

    public static SizeClass of(int usableFiles) {
        for (SizeClass sizeClass : values()) {
            if (usableFiles >= sizeClass.minFiles && usableFiles <= sizeClass.maxFiles) {
                return sizeClass;
            }
        }
        throw new IllegalArgumentException("negative file count: " + usableFiles);
    }

    public int suggestedCodebookSize() {
        return codebookSize;
    }

    /** The range in words, e.g. "5–20 files". */
    public String range() {
        if (maxFiles == Integer.MAX_VALUE) {
            return "more than " + (minFiles - 1) + " files";
        }
        if (minFiles == 0) {
            return "fewer than " + (maxFiles + 1) + " files";
        }
        // 21–100 is shown as 20–100 to match how the classes are spoken of.
        int shownMin = this == SMALL ? minFiles : minFiles - 1;
        return shownMin + "–" + maxFiles + " files";
    }
}
