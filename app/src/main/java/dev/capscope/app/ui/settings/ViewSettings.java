package dev.capscope.app.ui.settings;

import dev.capscope.app.ui.service.RecentStore;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

import java.util.Arrays;
import java.util.Set;

/**
 * How the user wants things shown, for every view of the window (and its diff windows): number
 * base, theme, map zoom, hidden tree columns. Remembered between runs in the {@link RecentStore}.
 */
public final class ViewSettings {
    /** Map cell size in pixels at zoom 1; zoom runs from {@link #MIN_ZOOM} to {@link #MAX_ZOOM}. */
    public static final double MIN_ZOOM = 0.5;
    public static final double MAX_ZOOM = 4;
    /** Tree columns hidden until the user shows them (the Dec column repeats the selector). */
    public static final Set<String> DEFAULT_HIDDEN = Set.of("colDecimal");

    private final ObjectProperty<NumberBase> numbers = new SimpleObjectProperty<>(NumberBase.BOTH);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final DoubleProperty mapZoom = new SimpleDoubleProperty(1);
    private final ObservableSet<String> hiddenColumns = FXCollections.observableSet(new java.util.TreeSet<>(DEFAULT_HIDDEN));

    /** Defaults, not remembered (tests). */
    public ViewSettings() {
    }

    /** Loads what the store remembers and writes every change back. */
    public static ViewSettings remembered(RecentStore store) {
        ViewSettings s = new ViewSettings();
        s.numbers.set(parse(NumberBase.class, store.preference("numbers", ""), NumberBase.BOTH));
        s.theme.set(parse(Theme.class, store.preference("theme", ""), Theme.LIGHT));
        try {
            s.mapZoom.set(clampZoom(Double.parseDouble(store.preference("mapZoom", "1"))));
        } catch (NumberFormatException e) {
            s.mapZoom.set(1);
        }
        String hidden = store.preference("hiddenColumns", null);
        if (hidden != null) {
            s.hiddenColumns.clear();
            Arrays.stream(hidden.split(",")).filter(c -> !c.isBlank()).forEach(s.hiddenColumns::add);
        }
        s.numbers.addListener((o, a, b) -> store.rememberPreference("numbers", b.name()));
        s.theme.addListener((o, a, b) -> store.rememberPreference("theme", b.name()));
        s.mapZoom.addListener((o, a, b) -> store.rememberPreference("mapZoom", Double.toString(b.doubleValue())));
        s.hiddenColumns.addListener((SetChangeListener<String>) c ->
                store.rememberPreference("hiddenColumns", String.join(",", s.hiddenColumns)));
        return s;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, E otherwise) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    public static double clampZoom(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    public ObjectProperty<NumberBase> numbersProperty() { return numbers; }
    public ObjectProperty<Theme> themeProperty() { return theme; }
    public DoubleProperty mapZoomProperty() { return mapZoom; }
    public ObservableSet<String> hiddenColumns() { return hiddenColumns; }
}
