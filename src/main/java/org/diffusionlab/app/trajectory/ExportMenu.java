package org.diffusionlab.app.trajectory;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import org.diffusionlab.app.FileDialogs;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;

/**
 * The Trajectory panes' Export menu: the frame shown as PNG, an animation as GIF, and the forward or the reverse
 * trajectory as CSV. Each item asks for a file, suggesting the pane's own name, and hands the export kind ("png",
 * "gif", "csv-forward" or "csv-reverse") and the file to the pane, which draws it from its frames.
 */
public final class ExportMenu {

    /** A menu item: its export kind and text, and the save dialog's title, file filter and extension. */
    private record Item(String kind, String text, String title, String filter, String extension) {
    }

    private ExportMenu() {
    }

    /**
     * @param itemIdPrefix   the items' ids are this, then "export-" and the kind
     * @param gifItem        the GIF item's text (what the pane's animation shows)
     * @param suggestedName  the file name offered for a kind
     * @param export         exports a kind to the file chosen
     */
    public static MenuButton create(String id, String itemIdPrefix, String gifItem, Supplier<FileDialogs> files,
                                    Function<String, String> suggestedName, BiConsumer<String, Path> export) {
        MenuButton menu = new MenuButton("Export", new FontIcon(MaterialDesignE.EXPORT));
        menu.setId(id);
        List<Item> items = List.of(
                new Item("png", "Frame as PNG\u2026", "Export frame", "PNG images", ".png"),
                new Item("gif", gifItem, "Export animation", "GIF images", ".gif"),
                new Item("csv-forward", "Forward trajectory as CSV\u2026", "Export forward trajectory", "CSV files",
                        ".csv"),
                new Item("csv-reverse", "Reverse trajectory as CSV\u2026", "Export reverse trajectory", "CSV files",
                        ".csv"));
        for (Item item : items) {
            MenuItem m = new MenuItem(item.text());
            m.setId(itemIdPrefix + "export-" + item.kind());
            m.setOnAction(e -> {
                FileDialogs d = files.get();
                Path p = d == null ? null
                        : d.save(item.title(), item.filter(), item.extension(), suggestedName.apply(item.kind()));
                if (p != null) {
                    export.accept(item.kind(), p);
                }
            });
            menu.getItems().add(m);
        }
        return menu;
    }
}
