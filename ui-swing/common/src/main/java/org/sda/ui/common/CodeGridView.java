package org.sda.ui.common;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.UIManager;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.Region;

/**
 * A code grid: time across (one column per code frame), the quantiser's levels down (coarse at
 * the top), each cell coloured by its code; a blended cell shows its blend code in its lower
 * half. Paints from an immutable {@link CodeGrid} snapshot and only the clip it is asked for, so
 * a 10-minute grid (about 52,000 frames) scrolls as fast as a short one.
 *
 * <p>Zoom is pixels per frame ({@link #setZoom}); below one pixel a column shows the frame under
 * it. A click reports the cell; a drag selects frames on the levels it crosses. EDT only.
 */
public final class CodeGridView extends JComponent implements Scrollable {

    /** Called on the EDT when a cell is clicked (without dragging). */
    public interface CellListener {
        void cellClicked(int level, int frame);
    }

    /** Opaque, so painting needs no alpha compositing (much faster in software rendering). */
    private static final Color SEPARATOR = new Color(0x505050);
    private static final Color ROW_LINE = new Color(0x303030);

    public static final double MIN_ZOOM = 0.05;
    public static final double MAX_ZOOM = 40;

    private CodeGrid grid;
    private Color[] palette = new Color[0];
    private double zoom = 8;
    private int rowHeight;
    private Region selection;
    private int cursorFrame = -1;
    private final List<CellListener> cellListeners = new ArrayList<>();
    private final List<Runnable> selectionListeners = new ArrayList<>();
    private final List<JComponent> headers = new ArrayList<>();

    public CodeGridView() {
        setName("codeGrid");
        getAccessibleContext().setAccessibleName("Code grid");
        setToolTipText("");
        setOpaque(true);
        setFocusable(true);
        setFont(UIManager.getFont("Label.font"));
        rowHeight = Math.max(28, getFontMetrics(getFont()).getHeight() * 2);
        MouseAdapter mouse = new MouseAdapter() {
            private int pressFrame;
            private int pressLevel;
            private boolean dragged;

            @Override
            public void mousePressed(MouseEvent e) {
                requestFocusInWindow();
                pressFrame = frameAt(e.getX());
                pressLevel = levelAt(e.getY());
                dragged = false;
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                if (grid == null) {
                    return;
                }
                dragged = true;
                int f = frameAt(e.getX());
                int l = levelAt(e.getY());
                int lo = Math.max(0, Math.min(pressFrame, f));
                int hi = Math.min(grid.frames(), Math.max(pressFrame, f) + 1);
                List<Integer> levels = new ArrayList<>();
                for (int i = Math.max(0, Math.min(pressLevel, l)); i <= Math.min(grid.levels() - 1, Math.max(pressLevel, l)); i++) {
                    levels.add(i);
                }
                setSelection(new Region(lo, hi, levels));
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                if (grid == null || dragged) {
                    return;
                }
                int f = frameAt(e.getX());
                int l = levelAt(e.getY());
                if (f >= 0 && f < grid.frames() && l >= 0 && l < grid.levels()) {
                    setSelection(Region.cell(l, f));
                    for (CellListener listener : List.copyOf(cellListeners)) {
                        listener.cellClicked(l, f);
                    }
                }
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
    }

    /** Shows a grid (null for none); keeps the zoom, drops a selection that no longer fits. */
    public void setGrid(CodeGrid grid) {
        CodeGrid old = this.grid;
        this.grid = grid;
        if (grid != null && (old == null || palette.length != codebookSize(grid))) {
            palette = palette(codebookSize(grid));
        }
        if (selection != null && (grid == null || selection.to() > grid.frames())) {
            setSelection(null);
        }
        revalidate();
        repaint();
        refreshHeaders();
    }

    /** The level header and time ruler follow the grid and the zoom. */
    private void refreshHeaders() {
        for (JComponent header : headers) {
            header.revalidate();
            header.repaint();
        }
    }

    private static int codebookSize(CodeGrid grid) {
        return grid.model().codebookSize();
    }

    public CodeGrid grid() {
        return grid;
    }

    /** Distinct colours for {@code n} codes: hues a golden angle apart, two lightness bands. */
    public static Color[] palette(int n) {
        Color[] colors = new Color[n];
        for (int i = 0; i < n; i++) {
            float hue = (float) ((i * 0.618033988749895) % 1.0);
            float saturation = i % 2 == 0 ? 0.55f : 0.75f;
            float brightness = i % 3 == 0 ? 0.95f : i % 3 == 1 ? 0.78f : 0.62f;
            colors[i] = Color.getHSBColor(hue, saturation, brightness);
        }
        return colors;
    }

    public Color colorOf(int code) {
        return code >= 0 && code < palette.length ? palette[code] : Color.GRAY;
    }

    public void setZoom(double pixelsPerFrame) {
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, pixelsPerFrame));
        revalidate();
        repaint();
        refreshHeaders();
    }

