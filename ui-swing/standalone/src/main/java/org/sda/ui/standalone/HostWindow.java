package org.sda.ui.standalone;

import java.awt.BorderLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sound.midi.MidiUnavailableException;
import javax.swing.BorderFactory;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComboBox;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.event.MenuEvent;
import javax.swing.event.MenuListener;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.ui.editor.EditorPanel;

/**
 * The standalone host's window: the instrument's editor panel, a menu for audio settings, MIDI
 * inputs and recording, and a status line. Event thread.
 */
public final class HostWindow extends JFrame {

    private static final long serialVersionUID = 1L;
    private static final String JACK_CHOICE = "JACK (Java Sound when no server runs)";

    private final StandaloneHost host;
    private final EditorPanel editor;
    private final JLabel status = new JLabel(" ");
    private final JMenuItem record = new JMenuItem("Start recording");
    private final Path recordings;

    /**
     * @param recordings the folder recordings go to (one WAV per recording, named by its time)
     */
    public HostWindow(StandaloneHost host, PresetLibrary presets, Path recordings) {
        super("Small DataSet Audio");
        this.host = host;
        this.recordings = recordings;
        setName("hostWindow");
        setDefaultCloseOperation(DISPOSE_ON_CLOSE);
        editor = new EditorPanel(host.played(), host.edits(), presets);
        getContentPane().add(editor, BorderLayout.CENTER);
        status.setName("hostStatus");
        status.setBorder(BorderFactory.createEmptyBorder(2, 8, 4, 8));
        getContentPane().add(status, BorderLayout.SOUTH);
        setJMenuBar(menus());
        updateStatus();
        host.setStatusListener(line -> SwingUtilities.invokeLater(this::updateStatus));
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                editor.dispose();
                Thread t = new Thread(host::close, "sda-host-close");
                t.start();
            }
        });
        pack();
        setLocationByPlatform(true);
    }

    public EditorPanel editor() {
        return editor;
    }

    String statusText() {
        return status.getText();
    }

    private JMenuBar menus() {
        JMenuBar bar = new JMenuBar();
        JMenu audio = new JMenu("Audio");
        JMenuItem settings = new JMenuItem("Settings…");
        settings.setName("audioSettings");
        settings.addActionListener(e -> showSettings());
        audio.add(settings);
        record.setName("record");
        record.setAccelerator(KeyStroke.getKeyStroke("ctrl R"));
        record.addActionListener(e -> toggleRecording());
        audio.add(record);
        bar.add(audio);

        JMenu midi = new JMenu("MIDI");
        midi.setName("midiMenu");
        midi.addMenuListener(new MenuListener() {
            @Override
            public void menuSelected(MenuEvent e) {
                midi.removeAll();
                List<String> inputs = MidiInput.inputs();
                if (inputs.isEmpty()) {
                    JMenuItem none = new JMenuItem("No MIDI inputs found");
                    none.setEnabled(false);
                    midi.add(none);
                }
                for (String name : inputs) {
                    JCheckBoxMenuItem item = new JCheckBoxMenuItem(name, host.midi().isConnected(name));
                    item.addActionListener(a -> {
                        if (item.isSelected()) {
                            try {
                                host.midi().connect(name);
                            } catch (MidiUnavailableException ex) {
                                item.setSelected(false);
                                JOptionPane.showMessageDialog(HostWindow.this, "MIDI input " + name
                                        + " could not be opened: " + ex.getMessage());
                            }
                        } else {
                            host.midi().disconnect(name);
                        }
                    });
                    midi.add(item);
                }
            }

            @Override
            public void menuDeselected(MenuEvent e) {
            }

            @Override
            public void menuCanceled(MenuEvent e) {
            }
        });
        bar.add(midi);
        return bar;
    }

    /** Event thread: starts or stops recording to a new WAV in the recordings folder. */
    void toggleRecording() {
        try {
            if (host.recording()) {
                record.setText("Start recording");
                Path file = host.stopRecording();
                status.setText("Recorded " + file);
                status.setToolTipText(status.getText());
                return;
            }
            java.nio.file.Files.createDirectories(recordings);
            Path file = recordings.resolve("sda-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".wav");
            host.startRecording(file);
            record.setText("Stop recording");
            updateStatus();
        } catch (IOException e) {
            JOptionPane.showMessageDialog(this, "Recording failed: " + e.getMessage());
        }
    }

    private void updateStatus() {
        String problem = host.recordingProblem();
        status.setText(host.audioStatus() + (problem != null ? " · " + problem : host.recording() ? " · recording" : ""));
        // The line can be longer than the window: the whole of it in the tooltip.
        status.setToolTipText(status.getText());
    }

    private void showSettings() {
        AudioSettings now = host.settings() == null ? AudioSettings.DEFAULT : host.settings();
        JComboBox<Integer> rate = new JComboBox<>();
        for (int r : AudioSettings.RATES) {
            rate.addItem(r);
        }
        rate.setSelectedItem(now.sampleRate());
        JComboBox<Integer> buffer = new JComboBox<>();
        for (int b : AudioSettings.BUFFERS) {
            buffer.addItem(b);
        }
        buffer.setSelectedItem(now.bufferFrames());
        JComboBox<String> system = new JComboBox<>(new String[] {JACK_CHOICE, "Java Sound"});
        system.setName("audioSystem");
        system.setSelectedIndex(host.backend() == StandaloneHost.Backend.JAVA_SOUND ? 1 : 0);
        JComboBox<String> device = new JComboBox<>();
        device.addItem("(default output)");
        AudioOutput.outputs(now.sampleRate()).forEach(device::addItem);
        device.setSelectedItem(now.mixer() == null ? "(default output)" : now.mixer());
        JPanel form = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(3, 3, 3, 3);
        c.anchor = GridBagConstraints.WEST;
        device.setName("audioDevice");
        rate.setName("audioRate");
        buffer.setName("audioBuffer");
        String[] labels = {"Audio system", "Output", "Sample rate (Hz)", "Buffer (frames)"};
        java.awt.Component[] fields = {system, device, rate, buffer};
        // With JACK the server sets the rate and block: the Java Sound fields are for the fallback.
        Runnable enable = () -> {
            boolean javaSound = system.getSelectedIndex() == 1;
            device.setEnabled(javaSound);
            rate.setEnabled(javaSound);
            buffer.setEnabled(javaSound);
        };
        system.addActionListener(e -> enable.run());
        enable.run();
        for (int i = 0; i < labels.length; i++) {
            c.gridy = i;
            c.gridx = 0;
            form.add(new JLabel(labels[i]), c);
            c.gridx = 1;
            form.add(fields[i], c);
        }
        if (JOptionPane.showConfirmDialog(this, form, "Audio settings", JOptionPane.OK_CANCEL_OPTION)
                == JOptionPane.OK_OPTION) {
            String d = (String) device.getSelectedItem();
            AudioSettings s = new AudioSettings(d == null || d.startsWith("(") ? null : d,
                    (Integer) rate.getSelectedItem(), (Integer) buffer.getSelectedItem());
            boolean jack = system.getSelectedIndex() == 0;
            status.setText("Starting the audio…");
            new Thread(() -> {
                if (jack) {
                    host.startAudio(s);
                } else {
                    host.start(s, true);
                }
                SwingUtilities.invokeLater(this::updateStatus);
            }, "sda-host-audio-start").start();
        }
    }

    /** Event thread: shows the audio status again (after the host started). */
    public void audioChanged() {
        updateStatus();
    }
}
