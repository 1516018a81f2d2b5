package org.diffusionlab.app.explain;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javafx.scene.text.Font;

/**
 * Registers JLaTeXMath's own TrueType fonts with JavaFX. JLaTeXMath lays formulas out with AWT fonts, but
 * FXGraphics2D draws each glyph as JavaFX text by font family name: unless JavaFX knows the families (cmex10 for
 * big integrals and sums, cmsy10 for symbols, cmmi10 for italic letters), it falls back to a system font and the
 * formula is drawn with wrong glyphs.
 */
final class TexFonts {

    private static final String ROOT = "/org/scilab/forge/jlatexmath/fonts/";
    private static final List<String> FILES = List.of(
            "base/jlm_cmex10.ttf", "base/jlm_cmmi10.ttf", "base/jlm_cmmib10.ttf",
            "maths/jlm_cmsy10.ttf", "maths/jlm_cmbsy10.ttf", "maths/jlm_msam10.ttf", "maths/jlm_msbm10.ttf",
            "maths/jlm_rsfs10.ttf", "maths/jlm_special.ttf", "maths/jlm_stmary10.ttf",
            "latin/jlm_cmr10.ttf", "latin/jlm_jlmbi10.ttf", "latin/jlm_jlmbx10.ttf", "latin/jlm_jlmi10.ttf",
            "latin/jlm_jlmr10.ttf", "latin/jlm_jlmsb10.ttf", "latin/jlm_jlmsbi10.ttf", "latin/jlm_jlmsi10.ttf",
            "latin/jlm_jlmss10.ttf", "latin/jlm_jlmtt10.ttf",
            "latin/optional/jlm_cmbx10.ttf", "latin/optional/jlm_cmti10.ttf", "latin/optional/jlm_cmss10.ttf");

    private static boolean loaded;

    private TexFonts() {
    }

    /** Loads the fonts once; later calls return at once. */
    static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        loaded = true;
        for (String f : FILES) {
            try (InputStream in = TexFonts.class.getResourceAsStream(ROOT + f)) {
                if (in != null) {
                    Font.loadFont(in, 10);
                }
            } catch (IOException e) {
                // A missing optional font only changes how rare symbols look; the formula still draws.
            }
        }
    }
}
