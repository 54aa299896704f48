package dev.javelin.rl.memory;

import dev.javelin.tensor.Tensor;

/**
 * A batch of transitions (s, a, r, s', done) in flat row-major arrays: {@code states} is
 * {@code [size, stateDim]}, {@code rewards} and {@code dones} are {@code [size]}. {@code done}
 * means terminated: a truncated episode is stored with done 0 so its next state is bootstrapped.
 */
public record Transitions(int size, int stateDim, int actionDim, float[] states, float[] actions, float[] rewards,
                          float[] nextStates, float[] dones) {

    /** Rejects a negative size, empty dimensions and arrays of the wrong length. */
    public Transitions {
        if (size < 0 || stateDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("Transitions: size " + size + ", state dim " + stateDim
                    + ", action dim " + actionDim + "; expected size >= 0 and dims >= 1");
        }
        check("states", states, size * stateDim);
        check("actions", actions, size * actionDim);
        check("rewards", rewards, size);
        check("next_states", nextStates, size * stateDim);
        check("dones", dones, size);
    }

    private static void check(String name, float[] array, int expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException("Transitions: " + name + " has " + array.length + " floats, expected "
                    + expected);
        }
    }

    /** {@code a} followed by {@code b}. */
    public static Transitions concat(Transitions a, Transitions b) {
        if (a.stateDim != b.stateDim || a.actionDim != b.actionDim) {
            throw new IllegalArgumentException("Transitions.concat: dims (" + a.stateDim + ", " + a.actionDim
                    + ") and (" + b.stateDim + ", " + b.actionDim + ") differ");
        }
        return new Transitions(a.size + b.size, a.stateDim, a.actionDim, join(a.states, b.states),
                join(a.actions, b.actions), join(a.rewards, b.rewards), join(a.nextStates, b.nextStates),
                join(a.dones, b.dones));
    }

    private static float[] join(float[] x, float[] y) {
        float[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    /** The states [size, stateDim]. */
    public Tensor statesTensor() {
        return Tensor.of(states, size, stateDim);
    }

    /** The actions [size, actionDim]. */
    public Tensor actionsTensor() {
        return Tensor.of(actions, size, actionDim);
    }

    /** {@code [size, 1]}, the shape of a Q-network's output. */
    public Tensor rewardsTensor() {
        return Tensor.of(rewards, size, 1);
    }

    /** The next states [size, stateDim]. */
    public Tensor nextStatesTensor() {
        return Tensor.of(nextStates, size, stateDim);
    }

    /** {@code [size, 1]}. */
    public Tensor donesTensor() {
        return Tensor.of(dones, size, 1);
    }
}
