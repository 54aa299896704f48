package dev.javelin.cluster;

/**
 * On-policy experience from one worker: {@code rollouts} steps of its {@code envs} envs, all acted by policy
 * {@code version}, laid out as PPO's rollout memory ({@code [rollouts, envs, size]} row-major), with the values
 * of the observations after the last step (for GAE) and the episodes that ended meanwhile.
 */
public record RolloutFragment(String worker, long incarnation, long sequence, long version, int rollouts, int envs,
                              int stateSize, int actionSize, float[] states, float[] actions, float[] rewards,
                              float[] terminated, float[] truncated, float[] logProb, float[] values,
                              float[] lastValues, float[] episodeReturns, int[] episodeLengths)
        implements FloatsMessage, Experience {
    public RolloutFragment {
        if (rollouts < 1 || envs < 1 || stateSize < 1 || actionSize < 1) {
            throw new IllegalArgumentException("RolloutFragment: rollouts " + rollouts + ", envs " + envs + ", state size "
                    + stateSize + ", action size " + actionSize + "; expected all >= 1");
        }
        int rows = rollouts * envs;
        check("states", states, rows * stateSize);
        check("actions", actions, rows * actionSize);
        for (float[] a : new float[][] {rewards, terminated, truncated, logProb, values}) {
            check("per-step column", a, rows);
        }
        check("last_values", lastValues, envs);
        if (episodeReturns.length != episodeLengths.length) {
            throw new IllegalArgumentException("RolloutFragment: " + episodeReturns.length + " episode returns but "
                    + episodeLengths.length + " lengths");
        }
    }

    private static void check(String name, float[] a, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException("RolloutFragment: " + name + " has " + a.length + " floats, expected " + expected);
        }
    }

    @Override
    public int steps() {
        return rollouts * envs;
    }
}
