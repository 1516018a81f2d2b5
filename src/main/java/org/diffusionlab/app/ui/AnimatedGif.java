package org.diffusionlab.app.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a looping animated GIF with the JDK's own ImageIO GIF writer: each frame gets its delay in the Graphic
 * Control Extension, and the first frame carries the NETSCAPE2.0 extension that makes viewers loop forever.
 */
public final class AnimatedGif {

    private AnimatedGif() {
    }

    /**
     * Writes {@code frames} frames to {@code file} (not atomically: wrap in {@link AtomicFiles#write}).
     *
     * @param frame       frame k as an RGB image
     * @param delayMillis how long frame k stays on screen
     * @param progress    told k + 1 after frame k is written (may be null)
     */
    public static void write(Path file, int frames, IntFunction<BufferedImage> frame, IntUnaryOperator delayMillis,
            IntConsumer progress) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int k = 0; k < frames; k++) {
                BufferedImage rgb = frame.apply(k);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), param);
                configure(meta, delayMillis.applyAsInt(k), k == 0);
                writer.writeToSequence(new IIOImage(rgb, null, meta), param);
                if (progress != null) {
                    progress.accept(k + 1);
                }
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** Frame delay (GIF counts hundredths of a second) and, on the first frame, the loop-forever extension. */
    private static void configure(IIOMetadata meta, int delayMillis, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(2, Math.round(delayMillis / 10f))));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});     // sub-block 1: loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
