package org.sda.ui.common;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.TransferHandler;

/**
 * Files or folders dropped from a file manager onto a component: the paths go to {@code onDrop},
 * a drop that cannot be read goes to {@code onProblem} as a sentence. Both are called on the event
 * thread (Swing delivers drops there); anything slow they start belongs on a worker.
 */
public final class FileDrop extends TransferHandler {

    private static final long serialVersionUID = 1L;

    private final transient Consumer<List<Path>> onDrop;
    private final transient Consumer<String> onProblem;

    public FileDrop(Consumer<List<Path>> onDrop, Consumer<String> onProblem) {
        this.onDrop = onDrop;
        this.onProblem = onProblem;
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        try {
            @SuppressWarnings("unchecked")
            List<File> files = (List<File>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
            onDrop.accept(files.stream().map(File::toPath).toList());
            return true;
        } catch (UnsupportedFlavorException | IOException e) {
            onProblem.accept("The drop could not be read: " + e.getMessage());
            return false;
        }
    }
}
