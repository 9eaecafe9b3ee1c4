package org.sda.ui.app.generate;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.ListSelectionModel;
import javax.swing.SwingWorker;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.AbstractTableModel;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Loudness;
import org.sda.engine.generate.GenerationSettings;
import org.sda.ui.common.AbSource;
import org.sda.ui.common.SoundPlayer;
import org.sda.ui.common.WaveformView;

/**
 * Every sound generated: search and filter, replay, regenerate exactly (and check the bytes),
 * delete, star; and A/B of two sounds at matched loudness, switched while playing without a
 * gap, with their setting differences listed. EDT only.
 */
final class HistoryPanel extends JPanel {

    /** Generates an entry again, in the background; {@code whenDone} runs on the EDT. */
    interface Regenerator {
        SwingWorker<AudioBuffer, Void> regenerate(GenerationHistory.Entry entry, Consumer<Optional<AudioBuffer>> whenDone);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    final JTextField search = Swing.named(new JTextField(16), "historySearch", "Search the history: model, seed, temperature, controls");
    final JCheckBox starredOnly = Swing.named(new JCheckBox("★ only"), "historyStarred", "Show only starred sounds");
    final JButton play = Swing.named(new JButton("▶ Play"), "historyPlay", "Play the selected sound");
    final JButton regenerate = Swing.named(new JButton("Regenerate"), "historyRegenerate",
            "Generate the selected sound again from its model, settings and seed, and check it is the same, byte for byte");
    final JButton star = Swing.named(new JButton("★ Star"), "historyStar", "Star or unstar the selected sound");
    final JButton delete = Swing.named(new JButton("Delete"), "historyDelete", "Delete the selected sound and its audio");
    final JButton setA = Swing.named(new JButton("Set A"), "historySetA", "Use the selected sound as A");
    final JButton setB = Swing.named(new JButton("Set B"), "historySetB", "Use the selected sound as B");
    final JButton playAb = Swing.named(new JButton("▶ Play A/B"), "abPlay", "Play A and B together, hearing one, at matched loudness");
    final JToggleButton abSwitch = Swing.named(new JToggleButton("Hearing A"), "abSwitch", "Switch between A and B without a gap (space)");
    final JLabel abLabel = new JLabel(" ");
    final JLabel status = new JLabel(" ");
    final JLabel output = new JLabel(" ");
    final WaveformView waveA = new WaveformView();
    final WaveformView waveB = new WaveformView();
    final JTable table;

    private final GenerationHistory history;
    private final SoundPlayer player;
    private final Regenerator regenerator;
    private final Model model = new Model();
    private final GenerationHistory.Entry[] ab = new GenerationHistory.Entry[2];
    private AbSource abSource;
    private volatile Boolean lastRegenerationIdentical;

