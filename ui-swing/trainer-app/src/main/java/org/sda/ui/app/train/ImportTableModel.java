package org.sda.ui.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.table.AbstractTableModel;
import org.sda.engine.dataset.FileReport;
import org.sda.engine.dataset.Split;

/** The import table: one row per file found, with what the import measured and decided. EDT. */
final class ImportTableModel extends AbstractTableModel {

    static final String[] COLUMNS = {"File", "Sec", "Rate", "Ch", "Peak dB", "Split", "Verdict", "Reason"};
    static final int VERDICT = 6;
    private final List<FileReport> rows = new ArrayList<>();

    void setRows(List<FileReport> reports) {
        rows.clear();
        rows.addAll(reports);
        fireTableDataChanged();
    }

    void add(FileReport report) {
        rows.add(report);
        fireTableRowsInserted(rows.size() - 1, rows.size() - 1);
    }

    FileReport row(int i) {
        return rows.get(i);
    }

    List<FileReport> rows() {
        return List.copyOf(rows);
    }

    @Override
    public int getRowCount() {
        return rows.size();
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
        FileReport r = rows.get(row);
        return switch (column) {
            case 0 -> r.file().getFileName().toString();
            case 1 -> Double.isNaN(r.durationSeconds()) ? "" : String.format(Locale.ROOT, "%.2f", r.durationSeconds());
            case 2 -> r.sampleRate() == 0 ? "" : String.valueOf(r.sampleRate());
            case 3 -> r.channels() == 0 ? "" : String.valueOf(r.channels());
            case 4 -> Double.isNaN(r.peakDbfs()) ? "" : String.format(Locale.ROOT, "%.1f", r.peakDbfs());
            case 5 -> r.split() == Split.NONE ? "" : r.split().name().toLowerCase(Locale.ROOT);
            case 6 -> r.verdict().label();
            case 7 -> r.detail();
            default -> "";
        };
    }
}
