package dev.javelin.env;

import dev.javelin.env.classic.Acrobot;
import dev.javelin.env.classic.CartPole;
import dev.javelin.env.classic.MountainCar;
import dev.javelin.env.classic.MountainCarContinuous;
import dev.javelin.env.classic.Pendulum;
import dev.javelin.env.motion.PendulumSpin;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.env.wrappers.TimeLimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The registry of envs by id, as Gymnasium's {@code gymnasium.make}. Classic control is registered with
 * Gymnasium 0.29.1's ids, time limits and reward thresholds; user envs are added with {@link #register}.
 *
 * <pre>{@code
 * Env<?, ?> env = Envs.make("Pendulum-v1", Map.of("g", 9.81));   // bare env wrapped in TimeLimit(200)
 * VectorEnv envs = Envs.makeVec("CartPole-v1", 8, 1, Map.of());   // 8 copies, stepped sequentially
 * }</pre>
 *
 * Option {@code max_episode_steps} overrides the time limit (0 removes it); other keys go to the env's
 * factory, and a key the env does not know is rejected with the list of allowed keys.
 */
public final class Envs {
    private static final Map<String, EnvSpec> REGISTRY = new ConcurrentSkipListMap<>();
    /** Ids of providers that cannot build their envs here, with the provider's reason. */
    private static final Map<String, String> UNAVAILABLE = new ConcurrentSkipListMap<>();
    private static final Map<String, String> UNAVAILABLE_PROVIDERS = new ConcurrentSkipListMap<>();

    static {
        register(new EnvSpec("CartPole-v1", o -> new CartPole(), Set.of(), 500, OptionalDouble.of(475.0)));
        register(new EnvSpec("MountainCar-v0", o -> new MountainCar(o.getDouble("goal_velocity", 0)),
                Set.of("goal_velocity"), 200, OptionalDouble.of(-110.0)));
        register(new EnvSpec("MountainCarContinuous-v0", o -> new MountainCarContinuous(o.getDouble("goal_velocity", 0)),
                Set.of("goal_velocity"), 999, OptionalDouble.of(90.0)));
        register(new EnvSpec("Pendulum-v1", o -> new Pendulum(o.getDouble("g", 10.0)), Set.of("g"), 200, OptionalDouble.empty()));
        register(new EnvSpec("Acrobot-v1", o -> new Acrobot(), Set.of(), 500, OptionalDouble.of(-100.0)));
        register(new EnvSpec("PendulumSpin-v0", o -> new PendulumSpin(o.getDouble("g", 2.0), o.getDouble("target_velocity", 3.0)),
                Set.of("g", "target_velocity"), PendulumSpin.EPISODE_STEPS, OptionalDouble.empty()));
        for (EnvProvider provider : ServiceLoader.load(EnvProvider.class)) {
            Optional<String> reason = provider.unavailableReason();
            for (EnvSpec spec : provider.specs()) {
                register(spec);
                reason.ifPresent(r -> UNAVAILABLE.put(spec.id(), r));
            }
            reason.ifPresent(r -> UNAVAILABLE_PROVIDERS.put(provider.name(), r));
        }
    }

    private Envs() {
    }

    /** Adds or replaces an env id. */
    public static void register(EnvSpec spec) {
        REGISTRY.put(spec.id(), spec);
        UNAVAILABLE.remove(spec.id());
    }

    /** Providers whose envs cannot be built on this machine, by name, with what to do about it. */
    public static Map<String, String> unavailableProviders() {
        return Map.copyOf(UNAVAILABLE_PROVIDERS);
    }

    /** Whether {@code id} is registered and can be built here. */
    public static boolean available(String id) {
        return REGISTRY.containsKey(id) && !UNAVAILABLE.containsKey(id);
    }

    /** Registers a user env with no options: {@code Envs.register("Thermostat-v0", 200, MyEnv::new)}. */
    public static void register(String id, int maxEpisodeSteps, java.util.function.Supplier<? extends Env<?, ?>> constructor) {
        register(new EnvSpec(id, o -> constructor.get(), Set.of(), maxEpisodeSteps, OptionalDouble.empty()));
    }

