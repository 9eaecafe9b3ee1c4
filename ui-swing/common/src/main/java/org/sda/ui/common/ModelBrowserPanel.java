package org.sda.ui.common;

import java.awt.BorderLayout;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingWorker;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.sda.engine.library.LibraryException;
import org.sda.engine.library.LibraryQuery;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.library.ModelLibrary;
import org.sda.engine.library.ModelPreviews;

/**
 * Browses the model library: a search box (the {@link LibraryQuery} syntax: words, {@code tag:},
 * {@code files>=}, {@code codebook:}, {@code after:} ...) over a table of models with health
 * thumbnails, and a short audio preview of the selected model ({@link ModelPreviews}: generated once,
 * kept in the library; Preview or Space plays it through {@link SoundPlayer}). Shared by the app's
 * Library tab and the plugin editor's model browser. Searches and previews run on worker threads;
 * results and messages come back to the EDT. EDT only.
 */
public final class ModelBrowserPanel extends JPanel {

    private final JTextField search = new JTextField();
    private final ModelTableModel model = new ModelTableModel();
    private final JTable table = new JTable(model);
    private final JLabel status = new JLabel(" ");
    private final JButton preview = new JButton(PREVIEW);
    private final SoundPlayer player = new SoundPlayer();
    /** The entry whose preview is being made or plays; null when none. */
    private ModelEntry previewing;
    private boolean previewBusy;
    private boolean previewPlays;
    private ModelPreviews.Preview lastPreview;
    private static final String PREVIEW = "Preview";
    private static final String STOP = "Stop";
    private final Timer debounce;
    private final List<Consumer<ModelEntry>> openListeners = new ArrayList<>();
    private ModelLibrary library;
    private boolean trash;
    private int searchesRunning;
    /** A typed search waits for the debounce timer (whose isRunning() is false once it has fired). */
    private boolean searchPending;
    private String lastError;

