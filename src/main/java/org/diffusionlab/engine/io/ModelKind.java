package org.diffusionlab.engine.io;

import java.util.Optional;

/**
 * The kinds of DiffusionLab model file: one archive ({@link ModelArchive}), told apart by the manifest's
 * {@code format} value, each read by its own schema (ModelFile, ImageModelFile, BinomialModelFile).
 */
public enum ModelKind {
    POINTS("diffusionlab-model", "a model of 2-D points", "a model of 2-D points (swiss roll or user data)"),
    IMAGE("diffusionlab-image-model", "an image model",
            "an image diffusion model (the Inpaint pane and the CLI's image commands use it)"),
    BINOMIAL("diffusionlab-binomial-model", "a binomial diffusion model", "a binomial (heartbeat) diffusion model");

    private final String format;
    private final String shortName;
    private final String description;

    ModelKind(String format, String shortName, String description) {
        this.format = format;
        this.shortName = shortName;
        this.description = description;
    }

    /** The manifest's {@code format} value. */
    public String format() {
        return format;
    }

    /** E.g. "an image model", for "..., not an image model". */
    public String shortName() {
        return shortName;
    }

    /** A sentence part saying what such a file is and where it is used. */
    public String description() {
        return description;
    }

    public static Optional<ModelKind> ofFormat(String format) {
        for (ModelKind k : values()) {
            if (k.format.equals(format)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
