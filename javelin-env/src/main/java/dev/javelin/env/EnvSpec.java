package dev.javelin.env;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * A registered env, as Gymnasium's {@code EnvSpec}: its id, how to build the bare env from options,
 * the time limit {@link Envs#make} wraps it in, and the return at which the task counts as solved.
 *
 * @param optionKeys the option keys {@code factory} understands (besides {@code max_episode_steps})
 * @param maxEpisodeSteps TimeLimit length; 0 for none
 */
public record EnvSpec(String id, Function<Options, Env<?, ?>> factory, Set<String> optionKeys, int maxEpisodeSteps,
                      OptionalDouble rewardThreshold) {

    /** Rejects a missing id or factory and a negative time limit; copies the option keys. */
    public EnvSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(factory, "factory");
        optionKeys = Set.copyOf(optionKeys);
        if (maxEpisodeSteps < 0) {
            throw new IllegalArgumentException("EnvSpec " + id + ": max_episode_steps = " + maxEpisodeSteps + ", expected >= 0");
        }
        if (optionKeys.contains(Options.MAX_EPISODE_STEPS)) {
            throw new IllegalArgumentException("EnvSpec " + id + ": option '" + Options.MAX_EPISODE_STEPS + "' is reserved for the registry");
        }
    }

    /** Typed access to the options of one {@link Envs#make} call. */
    public record Options(String id, Map<String, Object> values) {
        public static final String MAX_EPISODE_STEPS = "max_episode_steps";

        /** Copies the values, so later changes to the caller's map do not leak in. */
        public Options {
            values = Map.copyOf(values);
        }

        /** A number option, accepting numbers or numeric strings (values from a command line). */
        public double getDouble(String key, double defaultValue) {
            Object v = values.get(key);
            if (v == null) {
                return defaultValue;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("make(" + id + "): option '" + key + "' = '" + v + "' is not a number");
            }
        }

        /** A yes/no option: a Boolean, or "true"/"false" (any case) from a command line. */
        public boolean getBoolean(String key, boolean defaultValue) {
            Object v = values.get(key);
            if (v == null) {
                return defaultValue;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
            throw new IllegalArgumentException("make(" + id + "): option '" + key + "' = '" + v + "' is not true or false");
        }

        /** A text option (a file name, say). */
        public String getString(String key, String defaultValue) {
            Object v = values.get(key);
            return v == null ? defaultValue : v.toString();
        }

        /**
         * A (low, high) pair, as Gymnasium's range options ({@code healthy_z_range=(0.7, inf)}): a list of two
         * numbers, or text "low,high" (brackets allowed; "inf", "-inf" and YAML's ".inf" accepted).
         */
        public double[] getRange(String key, double defaultLow, double defaultHigh) {
            Object v = values.get(key);
            if (v == null) {
                return new double[] {defaultLow, defaultHigh};
            }
            java.util.List<?> items = v instanceof java.util.List<?> list ? list
                    : java.util.Arrays.asList(v.toString().replaceAll("[\\[\\]()\\s]", "").split(","));
            if (items.size() != 2) {
                throw new IllegalArgumentException("make(" + id + "): option '" + key + "' = " + v + ", expected two numbers (low, high)");
            }
            double[] out = new double[2];
            for (int i = 0; i < 2; i++) {
                Object item = items.get(i);
                try {
                    out[i] = item instanceof Number n ? n.doubleValue() : parseNumber(item.toString());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("make(" + id + "): option '" + key + "' = " + v + ", '" + item + "' is not a number");
                }
            }
            if (!(out[0] <= out[1])) {
                throw new IllegalArgumentException("make(" + id + "): option '" + key + "' = " + v + ", expected low <= high");
            }
            return out;
        }

        private static double parseNumber(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "inf", "+inf", "infinity", ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity", "-.inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s.trim());
            };
        }

        /** A whole-number option, accepting numbers or numeric strings (values from a command line). */
        public int getInt(String key, int defaultValue) {
            double d = getDouble(key, defaultValue);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("make(" + id + "): option '" + key + "' = " + values.get(key) + " is not an integer");
            }
            return (int) d;
        }
    }
}
