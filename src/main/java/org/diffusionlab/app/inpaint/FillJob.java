package org.diffusionlab.app.inpaint;

/**
 * One run of the reverse process, as given to the worker: the model by name, the original image (grey levels), the
 * mask (true = fill; used in {@link Mode#FILL}), what the model observes in grey levels ({@code observed}: the original
 * in FILL, the noisy image in DENOISE), what the student sees as the input ({@code input}: masked pixels as noise,
 * or the noisy image), the noise level in grey levels (DENOISE), the seed and the number of fills
 * drawn side by side.
 */
public record FillJob(String model, Mode mode, SourceImage image, boolean[] mask, float[] observed, float[] input, double sigma,
                      long seed, int fills) {

    public FillJob {
        if (fills < 1 || fills > 16) {
            throw new IllegalArgumentException("1 to 16 fills, got " + fills);
        }
        mask = mask.clone();
        observed = observed.clone();
        input = input.clone();
    }

    @Override
    public boolean[] mask() {
        return mask.clone();
    }

    @Override
    public float[] observed() {
        return observed.clone();
    }

    @Override
    public float[] input() {
        return input.clone();
    }

    /** How many pixels are masked. */
    public int maskedCount() {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
