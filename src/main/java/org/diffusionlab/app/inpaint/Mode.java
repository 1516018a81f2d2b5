package org.diffusionlab.app.inpaint;

/** What the pane does with the image. */
public enum Mode {
    /** Fill the masked pixels: known pixels are clamped at every reverse step (the paper's inpainting). */
    FILL("Fill the mask"),
    /** Remove Gaussian noise added to the whole image: the exact product of each reverse step with the observation. */
    DENOISE("Denoise");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