    HistoryPanel(GenerationHistory history, SoundPlayer player, Regenerator regenerator, Consumer<GeneratedSound> export) {
        super(new BorderLayout(4, 4));
        setName("historyPanel");
        this.history = history;
        this.player = player;
        this.regenerator = regenerator;
        table = Swing.named(new JTable(model), "historyTable", "Sounds generated so far");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setAutoCreateRowSorter(false);
        table.getColumnModel().getColumn(0).setMaxWidth(30);
        table.getColumnModel().getColumn(1).setMaxWidth(50);
        status.setName("historyStatus");
        abLabel.setName("abDifferences");
        waveA.setName("abWaveA");
        waveB.setName("abWaveB");

        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
        top.add(new JLabel("Search"));
        top.add(search);
        top.add(starredOnly);
        top.add(play);
        top.add(regenerate);
        top.add(star);
        top.add(delete);
        add(top, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);

        JPanel abPanel = new JPanel(new BorderLayout(4, 4));
        abPanel.setBorder(BorderFactory.createTitledBorder("A/B at matched loudness"));
        JPanel abButtons = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        abButtons.add(setA);
        abButtons.add(setB);
        abButtons.add(playAb);
        abButtons.add(abSwitch);
        abPanel.add(abButtons, BorderLayout.NORTH);
        JPanel waves = new JPanel(new java.awt.GridLayout(2, 1, 2, 2));
        waves.add(labelled("A", waveA));
        waves.add(labelled("B", waveB));
        abPanel.add(waves, BorderLayout.CENTER);
        abPanel.add(abLabel, BorderLayout.SOUTH);
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(abPanel, BorderLayout.CENTER);
        JPanel lines = new JPanel(new java.awt.GridLayout(2, 1));
        lines.add(status);
        lines.add(output);
        output.setName("outputStatus");
        bottom.add(lines, BorderLayout.SOUTH);
        add(bottom, BorderLayout.SOUTH);

        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                refresh();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                refresh();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                refresh();
            }
        });
        starredOnly.addActionListener(e -> refresh());
        play.addActionListener(e -> selected().ifPresent(entry -> read(entry).ifPresent(player::play)));
        regenerate.addActionListener(e -> selected().ifPresent(this::regenerate));
        star.addActionListener(e -> selected().ifPresent(entry -> {
            try {
                history.setStarred(entry.id(), !entry.starred());
                refresh();
            } catch (IOException ex) {
                status.setText(ex.getMessage());
            }
        }));
        delete.addActionListener(e -> selected().ifPresent(entry -> {
            try {
                history.delete(entry.id());
                refresh();
                status.setText("Deleted #" + entry.id());
            } catch (IOException ex) {
                status.setText(ex.getMessage());
            }
        }));
        setA.addActionListener(e -> selected().ifPresent(entry -> setAb(0, entry)));
        setB.addActionListener(e -> selected().ifPresent(entry -> setAb(1, entry)));
        playAb.addActionListener(e -> playAb());
        abSwitch.addActionListener(e -> switchAb());
        getInputMap(WHEN_IN_FOCUSED_WINDOW).put(javax.swing.KeyStroke.getKeyStroke("control B"), "abSwitch");
        getActionMap().put("abSwitch", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                abSwitch.doClick();
            }
        });
        player.addStatusListener(output::setText);
        refresh();
    }

    private static JPanel labelled(String text, java.awt.Component c) {
        JPanel p = new JPanel(new BorderLayout(4, 0));
        p.add(new JLabel(text), BorderLayout.WEST);
        p.add(c, BorderLayout.CENTER);
        return p;
    }

    /** Reads the history again with the current search. */
    void refresh() {
        try {
            model.entries = history.search(search.getText(), starredOnly.isSelected());
        } catch (IOException e) {
            model.entries = List.of();
            status.setText(e.getMessage());
        }
        model.fireTableDataChanged();
    }

    List<GenerationHistory.Entry> entries() {
        return List.copyOf(model.entries);
    }

    private Optional<GenerationHistory.Entry> selected() {
        int row = table.getSelectedRow();
        if (row < 0) {
            status.setText("Select a sound in the list first");
            return Optional.empty();
        }
        return Optional.of(model.entries.get(row));
    }

    private Optional<AudioBuffer> read(GenerationHistory.Entry entry) {
        try {
            return Optional.of(AudioFiles.read(entry.audioFile()));
        } catch (org.sda.engine.audio.AudioReadException e) {
            status.setText("#" + entry.id() + ": its audio is missing: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void regenerate(GenerationHistory.Entry entry) {
        status.setText("Regenerating #" + entry.id() + "…");
        regenerate.setEnabled(false);
        lastRegenerationIdentical = null;
        regenerator.regenerate(entry, result -> {
            regenerate.setEnabled(true);
            result.ifPresent(audio -> {
                try {
                    Path again = Files.createTempFile("sda-regenerated", ".wav");
                    try {
                        AudioFiles.write(again, audio, AudioEncoding.WAV_FLOAT32);
                        boolean same = Arrays.equals(Files.readAllBytes(again), Files.readAllBytes(entry.audioFile()));
                        lastRegenerationIdentical = same;
                        status.setText(same ? "#" + entry.id() + " regenerated: identical to the stored sound, byte for byte"
                                : "#" + entry.id() + " regenerated, but it differs from the stored sound");
                    } finally {
                        Files.deleteIfExists(again);
                    }
                    player.play(audio);
                } catch (IOException e) {
                    status.setText(e.getMessage());
                }
            });
        });
    }

    /** After a regeneration: whether its bytes were those stored; null before one finished. */
    Boolean lastRegenerationIdentical() {
        return lastRegenerationIdentical;
    }

    void setAb(int which, GenerationHistory.Entry entry) {
        ab[which] = entry;
        read(entry).ifPresent(audio -> (which == 0 ? waveA : waveB).setAudio(audio));
        abLabel.setText("<html>" + differences() + "</html>");
        status.setText((which == 0 ? "A" : "B") + " is #" + entry.id());
    }

    /** What differs between A's and B's settings, for the label. */
    String differences() {
        GenerationHistory.Entry a = ab[0];
        GenerationHistory.Entry b = ab[1];
        if (a == null || b == null) {
            return "Choose A and B (Set A / Set B)";
        }
        List<String> diff = new ArrayList<>();
        GenerationSettings sa = a.settings();
        GenerationSettings sb = b.settings();
        if (!a.modelHash().equals(b.modelHash())) {
            diff.add("model " + a.modelName() + " → " + b.modelName());
        }
        if (sa.temperature() != sb.temperature()) {
            diff.add(String.format(Locale.ROOT, "temperature %.2f → %.2f", sa.temperature(), sb.temperature()));
        }
        if (sa.topK() != sb.topK()) {
            diff.add("top-k " + sa.topK() + " → " + sb.topK());
        }
        if (sa.topP() != sb.topP()) {
            diff.add(String.format(Locale.ROOT, "top-p %.2f → %.2f", sa.topP(), sb.topP()));
        }
        if (sa.seed() != sb.seed() || a.variation() != b.variation()) {
            diff.add("seed " + sa.seed() + "/" + (a.variation() + 1) + " → " + sb.seed() + "/" + (b.variation() + 1));
        }
        if (sa.seconds() != sb.seconds()) {
            diff.add(String.format(Locale.ROOT, "duration %.2f → %.2f s", sa.seconds(), sb.seconds()));
        }
        if (!Objects.equals(a.axes(), b.axes())) {
            diff.add("controls " + (a.axes().isEmpty() ? "none" : GenerationHistory.Entry.axesText(a.axes())) + " → "
                    + (b.axes().isEmpty() ? "none" : GenerationHistory.Entry.axesText(b.axes())));
        }
        return "A #" + a.id() + " vs B #" + b.id() + ": " + (diff.isEmpty() ? "same settings" : String.join("; ", diff));
    }

    /** Plays A and B as one stream, A heard first; both matched in loudness. */
    void playAb() {
        if (ab[0] == null || ab[1] == null) {
            status.setText("Choose A and B first (Set A / Set B)");
            return;
        }
        Optional<AudioBuffer> a = read(ab[0]);
        Optional<AudioBuffer> b = read(ab[1]);
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        abSource = new AbSource(a.get(), b.get());
        abSource.select(abSwitch.isSelected() ? 1 : 0);
        player.play(abSource);
        status.setText(String.format(Locale.ROOT, "A/B at %.1f LUFS each", Loudness.integratedLufs(abSource.a())));
    }

    private void switchAb() {
        boolean b = abSwitch.isSelected();
        abSwitch.setText(b ? "Hearing B" : "Hearing A");
        if (abSource != null) {
            abSource.select(b ? 1 : 0);
        }
    }

    /** The A/B stream last started, or null. */
    AbSource abSource() {
        return abSource;
    }

    private static final class Model extends AbstractTableModel {
        private static final String[] COLUMNS = {"★", "#", "model", "seed", "s", "temp.", "top-k", "top-p", "controls", "made"};
        List<GenerationHistory.Entry> entries = List.of();

        @Override
        public int getRowCount() {
            return entries.size();
        }

        @Override
        public int getColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public String getColumnName(int column) {
            return COLUMNS[column];
        }

        @Override
        public Object getValueAt(int row, int column) {
            GenerationHistory.Entry e = entries.get(row);
            GenerationSettings s = e.settings();
            return switch (column) {
                case 0 -> e.starred() ? "★" : "";
                case 1 -> e.id();
                case 2 -> e.modelName();
                case 3 -> s.seed() + "/" + (e.variation() + 1);
                case 4 -> String.format(Locale.ROOT, "%.1f", s.seconds());
                case 5 -> String.format(Locale.ROOT, "%.2f", s.temperature());
                case 6 -> s.topK() == 0 ? "all" : Integer.toString(s.topK());
                case 7 -> String.format(Locale.ROOT, "%.2f", s.topP());
                case 8 -> GenerationHistory.Entry.axesText(e.axes());
                default -> TIME.format(e.created());
            };
        }
    }
}
