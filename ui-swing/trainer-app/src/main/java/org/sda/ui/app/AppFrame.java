package org.sda.ui.app;

import java.awt.BorderLayout;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenuBar;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.WindowConstants;
import org.sda.ui.app.codes.CodesPanel;
import org.sda.ui.app.generate.GeneratePanel;
import org.sda.ui.app.generate.GenerationHistory;
import org.sda.ui.app.library.LibraryPanel;
import org.sda.ui.app.train.TrainPanel;
import org.sda.ui.common.SoundPlayer;

/**
 * The app's window: Train · Generate · Codes · Library. The tabs come from {@link #tabs()}, the one
 * place a tab is added. Closing while a training runs asks first. EDT only.
 */
public final class AppFrame extends JFrame {

    /** One tab: its title, panel, and the key (Ctrl+1…) that shows it. */
    public record Tab(String title, JComponent panel, String tooltip) {
    }

    private final AppContext context;
    private final AppSettings settings;
    private final JTabbedPane tabbedPane = new JTabbedPane();
    private final LibraryPanel library;
    private final TrainPanel train;
    private final JComponent generate;
    private final JComponent codes;
    private final GenerationHistory history;

    public AppFrame(AppContext context) {
        super("Small DataSet Audio");
        this.context = context;
        this.settings = AppSettings.load(context.settingsFile());
        library = new LibraryPanel(context);
        train = new TrainPanel(context, settings, library);
        SoundPlayer player = new SoundPlayer();
        GenerationHistory opened = null;
        JComponent generatePanel;
        Path historyFolder = context.workFolder().resolveSibling("history");
        try {
            opened = GenerationHistory.open(historyFolder);
            GeneratePanel panel = new GeneratePanel(opened, player, PRESET_FOLDER);
            // A model without a prior: Generate explains and offers to train one, which is the Train tab's job.
            panel.setTrainPriorHandler(model -> tabbedPane.setSelectedComponent(train));
            generatePanel = panel;
        } catch (IOException | RuntimeException e) {
            generatePanel = note("Generate", "The generation history in " + historyFolder + " cannot be opened: "
                    + e.getMessage() + ". The other tabs work; fix or move that folder and start the app again.");
        }
        history = opened;
        generate = generatePanel;
        CodesPanel codesPanel = new CodesPanel(player);
        codes = codesPanel;
        JMenuBar menus = new JMenuBar();
        menus.add(codesPanel.editMenu());
        setJMenuBar(menus);
        tabbedPane.setName("tabs");
        List<Tab> tabs = tabs();
        for (int i = 0; i < tabs.size(); i++) {
            Tab t = tabs.get(i);
            tabbedPane.addTab(t.title(), null, t.panel(), t.tooltip());
            int index = i;
            String action = "showTab" + i;
            tabbedPane.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                    .put(KeyStroke.getKeyStroke(KeyEvent.VK_1 + i, KeyEvent.CTRL_DOWN_MASK), action);
            tabbedPane.getActionMap().put(action, new javax.swing.AbstractAction() {
                public void actionPerformed(java.awt.event.ActionEvent e) {
                    tabbedPane.setSelectedIndex(index);
                }
            });
        }
        tabbedPane.setSelectedIndex(Math.max(0, Math.min(settings.tab, tabs.size() - 1)));
        tabbedPane.addChangeListener(e -> settings.tab = tabbedPane.getSelectedIndex());
        getContentPane().add(tabbedPane, BorderLayout.CENTER);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                if (train.confirmClose()) {
                    settings.windowWidth = getWidth();
                    settings.windowHeight = getHeight();
                    settings.save();
                    library.close();
                    if (history != null) {
                        history.close();
                    }
                    dispose();
                }
            }
        });
        setSize(settings.windowWidth, settings.windowHeight);
        setLocationByPlatform(true);
    }

    /** Where presets are kept: the VST3 user preset folder, so a sound found here is found again in a DAW. */
    static final Path PRESET_FOLDER = Path.of(System.getProperty("user.home"), ".vst3", "presets",
            "Small DataSet Audio", "Small DataSet Audio");

    /** The tabs, in order: the one place a tab is added. */
    private List<Tab> tabs() {
        return List.of(
                new Tab("Train", train, "Drop a folder of sounds, train a model on it and watch it learn (Ctrl+1)"),
                new Tab("Generate", generate, "Generate new sounds from a model (Ctrl+2)"),
                new Tab("Codes", codes, "Edit a sound's codes (Ctrl+3)"),
                new Tab("Library", library, "Your trained models: search, tag, rename, delete (Ctrl+4)"));
    }

    private static JComponent note(String name, String what) {
        JPanel p = new JPanel(new BorderLayout());
        JLabel l = new JLabel("<html><div style='text-align:center;width:480px'><b>" + name + "</b><br><br>" + what
                + "</div></html>", SwingConstants.CENTER);
        l.setName(name.toLowerCase(java.util.Locale.ROOT) + "Note");
        p.add(l);
        return p;
    }

    public JTabbedPane tabbedPane() {
        return tabbedPane;
    }

    public TrainPanel trainPanel() {
        return train;
    }

    public LibraryPanel libraryPanel() {
        return library;
    }

    public AppSettings settings() {
        return settings;
    }

    public AppContext context() {
        return context;
    }
}