    /** Registered ids, sorted. */
    public static List<String> ids() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * The spec registered as {@code id}; an unknown id is rejected with the registered ones, and an id whose provider
     * cannot run here (a missing native library) with the provider's reason.
     */
    public static EnvSpec spec(String id) {
        EnvSpec spec = REGISTRY.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("Envs: no env with id '" + id + "'; registered: " + ids());
        }
        String reason = UNAVAILABLE.get(id);
        if (reason != null) {
            throw new IllegalStateException("Envs: " + id + " cannot be built here: " + reason);
        }
        return spec;
    }

    /** A new env registered as {@code id}, with default options, wrapped in its time limit. */
    public static Env<?, ?> make(String id) {
        return make(id, Map.of());
    }

    /** The env {@code id} built from {@code options}, inside a TimeLimit if its spec has one. */
    public static Env<?, ?> make(String id, Map<String, ?> options) {
        EnvSpec spec = spec(id);
        Set<String> allowed = new TreeSet<>(spec.optionKeys());
        allowed.add(EnvSpec.Options.MAX_EPISODE_STEPS);
        for (String key : options.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("make(" + id + "): unknown option '" + key + "'; allowed: " + allowed);
            }
        }
        var opts = new EnvSpec.Options(id, Map.copyOf(options));
        int maxSteps = opts.getInt(EnvSpec.Options.MAX_EPISODE_STEPS, spec.maxEpisodeSteps());
        if (maxSteps < 0) {
            throw new IllegalArgumentException("make(" + id + "): max_episode_steps = " + maxSteps + ", expected >= 0 (0: no limit)");
        }
        Env<?, ?> env = spec.factory().apply(opts);
        return maxSteps > 0 ? timeLimit(env, maxSteps) : env;
    }

    private static <O, A> Env<O, A> timeLimit(Env<O, A> env, int maxSteps) {
        return new TimeLimit<>(env, maxSteps);
    }

    /**
     * {@code numEnvs} copies of {@code make(id, options)}, sequential when {@code threads <= 1}, else threaded.
     * The env must have float (Box) observations.
     */
    public static VectorEnv makeVec(String id, int numEnvs, int threads, Map<String, ?> options) {
        return makeVec(numEnvs, threads, i -> make(id, options));
    }

    /** Vectorizes envs built by {@code factory} (e.g. wrapped copies): {@code i -> new RecordEpisodeStatistics<>(...)}. */
    @SuppressWarnings("unchecked")
    public static VectorEnv makeVec(int numEnvs, int threads, java.util.function.IntFunction<? extends Env<?, ?>> factory) {
        return VectorEnv.threaded(numEnvs, threads, i -> {
            Env<?, ?> e = factory.apply(i);
            if (!(e.observationSpace() instanceof Box)) {
                throw new IllegalArgumentException("makeVec: " + e + " has observation space " + e.observationSpace()
                        + ", expected a Box (vector envs batch float observations)");
            }
            return (Env<float[], ?>) e;
        });
    }

    /** One line of {@code javelin envs}: id, spaces and time limit. */
    public record Description(String id, Space<?> observationSpace, Space<?> actionSpace, int maxEpisodeSteps,
                              OptionalDouble rewardThreshold) {
        @Override
        public String toString() {
            return id + "  obs " + observationSpace + "  act " + actionSpace
                    + (maxEpisodeSteps > 0 ? "  max_episode_steps " + maxEpisodeSteps : "");
        }
    }

    /** Every env that can be built here, with its spaces (each built once with default options). */
    public static List<Description> describe() {
        List<Description> out = new ArrayList<>();
        for (EnvSpec spec : REGISTRY.values()) {
            if (UNAVAILABLE.containsKey(spec.id())) {
                continue;
            }
            try (Env<?, ?> env = spec.factory().apply(new EnvSpec.Options(spec.id(), Map.of()))) {
                out.add(new Description(spec.id(), env.observationSpace(), env.actionSpace(), spec.maxEpisodeSteps(),
                        spec.rewardThreshold()));
            }
        }
        return out;
    }

    /** Typed cast for callers that know an id's types, e.g. {@code Envs.<float[], Integer>cast(make("CartPole-v1"))}. */
    @SuppressWarnings("unchecked")
    public static <O, A> Env<O, A> cast(Env<?, ?> env) {
        return (Env<O, A>) env;
    }
}
