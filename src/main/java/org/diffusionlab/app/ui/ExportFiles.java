package org.diffusionlab.app.ui;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import org.diffusionlab.engine.files.AtomicFile;

/**
 * What the panes' picture and table exports share: an export picture's canvas with its caption pen, and writing a
 * PNG or a UTF-8 text file atomically (through {@link AtomicFiles}). Safe off the FX thread (AWT images only).
 */
public final class ExportFiles {

    /** Writes the text of a file. */
    public interface Text {
        void write(Writer w) throws IOException;
    }

    private ExportFiles() {
    }

    /**
     * A new RGB picture of the given size filled with {@code background}, and its pen set for anti-aliased captions:
     * sans-serif at {@code fontSize} in {@code ink}. The caller disposes of the pen.
     */
    public static Graphics2D canvas(BufferedImage out, int background, int ink, int fontSize) {
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(background));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        g.setColor(new Color(ink));
        return g;
    }

    public static void png(Path file, BufferedImage image) throws IOException {
        try {
            AtomicFile.writeStream(file, null, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("this Java runtime has no PNG writer");
                }
            });
        } catch (RuntimeException e) {
            throw new IOException("Cannot write " + file.toAbsolutePath().normalize() + ": " + e, e);
        }
    }

    /** Writes UTF-8 text through a large buffer (tables of hundreds of thousands of rows). */
    public static void text(Path file, Text text) throws IOException {
        AtomicFile.writeText(file, text::write);
    }
}
