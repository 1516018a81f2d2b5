package org.diffusionlab.data;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a data set from its name, and holds the user data sets known to this process (drawn, loaded from CSV, or
 * read from a model file), keyed by their fingerprint {@link UserData#id()}. A name of user data therefore always
 * means the same points.
 */
public final class Datasets {

    /** The built-in data sets, as named in configs and on the command line. */
    public static final List<String> BUILT_IN = List.of("swissroll", TwoMoons.NAME, GaussianMixture.NAME, Ring.NAME);

    private static final ConcurrentHashMap<String, UserData> USER = new ConcurrentHashMap<>();

    private Datasets() {
    }

    /** True if {@code name} is a built-in data set or has the form of a user data set's name. */
    public static boolean isValidName(String name) {
        return name != null && (BUILT_IN.contains(name.toLowerCase(Locale.ROOT)) || UserData.isId(name));
    }

    /**
     * The data set called {@code name} with {@code noiseStd} raw noise.
     *
     * @throws IllegalArgumentException for an unknown name or user data this process has not seen
     */
    public static Dataset create(String name, double noiseStd) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "swissroll" -> new SwissRoll(noiseStd);
            case TwoMoons.NAME -> new TwoMoons(noiseStd);
            case GaussianMixture.NAME -> new GaussianMixture(noiseStd);
            case Ring.NAME -> new Ring(noiseStd);
            default -> new UserDataset(user(name).orElseThrow(() -> new IllegalArgumentException(
                    UserData.isId(name) ? "the user data set " + name + " is not loaded (draw it or open its model file)"
                            : "unknown data set " + name)), noiseStd);
        };
    }

    /** Dimensions of the data set called {@code name} (every one is 2-D), without building it. */
    public static int dims(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("unknown data set " + name);
        }
        return 2;
    }

    /** Makes user data known under its id (again: the same points always get the same id); returns the id. */
    public static String register(UserData data) {
        USER.putIfAbsent(data.id(), data);
        return data.id();
    }

    /** The user data of an id, if this process has it. */
    public static Optional<UserData> user(String id) {
        return Optional.ofNullable(id == null ? null : USER.get(id));
    }

    /** A name for people: "swiss roll", "two moons", "your data (1,234 points)". */
    public static String displayName(String name) {
        if (name == null) {
            return "";
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "swissroll" -> "Swiss roll";
            case TwoMoons.NAME -> "Two moons";
            case GaussianMixture.NAME -> "8 Gaussians";
            case Ring.NAME -> "Ring";
            case Heartbeat.NAME -> "Binary heartbeat";
            default -> user(name).map(u -> String.format(Locale.ROOT, "Your data (%,d points)", u.size()))
                    .orElse(name);
        };
    }
}
