package org.diffusionlab.app;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where the window asks for file names; the default uses the platform's file chooser, tests answer directly. */
public interface FileDialogs {

    /** A file to open, or null if the user cancelled. */
    Path open(String title, String description, String extension);

    /** A file to open with any of these extensions (offered together, then "All files"), or null if cancelled. */
    default Path open(String title, String description, List<String> extensions) {
        return open(title, description, extensions.get(0));
    }

    /** A file to write, or null if the user cancelled. */
    Path save(String title, String description, String extension, String suggestedName);

    /** The platform's file chooser, owned by a window. */
    static FileDialogs native_(Window owner) {
        return new FileDialogs() {
            private File lastFolder;

            @Override
            public Path open(String title, String description, String extension) {
                FileChooser c = chooser(title, description, extension);
                File f = c.showOpenDialog(owner);
                return remember(f);
            }

            @Override
            public Path open(String title, String description, List<String> extensions) {
                FileChooser c = chooser(title, description, extensions.get(0));
                c.getExtensionFilters().set(0, new FileChooser.ExtensionFilter(description,
                        extensions.stream().map(x -> "*" + x).toList()));
                return remember(c.showOpenDialog(owner));
            }

            @Override
            public Path save(String title, String description, String extension, String suggestedName) {
                FileChooser c = chooser(title, description, extension);
                c.setInitialFileName(suggestedName);
                File f = c.showSaveDialog(owner);
                Path p = remember(f);
                if (p != null && !p.getFileName().toString().contains(".")) {
                    p = p.resolveSibling(p.getFileName() + extension);
                }
                return p;
            }

            private FileChooser chooser(String title, String description, String extension) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*" + extension));
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
                if (lastFolder != null && lastFolder.isDirectory()) {
                    c.setInitialDirectory(lastFolder);
                }
                return c;
            }

            private Path remember(File f) {
                if (f == null) {
                    return null;
                }
                lastFolder = f.getParentFile();
                return f.toPath();
            }
        };
    }
}
