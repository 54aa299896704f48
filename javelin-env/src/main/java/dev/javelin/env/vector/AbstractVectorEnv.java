package dev.javelin.env.vector;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.MultiDiscrete;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/** Sub-env bookkeeping shared by the sequential and threaded vector envs: action decoding, auto-reset, buffers. */
abstract sealed class AbstractVectorEnv implements VectorEnv permits SyncVectorEnv, ThreadedVectorEnv {
    private enum ActionKind { DISCRETE, MULTI_DISCRETE, BOX }

    private final Env<float[], Object>[] envs;
    private final Box observationSpace;
    private final Space<?> actionSpace;
    private final ActionKind actionKind;
    private final int observationSize;
    private final int actionSize;
    private final VectorStep result;
    private final int[][] intActions;
    private final float[][] floatActions;
    private int[] pendingInts;
    private float[] pendingFloats;
    private long pendingSeed;
    private boolean seeded;
    private boolean started;

    // Created once: handing the same task objects to the workers keeps steps allocation-free.
    private final IntConsumer stepTask = this::stepOne;
    private final IntConsumer resetTask = this::resetOne;

    @SuppressWarnings("unchecked")
    AbstractVectorEnv(int numEnvs, IntFunction<? extends Env<float[], ?>> factory) {
        if (numEnvs <= 0) {
            throw new IllegalArgumentException("VectorEnv: num_envs = " + numEnvs + ", expected > 0");
        }
        envs = new Env[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            envs[i] = (Env<float[], Object>) factory.apply(i);
        }
        if (!(envs[0].observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("VectorEnv: observation space " + envs[0].observationSpace()
                    + " is not a Box; vector envs batch float observations only");
        }
        observationSpace = box;
        actionSpace = envs[0].actionSpace();
        for (int i = 1; i < numEnvs; i++) {
            if (!envs[i].observationSpace().equals(observationSpace) || !envs[i].actionSpace().equals(actionSpace)) {
                throw new IllegalArgumentException("VectorEnv: env " + i + " has spaces " + envs[i].observationSpace()
                        + " / " + envs[i].actionSpace() + ", env 0 has " + observationSpace + " / " + actionSpace);
            }
        }
        observationSize = box.size();
        switch (actionSpace) {
            case Discrete d -> { actionKind = ActionKind.DISCRETE; actionSize = 1; }
            case MultiDiscrete m -> { actionKind = ActionKind.MULTI_DISCRETE; actionSize = m.size(); }
            case Box b -> { actionKind = ActionKind.BOX; actionSize = b.size(); }
            default -> throw new IllegalArgumentException("VectorEnv: action space " + actionSpace
                    + " is not Discrete, MultiDiscrete or Box");
        }
        intActions = actionKind == ActionKind.MULTI_DISCRETE ? new int[numEnvs][actionSize] : null;
        floatActions = actionKind == ActionKind.BOX ? new float[numEnvs][actionSize] : null;
        result = new VectorStep(numEnvs, observationSize);
    }

    /** Runs {@code task} once for every env index, returning when all are done. */
    abstract void forEachEnv(IntConsumer task);

    @Override
    public int numEnvs() { return envs.length; }

    @Override
    public Box singleObservationSpace() { return observationSpace; }

    @Override
    public Space<?> singleActionSpace() { return actionSpace; }

    @Override
    public int observationSize() { return observationSize; }

    @Override
    public int actionSize() { return actionSize; }

    @Override
    public Env<float[], ?> env(int i) { return envs[i]; }

    @Override
    public VectorStep reset(long seed) {
        pendingSeed = seed;
        seeded = true;
        return resetAll();
    }

    @Override
    public VectorStep reset() {
        seeded = false;
        return resetAll();
    }

    private VectorStep resetAll() {
        forEachEnv(resetTask);
        started = true;
        return result;
    }

    @Override
    public VectorStep step(int[] actions) {
        if (actionKind == ActionKind.BOX) {
            throw new IllegalArgumentException("VectorEnv: step(int[]) on action space " + actionSpace
                    + "; continuous actions go through step(float[])");
        }
        checkLength(actions.length);
        pendingInts = actions;
        forEachEnv(stepTask);
        pendingInts = null;
        return result;
    }

    @Override
    public VectorStep step(float[] actions) {
        if (actionKind != ActionKind.BOX) {
            throw new IllegalArgumentException("VectorEnv: step(float[]) on action space " + actionSpace
                    + "; discrete actions go through step(int[])");
        }
        checkLength(actions.length);
        pendingFloats = actions;
        forEachEnv(stepTask);
        pendingFloats = null;
        return result;
    }

    private void checkLength(int length) {
        if (!started) {
            throw new IllegalStateException("VectorEnv: step before reset; call reset(seed) first");
        }
        if (length != envs.length * actionSize) {
            throw new IllegalArgumentException("VectorEnv: " + length + " action values, expected num_envs * action_size = "
                    + envs.length + " * " + actionSize + " = " + envs.length * actionSize);
        }
    }

    private Object action(int i) {
        return switch (actionKind) {
            case DISCRETE -> pendingInts[i];
            case MULTI_DISCRETE -> {
                System.arraycopy(pendingInts, i * actionSize, intActions[i], 0, actionSize);
                yield intActions[i];
            }
            case BOX -> {
                System.arraycopy(pendingFloats, i * actionSize, floatActions[i], 0, actionSize);
                yield floatActions[i];
            }
        };
    }

    private void resetOne(int i) {
        Reset<float[]> r = seeded ? envs[i].reset(pendingSeed + i) : envs[i].reset();
        copyRow(i, r.observation(), result.observations);
        result.infos[i] = r.info();
        result.finalInfos[i] = java.util.Map.of();
        result.rewards[i] = 0;
        result.terminated[i] = false;
        result.truncated[i] = false;
    }

    private void stepOne(int i) {
        Step<float[]> s = envs[i].step(action(i));
        result.rewards[i] = (float) s.reward();
        result.terminated[i] = s.terminated();
        result.truncated[i] = s.truncated();
        if (s.done()) {
            copyRow(i, s.observation(), result.finalObservations);
            result.finalInfos[i] = s.info();
            Reset<float[]> r = envs[i].reset();
            copyRow(i, r.observation(), result.observations);
            result.infos[i] = r.info();
        } else {
            copyRow(i, s.observation(), result.observations);
            result.infos[i] = s.info();
            result.finalInfos[i] = java.util.Map.of();
        }
    }

    private void copyRow(int i, float[] observation, float[] buffer) {
        if (observation.length != observationSize) {
            throw new IllegalStateException("VectorEnv: env " + i + " returned an observation of length "
                    + observation.length + ", expected " + observationSize + " (" + observationSpace + ")");
        }
        System.arraycopy(observation, 0, buffer, i * observationSize, observationSize);
    }

    void closeEnvs() {
        for (Env<float[], Object> e : envs) {
            e.close();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + envs[0] + ", num_envs=" + envs.length + ")";
    }
}