    public double zoom() {
        return zoom;
    }

    public int rowHeight() {
        return rowHeight;
    }

    public Region selection() {
        return selection;
    }

    /** Selects a region (null clears); listeners hear of it. */
    public void setSelection(Region region) {
        selection = region;
        repaint();
        for (Runnable r : List.copyOf(selectionListeners)) {
            r.run();
        }
    }

    /** The playback cursor, or -1 for none. */
    public void setCursorFrame(int frame) {
        cursorFrame = frame;
        repaint();
    }

    public int cursorFrame() {
        return cursorFrame;
    }

    public void addCellListener(CellListener listener) {
        cellListeners.add(listener);
    }

    public void addSelectionListener(Runnable listener) {
        selectionListeners.add(listener);
    }

    public int frameAt(int x) {
        return (int) Math.floor(x / zoom);
    }

    public int levelAt(int y) {
        return y / rowHeight;
    }

    /** Left edge of a frame's column, in pixels. */
    public int xOf(int frame) {
        return (int) Math.floor(frame * zoom);
    }

    @Override
    public Dimension getPreferredSize() {
        if (grid == null) {
            return new Dimension(400, rowHeight * 3);
        }
        return new Dimension((int) Math.ceil(grid.frames() * zoom), rowHeight * grid.levels());
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0;
        Rectangle clip = g.getClipBounds() != null ? g.getClipBounds() : new Rectangle(getSize());
        g.setColor(UIManager.getColor("Panel.background"));
        g.fillRect(clip.x, clip.y, clip.width, clip.height);
        if (grid == null) {
            return;
        }
        paintCells(g, clip);
        paintSelection(g);
        if (cursorFrame >= 0) {
            g.setColor(UIManager.getColor("Component.focusColor"));
            int x = xOf(cursorFrame);
            g.fillRect(x, 0, 2, rowHeight * grid.levels());
        }
    }

    /** Paints the cells inside {@code clip}: one rectangle per visible frame and level. */
    void paintCells(Graphics2D g, Rectangle clip) {
        int firstLevel = Math.max(0, clip.y / rowHeight);
        int lastLevel = Math.min(grid.levels() - 1, (clip.y + clip.height) / rowHeight);
        boolean wide = zoom >= 3;
        Font small = getFont().deriveFont(Math.max(9f, getFont().getSize2D() - 2));
        FontMetrics fm = getFontMetrics(small);
        g.setFont(small);
        if (zoom >= 1) {
            int first = Math.max(0, frameAt(clip.x));
            int last = Math.min(grid.frames() - 1, frameAt(clip.x + clip.width));
            for (int level = firstLevel; level <= lastLevel; level++) {
                int y = level * rowHeight;
                for (int f = first; f <= last; f++) {
                    int x = xOf(f);
                    int w = xOf(f + 1) - x;
                    var cell = grid.cell(level, f);
                    g.setColor(colorOf(cell.code()));
                    if (cell.weight() > 0) {
                        g.fillRect(x, y, w, rowHeight / 2);
                        g.setColor(colorOf(cell.blendCode()));
                        g.fillRect(x, y + rowHeight / 2, w, rowHeight - rowHeight / 2);
                    } else {
                        g.fillRect(x, y, w, rowHeight);
                    }
                    if (wide) {
                        g.setColor(SEPARATOR);
                        g.drawLine(x, y, x, y + rowHeight - 1);
                    }
                    if (zoom >= fm.stringWidth("000") + 4) {
                        g.setColor(Color.BLACK);
                        String text = Integer.toString(cell.code());
                        g.drawString(text, x + (w - fm.stringWidth(text)) / 2, y + (rowHeight + fm.getAscent()) / 2 - 2);
                    }
                }
                g.setColor(ROW_LINE);
                g.drawLine(clip.x, y + rowHeight - 1, clip.x + clip.width, y + rowHeight - 1);
            }
        } else {
            for (int level = firstLevel; level <= lastLevel; level++) {
                int y = level * rowHeight;
                for (int x = clip.x; x < clip.x + clip.width; x++) {
                    int f = frameAt(x);
                    if (f < 0 || f >= grid.frames()) {
                        continue;
                    }
                    g.setColor(colorOf(grid.code(level, f)));
                    g.fillRect(x, y, 1, rowHeight);
                }
            }
        }
    }