    public ModelBrowserPanel() {
        super(new BorderLayout(0, 6));
        search.setName("librarySearch");
        search.putClientProperty("JTextField.placeholderText",
                "Search: words, tag:warm, files>=10, seconds<60, codebook:64, levels:3, after:2026-01-31");
        search.putClientProperty("JTextField.showClearButton", true);
        search.getAccessibleContext().setAccessibleName("Search models");
        search.setToolTipText("<html>Words match names, tags and dataset folders. Fields: tag:T, files&gt;=N, "
                + "files&lt;=N, seconds&gt;S, folder:PART, levels:L, codebook:K, after:DATE, before:DATE</html>");
        debounce = new Timer(200, e -> refresh(true));
        debounce.setRepeats(false);
        search.getDocument().addDocumentListener(new DocumentListener() {
            public void insertUpdate(DocumentEvent e) {
                searchPending = true;
                debounce.restart();
            }

            public void removeUpdate(DocumentEvent e) {
                searchPending = true;
                debounce.restart();
            }

            public void changedUpdate(DocumentEvent e) {
                searchPending = true;
                debounce.restart();
            }
        });
        search.addActionListener(e -> {
            debounce.stop();
            refresh(true);
        });
        table.setName("libraryTable");
        table.getAccessibleContext().setAccessibleName("Models");
        table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        table.setAutoCreateRowSorter(true);
        table.setFillsViewportHeight(true);
        java.awt.FontMetrics fm = table.getFontMetrics(table.getFont());
        int em = fm.charWidth('m');
        String[] widest = {"Health", "A model's longer name", "warm, pads, evening", "Files", "Seconds",
            "Levels × codes", "2026-12-31 23:59", "/home/someone/sounds/folder", "medium"};
        for (int i = 0; i < widest.length; i++) {
            int w = fm.stringWidth(widest[i]) + 2 * em;
            table.getColumnModel().getColumn(i).setPreferredWidth(w);
            if (i == 0 || (i >= 3 && i <= 6)) {
                table.getColumnModel().getColumn(i).setMinWidth(w);
            }
        }
        javax.swing.table.DefaultTableCellRenderer right = new javax.swing.table.DefaultTableCellRenderer();
        right.setHorizontalAlignment(javax.swing.SwingConstants.RIGHT);
        table.getColumnModel().getColumn(4).setCellRenderer(right); // seconds, beside the files count
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2) {
                    selected().stream().findFirst().ifPresent(m -> openListeners.forEach(l -> l.accept(m)));
                }
            }
        });
        table.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "openModel");
        table.getActionMap().put("openModel", new javax.swing.AbstractAction() {
            public void actionPerformed(java.awt.event.ActionEvent e) {
                selected().stream().findFirst().ifPresent(m -> openListeners.forEach(l -> l.accept(m)));
            }
        });
        status.setName("libraryStatus");
        status.setBorder(BorderFactory.createEmptyBorder(2, 2, 2, 2));
        preview.setName("previewModel");
        preview.setToolTipText("Hear a few seconds of the selected model's sounds, made once and kept in the library (Space)");
        preview.getAccessibleContext().setAccessibleName("Preview the selected model's sounds");
        preview.setEnabled(false);
        preview.addActionListener(e -> togglePreview());
        // Space in the list previews, as in a file browser's quick look; the search box keeps its spaces.
        table.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_SPACE, 0), "previewModel");
        table.getActionMap().put("previewModel", new javax.swing.AbstractAction() {
            public void actionPerformed(java.awt.event.ActionEvent e) {
                togglePreview();
            }
        });
        table.getSelectionModel().addListSelectionListener(e -> updatePreviewButton());
        player.addStatusListener(text -> {
            // Java Sound's reason is long and technical: a short line, the reason in its tooltip.
            ModelPreviews.Preview made = lastPreview;
            String length = made == null ? "" : String.format(java.util.Locale.ROOT, " (%.1f s)",
                    made.audio().durationSeconds());
            showStatus(text.startsWith("No audio output")
                    ? "No sound output on this machine: the preview of " + shownName() + length
                    + " is made and kept, but cannot be heard here" : text, false);
            status.setToolTipText(text);
        });
        player.addProgressListener(fraction -> {
            if (fraction < 0 && previewPlays) {
                previewPlays = false;
                previewing = null;
                updatePreviewButton();
            }
        });
        JPanel bottom = new JPanel(new BorderLayout(6, 0));
        bottom.add(preview, BorderLayout.WEST);
        bottom.add(status, BorderLayout.CENTER);
        add(search, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        add(bottom, BorderLayout.SOUTH);
    }

    // ----- preview -----

    /** Event thread: previews the selected model, or stops the preview that plays (Preview / Stop, Space). */
    public void togglePreview() {
        if (previewBusy) {
            return;
        }
        if (previewPlays) {
            stopPreview();
            return;
        }
        List<ModelEntry> chosen = selected();
        ModelLibrary lib = library;
        if (chosen.isEmpty() || lib == null) {
            return;
        }
        ModelEntry entry = chosen.get(0);
        ModelPreviews previews = ModelPreviews.of(lib);
        previewing = entry;
        previewBusy = true;
        updatePreviewButton();
        setCursor(java.awt.Cursor.getPredefinedCursor(java.awt.Cursor.WAIT_CURSOR));
        showStatus("Making a preview of " + entry.name() + " (once; it is kept in the library)…", false);
        new SwingWorker<ModelPreviews.Preview, Void>() {
            @Override
            protected ModelPreviews.Preview doInBackground() throws LibraryException {
                return previews.preview(entry);
            }

            @Override
            protected void done() {
                previewBusy = false;
                setCursor(null);
                try {
                    ModelPreviews.Preview p = get();
                    lastPreview = p;
                    previewPlays = true;
                    showStatus(String.format(java.util.Locale.ROOT, "Playing the preview of %s (%.1f s)%s",
                            entry.name(), p.audio().durationSeconds(), p.note() == null ? "" : "; " + p.note()), false);
                    player.play(p.audio());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    previewing = null;
                } catch (ExecutionException e) {
                    previewing = null;
                    Throwable cause = e.getCause();
                    String why = cause instanceof LibraryException ? cause.getMessage() : entry.file() + ": " + cause;
                    // The line names the file; its folder (a long path that would push the problem
                    // out of a narrow window) is in the tooltip with the rest.
                    showStatus("No preview: " + why.replace(entry.file().toString(),
                            entry.file().getFileName().toString()), true);
                    status.setToolTipText("No preview: " + why);
                }
                updatePreviewButton();
            }
        }.execute();
    }

    /** Event thread: stops the preview that plays, if one does. */
    public void stopPreview() {
        player.stop();
        if (previewPlays) {
            previewPlays = false;
            previewing = null;
            showStatus("Preview stopped", false);
        }
        updatePreviewButton();
    }

    /** Whether a preview is being made (tests wait for it). */
    public boolean previewBusy() {
        return previewBusy;
    }

    /** Whether a preview plays (or was handed to the output, which may say it has none). */
    public boolean previewPlays() {
        return previewPlays;
    }

    /** The last preview made or read, for tests; empty before the first. */
    public Optional<ModelPreviews.Preview> lastPreview() {
        return Optional.ofNullable(lastPreview);
    }

    public JButton previewButton() {
        return preview;
    }

    private String shownName() {
        ModelEntry e = previewing;
        return e == null ? "the model" : e.name();
    }

    private void updatePreviewButton() {
        preview.setText(previewBusy ? "Making…" : previewPlays ? STOP : PREVIEW);
        preview.setEnabled(previewPlays || (!previewBusy && library != null && table.getSelectedRowCount() == 1));
    }

    @Override
    public void removeNotify() {
        player.stop(); // a closed editor or window stops its preview
        super.removeNotify();
    }

    /** The library to browse; null shows {@code whyNone} instead (e.g. a read-only folder). */
    public void setLibrary(ModelLibrary newLibrary, String whyNone) {
        library = newLibrary;
        updatePreviewButton();
        if (library == null) {
            model.setRows(List.of());
            showStatus(whyNone, true);
        } else {
            refresh(false);
        }
    }

    public Optional<ModelLibrary> library() {
        return Optional.ofNullable(library);
    }

    /** Whether the table lists the trash instead of the library. */
    public void setShowTrash(boolean showTrash) {
        trash = showTrash;
        refresh(true);
    }

    public boolean showsTrash() {
        return trash;
    }

    /** Called with the model a user opens (double-click or Enter). */
    public void onOpen(Consumer<ModelEntry> listener) {
        openListeners.add(listener);
    }

    /**
     * Shows only the named columns (of {@link ModelTableModel}'s), in the given order, each under
     * the header paired with it: {@code "Files", "Sounds"} shows the Files column headed Sounds.
     * For a narrow browser (the plugin editor's). Arguments: column name, header, column name, header...
     */
    public void showColumns(String... nameThenHeader) {
        if (nameThenHeader.length % 2 != 0) {
            throw new IllegalArgumentException("pairs of column name and header expected");
        }
        javax.swing.table.TableColumnModel columns = table.getColumnModel();
        List<javax.swing.table.TableColumn> all = new ArrayList<>();
        for (int i = 0; i < columns.getColumnCount(); i++) {
            all.add(columns.getColumn(i));
        }
        all.forEach(columns::removeColumn);
        for (int i = 0; i < nameThenHeader.length; i += 2) {
            String name = nameThenHeader[i];
            javax.swing.table.TableColumn column = all.stream()
                    .filter(c -> name.equals(model.getColumnName(c.getModelIndex()))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no column " + name));
            column.setHeaderValue(nameThenHeader[i + 1]);
            columns.addColumn(column);
        }
    }

    public JTable table() {
        return table;
    }

    public JTextField searchField() {
        return search;
    }

    public List<ModelEntry> selected() {
        List<ModelEntry> out = new ArrayList<>();
        for (int viewRow : table.getSelectedRows()) {
            out.add(model.row(table.convertRowIndexToModel(viewRow)));
        }
        return out;
    }

    /** The entries listed now. */
    public List<ModelEntry> shown() {
        return model.rows();
    }

    /** Whether a search is still running (tests wait for it). */
    public boolean busy() {
        return searchesRunning > 0 || searchPending;
    }

    /** Shows a message under the table: {@code problem} in the error colour. */
    public void showStatus(String text, boolean problem) {
        status.setText(text == null || text.isEmpty() ? " " : text);
        status.setToolTipText(text == null || text.isEmpty() ? null : text); // a long message is cut in a narrow window
        status.setForeground(problem ? javax.swing.UIManager.getColor("Component.error.focusedBorderColor")
                : javax.swing.UIManager.getColor("Label.foreground"));
        if (problem) {
            lastError = text;
        }
    }

    public String statusText() {
        return status.getText();
    }

    /** Runs the search in the box again (after a change to the library), keeping the message shown. */
    public void refresh() {
        refresh(false);
    }

    /** Runs the search in the box; {@code announce} says how many were found in the status line. */
    public void refresh(boolean announce) {
        searchPending = false;
        if (library == null) {
            return;
        }
        LibraryQuery query;
        try {
            query = LibraryQuery.parse(search.getText());
        } catch (IllegalArgumentException e) {
            model.setRows(List.of());
            showStatus("Search: " + e.getMessage(), true);
            return;
        }
        if (trash) {
            query = query.withTrashed(true);
        }
        LibraryQuery q = query;
        ModelLibrary lib = library;
        List<Long> keep = selected().stream().map(ModelEntry::id).toList();
        searchesRunning++;
        new SwingWorker<List<ModelEntry>, Void>() {
            @Override
            protected List<ModelEntry> doInBackground() throws LibraryException {
                return lib.search(q);
            }

            @Override
            protected void done() {
                searchesRunning--;
                try {
                    List<ModelEntry> found = get();
                    model.setRows(found);
                    for (int i = 0; i < found.size(); i++) {
                        if (keep.contains(found.get(i).id())) {
                            int view = table.convertRowIndexToView(i);
                            table.addRowSelectionInterval(view, view);
                        }
                    }
                    if (announce) {
                        showStatus(found.size() + (found.size() == 1 ? " model" : " models")
                            + (trash ? " in the trash" : "") + (q.text().isEmpty() && q.tags().isEmpty()
                            && q.codebookSize() == null && q.minFiles() == null && q.maxFiles() == null ? ""
                            : " found"), false);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    showStatus(e.getCause().getMessage(), true);
                }
            }
        }.execute();
    }

    /** The last problem shown, for tests. */
    public String lastError() {
        return lastError;
    }
}
