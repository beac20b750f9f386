package dev.capscope.app.ui.map;

import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.profile.Area;
import javafx.scene.paint.Color;

import java.util.LinkedHashMap;
import java.util.Map;

/** Colours of the occupancy map: pale tints for empty cells by area, strong colours for kinds. */
public final class MapPalette {
    private MapPalette() {
    }

    public static Color emptyCell(Area a) {
        return switch (a) {
            case INVALID -> Color.web("#c8c8c8");
            case FIXED -> Color.web("#d6e4f5");
            case THREADS -> Color.web("#d5ecd5");
            case CORE_RESERVED -> Color.web("#e6e6e6");
            case COMPONENT -> Color.web("#f3ead2");
            case BEYOND_ALLOCATOR -> Color.web("#f5dada");
        };
    }

    public static Color kind(ObjectKind k) {
        return switch (k) {
            case TASK -> Color.web("#1f4e9c");
            case THREAD -> Color.web("#2e7d32");
            case IPC_GATE -> Color.web("#e08600");
            case IRQ_SENDER, IRQ_SEMAPHORE -> Color.web("#8e44ad");
            case UNKNOWN -> Color.web("#5f5f5f");
            default -> Color.web("#00838f");
        };
    }

    public static final Color ANOMALY = Color.web("#d32f2f");
    public static final Color RECEIVE_WINDOW = Color.web("#b9b3a3");
    public static final Color SELECTED = Color.web("#000000");

    public static Color status(RowStatus s) {
        return switch (s) {
            case NEW, DIFF_ADDED -> Color.web("#00c853");
            case REMOVED, DIFF_REMOVED -> Color.web("#9e9e9e");
            case CHANGED, DIFF_CHANGED -> Color.web("#ffb300");
            case DIFF_REBOUND -> Color.web("#2979ff");
            case NORMAL -> null;
        };
    }

    /** Legend entries in display order. */
    public static Map<String, Color> legend() {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put("Task", kind(ObjectKind.TASK));
        m.put("Thread", kind(ObjectKind.THREAD));
        m.put("Ipc_gate", kind(ObjectKind.IPC_GATE));
        m.put("Irq", kind(ObjectKind.IRQ_SENDER));
        m.put("other kernel object", kind(ObjectKind.FACTORY));
        m.put("kind unknown", kind(ObjectKind.UNKNOWN));
        m.put("anomaly", ANOMALY);
        m.put("receive window (entry, no cap yet)", RECEIVE_WINDOW);
        m.put("empty: fixed", emptyCell(Area.FIXED));
        m.put("thread slots", emptyCell(Area.THREADS));
        m.put("core reserved", emptyCell(Area.CORE_RESERVED));
        m.put("component area", emptyCell(Area.COMPONENT));
        m.put("beyond allocator", emptyCell(Area.BEYOND_ALLOCATOR));
        return m;
    }
}
