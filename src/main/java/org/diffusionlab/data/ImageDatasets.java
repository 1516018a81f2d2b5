package org.diffusionlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The image data sets by name: deadleaves, digits, texture[:gravel|grass], folder:PATH. */
public final class ImageDatasets {

    /** The names accepted (folder takes a path after the colon). */
    public static final List<String> NAMES = List.of("deadleaves", "digits", "texture", "texture:gravel", "texture:grass",
            "folder:PATH");

    private ImageDatasets() {
    }

    /** Whether a --dataset value names an image data set. */
    public static boolean isImageDataset(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("deadleaves") || n.equals("digits") || n.equals("texture") || n.startsWith("texture:")
                || n.startsWith("folder:");
    }

    /** The data set of that name at that image size (digits are 28 x 28 only). */
    public static ImageDataset open(String name, int size) throws IOException {
        String n = name.trim();
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.equals("deadleaves")) {
            return DeadLeaves.standard(size);
        }
        if (lower.equals("digits")) {
            if (size != 28) {
                throw new IllegalArgumentException("The digits are 28 x 28 pixels; --size " + size + " does not fit them");
            }
            return DigitImages.load();
        }
        if (lower.equals("texture")) {
            return TextureImages.load("gravel", size);
        }
        if (lower.startsWith("texture:")) {
            return TextureImages.load(n.substring("texture:".length()), size);
        }
        if (lower.startsWith("folder:")) {
            String path = n.substring("folder:".length());
            if (path.isBlank()) {
                throw new IllegalArgumentException("folder: needs a path, e.g. folder:/home/me/pictures");
            }
            return FolderImages.load(Path.of(path), size);
        }
        throw new IllegalArgumentException("Unknown image data set '" + name + "'; choose deadleaves, digits, "
                + "texture (gravel), texture:grass or folder:PATH");
    }
}
