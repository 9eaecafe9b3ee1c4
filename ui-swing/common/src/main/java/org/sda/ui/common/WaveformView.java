package org.sda.ui.common;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.nio.FloatBuffer;
import javax.swing.JComponent;
import javax.swing.UIManager;
import org.sda.engine.audio.AudioBuffer;

/**
 * A sound's waveform as a min/max envelope, one column per pixel, from an immutable snapshot
 * taken when the sound is set (so painting never walks the samples). EDT only.
 */
public final class WaveformView extends JComponent {

    private static final int BINS = 2048;
    private float[] min = new float[0];
    private float[] max = new float[0];
    private double playhead = -1;

    public WaveformView() {
        setName("waveform");
        getAccessibleContext().setAccessibleName("Waveform");
        setPreferredSize(new Dimension(240, 48));
    }

    /** Shows a sound (mixed across channels), or nothing for null. */
    public void setAudio(AudioBuffer audio) {
        if (audio == null) {
            setEnvelope(new float[0], new float[0]);
            return;
        }
        float[][] channels = audio.channels();
        FloatBuffer[] views = new FloatBuffer[channels.length];
        for (int c = 0; c < channels.length; c++) {
            views[c] = FloatBuffer.wrap(channels[c]);
        }
        setEnvelope(views, audio.frameCount());
    }

    /**
     * Shows mono samples from {@code samples}' position to its limit, read here and not kept (the
     * instrument's own variation, shared read-only); nothing for null.
     */
    public void setMono(FloatBuffer samples) {
        if (samples == null) {
            setEnvelope(new float[0], new float[0]);
            return;
        }
        setEnvelope(new FloatBuffer[] {samples.slice()}, samples.remaining());
    }

    private void setEnvelope(FloatBuffer[] channels, int n) {
        int bins = Math.min(BINS, Math.max(1, n));
        float[] lo = new float[bins];
        float[] hi = new float[bins];
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * n / bins);
            int to = Math.max(from + 1, (int) ((long) (b + 1) * n / bins));
            float l = 0;
            float h = 0;
            for (FloatBuffer channel : channels) {
                for (int i = from; i < to && i < n; i++) {
                    float v = channel.get(i);
                    l = Math.min(l, v);
                    h = Math.max(h, v);
                }
            }
            lo[b] = l;
            hi[b] = h;
        }
        setEnvelope(lo, hi);
    }

    private void setEnvelope(float[] lo, float[] hi) {
        min = lo;
        max = hi;
        repaint();
    }

    /**
     * What it shows: the lowest and highest sample of each of its columns of the sound, {@code
     * [2][columns]} (min first), empty when nothing is shown. A copy (tests, accessibility).
     */
    public float[][] envelope() {
        return new float[][] {min.clone(), max.clone()};
    }

    /** Where playback is, 0…1 of the sound, or negative for none. */
    public void setPlayhead(double fraction) {
        playhead = fraction;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0;
        int w = getWidth();
        int h = getHeight();
        g.setColor(UIManager.getColor("TextField.background"));
        g.fillRect(0, 0, w, h);
        if (min.length == 0) {
            return;
        }
        Color accent = UIManager.getColor("Component.accentColor");
        g.setColor(accent != null ? accent : new Color(60, 130, 220));
        int mid = h / 2;
        for (int x = 0; x < w; x++) {
            int b = (int) ((long) x * min.length / w);
            int top = mid - Math.round(max[b] * (mid - 1));
            int bottom = mid - Math.round(min[b] * (mid - 1));
            g.drawLine(x, top, x, Math.max(top, bottom));
        }
        if (playhead >= 0) {
            g.setColor(UIManager.getColor("Label.foreground"));
            int x = (int) Math.round(playhead * (w - 1));
            g.drawLine(x, 0, x, h);
        }
    }

    @Override
    public javax.accessibility.AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public javax.accessibility.AccessibleRole getAccessibleRole() {
                    return javax.accessibility.AccessibleRole.CANVAS;
                }
            };
        }
        return accessibleContext;
    }
}