    private void paintSelection(Graphics2D g) {
        if (selection == null) {
            return;
        }
        Color focus = UIManager.getColor("Component.focusColor");
        Color accent = focus != null ? focus : new Color(40, 120, 255);
        for (int level : selection.levels()) {
            int x = xOf(selection.from());
            int w = Math.max(2, xOf(selection.to()) - x);
            int y = level * rowHeight;
            g.setColor(new Color(255, 255, 255, 90));
            g.fillRect(x, y, w, rowHeight);
            g.setColor(accent);
            g.drawRect(x, y, w - 1, rowHeight - 1);
            g.drawRect(x + 1, y + 1, w - 3, rowHeight - 3);
        }
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        if (grid == null) {
            return null;
        }
        int f = frameAt(e.getX());
        int l = levelAt(e.getY());
        if (f < 0 || f >= grid.frames() || l < 0 || l >= grid.levels()) {
            return null;
        }
        var cell = grid.cell(l, f);
        double t = f / grid.timing().frameRate();
        return String.format(Locale.ROOT, "%s, frame %d (%.2f s): code %d%s", grid.levelLabels().get(l), f, t,
                cell.code(), cell.weight() > 0 ? String.format(Locale.ROOT, " blended %.0f %% with %d",
                        cell.weight() * 100, cell.blendCode()) : "");
    }

    /** A row header naming the levels (Structure / Timbre / Detail), for a scroll pane. */
    public JComponent levelHeader() {
        CodeGridView view = this;
        JComponent header = new JComponent() {
            @Override
            public Dimension getPreferredSize() {
                FontMetrics fm = getFontMetrics(getFont());
                return new Dimension(fm.stringWidth("Structure") + 16, view.getPreferredSize().height);
            }

            @Override
            protected void paintComponent(Graphics g) {
                g.setColor(UIManager.getColor("Panel.background"));
                g.fillRect(0, 0, getWidth(), getHeight());
                if (view.grid == null) {
                    return;
                }
                g.setColor(UIManager.getColor("Label.foreground"));
                FontMetrics fm = g.getFontMetrics();
                for (int l = 0; l < view.grid.levels(); l++) {
                    g.drawString(view.grid.levelLabels().get(l), 6, l * view.rowHeight + (view.rowHeight + fm.getAscent()) / 2 - 2);
                }
            }
        };
        header.setName("levelHeader");
        headers.add(header);
        header.setFont(UIManager.getFont("Label.font"));
        return header;
    }

    /** A time ruler in seconds, for a scroll pane's column header. */
    public JComponent timeRuler() {
        CodeGridView view = this;
        JComponent ruler = new JComponent() {
            @Override
            public Dimension getPreferredSize() {
                return new Dimension(view.getPreferredSize().width, getFontMetrics(getFont()).getHeight() + 6);
            }

            @Override
            protected void paintComponent(Graphics g) {
                Rectangle clip = g.getClipBounds();
                g.setColor(UIManager.getColor("Panel.background"));
                g.fillRect(clip.x, clip.y, clip.width, clip.height);
                if (view.grid == null) {
                    return;
                }
                double rate = view.grid.timing().frameRate();
                double pxPerSecond = rate * view.zoom;
                double[] steps = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60};
                double step = 60;
                for (double s : steps) {
                    if (s * pxPerSecond >= 60) {
                        step = s;
                        break;
                    }
                }
                g.setColor(UIManager.getColor("Label.foreground"));
                FontMetrics fm = g.getFontMetrics();
                long first = (long) Math.floor(clip.x / pxPerSecond / step);
                for (long k = first; k * step * pxPerSecond <= clip.x + clip.width; k++) {
                    int x = (int) Math.round(k * step * pxPerSecond);
                    g.drawLine(x, getHeight() - 5, x, getHeight());
                    g.drawString(String.format(Locale.ROOT, step < 0.1 ? "%.2f s" : step < 1 ? "%.1f s" : "%.0f s", k * step),
                            x + 2, fm.getAscent());
                }
            }
        };
        ruler.setName("timeRuler");
        headers.add(ruler);
        ruler.setFont(UIManager.getFont("Label.font"));
        return ruler;
    }

    /** This view in a scroll pane with its level header and time ruler. */
    public JScrollPane inScrollPane() {
        JScrollPane pane = new JScrollPane(this, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED, JScrollPane.HORIZONTAL_SCROLLBAR_ALWAYS);
        pane.setRowHeaderView(levelHeader());
        pane.setColumnHeaderView(timeRuler());
        pane.getHorizontalScrollBar().setUnitIncrement(16);
        return pane;
    }

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return orientation == SwingConstants.HORIZONTAL ? Math.max(1, (int) Math.ceil(zoom * 4)) : rowHeight;
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return orientation == SwingConstants.HORIZONTAL ? visible.width * 9 / 10 : visible.height;
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return false;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return false;
    }

    @Override
    public javax.accessibility.AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public javax.accessibility.AccessibleRole getAccessibleRole() {
                    return javax.accessibility.AccessibleRole.TABLE;
                }
            };
        }
        return accessibleContext;
    }
}
