package dev.javelin.cluster;

import dev.javelin.env.Env;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.classic.Pendulum;
import dev.javelin.env.wrappers.Wrapper;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Pendulum-v1 whose step also waits {@code sleep_ms} milliseconds (5 by default): an env as slow as a real
 * simulator or robot, so that scaling over workers is measured on env time, not on the learner.
 * Registered as {@value #ID} by every cluster node.
 */
public final class SleepyEnv extends Wrapper<float[], float[]> {
    public static final String ID = "SleepyPendulum-v1";
    private final long sleepNanos;

    SleepyEnv(Env<float[], float[]> env, double sleepMillis) {
        super(env);
        if (!(sleepMillis >= 0)) {
            throw new IllegalArgumentException(ID + ": sleep_ms must be >= 0, got " + sleepMillis);
        }
        this.sleepNanos = (long) (sleepMillis * 1e6);
    }

    @Override
    public Step<float[]> step(float[] action) {
        long until = System.nanoTime() + sleepNanos;
        for (long left = sleepNanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return super.step(action);
    }

    /** Adds {@value #ID} to the env registry (idempotent). */
    public static void register() {
        Envs.register(new EnvSpec(ID, o -> new SleepyEnv(new Pendulum(10.0), o.getDouble("sleep_ms", 5)),
                Set.of("sleep_ms"), 200, OptionalDouble.empty()));
    }
}
