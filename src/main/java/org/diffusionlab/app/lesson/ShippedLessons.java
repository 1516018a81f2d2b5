package org.diffusionlab.app.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The lessons shipped in assets/lessons/, in the order its index.txt lists them (the order of the paper). */
public final class ShippedLessons {

    public static final String FOLDER = "/assets/lessons/";
    public static final String INDEX = FOLDER + "index.txt";

    private ShippedLessons() {
    }

    /** The class-path resources of the shipped lessons, e.g. /assets/lessons/01-forward.yaml. */
    public static List<String> resources() {
        try (InputStream in = ShippedLessons.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> FOLDER + l).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
