package org.sda.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.Icon;
import javax.swing.table.AbstractTableModel;
import org.sda.engine.library.ModelEntry;

/** Library entries as table rows: health thumbnail, name, tags, dataset, VQ settings, date, size class. EDT. */
public final class ModelTableModel extends AbstractTableModel {

    static final String[] COLUMNS = {"Health", "Name", "Tags", "Files", "Seconds", "Levels × codes", "Trained",
        "Dataset folder", "Size"};
    private List<ModelEntry> rows = new ArrayList<>();

    public void setRows(List<ModelEntry> entries) {
        rows = List.copyOf(entries);
        fireTableDataChanged();
    }

    public ModelEntry row(int i) {
        return rows.get(i);
    }

    public List<ModelEntry> rows() {
        return rows;
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
    public Class<?> getColumnClass(int column) {
        return switch (column) {
            case 0 -> Icon.class;
            case 3 -> Integer.class;
            default -> String.class;
        };
    }

    @Override
    public Object getValueAt(int row, int column) {
        ModelEntry e = rows.get(row);
        return switch (column) {
            case 0 -> HealthLight.thumbnail(e.health(), 18);
            case 1 -> e.name();
            case 2 -> String.join(", ", e.tags());
            case 3 -> e.fileCount();
            case 4 -> String.format(Locale.ROOT, "%.1f", e.seconds());
            case 5 -> e.levels() + " × " + e.codebookSize();
            case 6 -> e.created().length() >= 16 ? e.created().substring(0, 16).replace('T', ' ') : e.created();
            case 7 -> e.folders().isEmpty() ? "" : e.folders().get(0);
            case 8 -> e.sizeClass() == null ? "" : e.sizeClass();
            default -> "";
        };
    }
}
