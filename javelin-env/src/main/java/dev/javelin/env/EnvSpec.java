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

        public int getInt(String key, int defaultValue) {
            double d = getDouble(key, defaultValue);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("make(" + id + "): option '" + key + "' = " + values.get(key) + " is not an integer");
            }
            return (int) d;
        }
    }
}
