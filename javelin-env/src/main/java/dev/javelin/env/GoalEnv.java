package dev.javelin.env;

/**
 * A goal-conditioned env, as Gymnasium-Robotics' {@code GoalEnv}: its observations are a {@link Dict} of
 * {@link #OBSERVATION}, {@link #ACHIEVED_GOAL} and {@link #DESIRED_GOAL}, and its reward depends on the two goals
 * only, so hindsight experience replay can recompute it for a substituted goal.
 */
public interface GoalEnv {
    String OBSERVATION = "observation";
    String ACHIEVED_GOAL = "achieved_goal";
    String DESIRED_GOAL = "desired_goal";

    /** Length of a goal vector. */
    int goalDim();

    /**
     * {@code compute_reward(achieved_goal, desired_goal, info)}, vectorized over {@code count} rows of
     * {@link #goalDim()} values each (row-major); the reward {@code step} would return for each pair.
     */
    double[] computeReward(float[] achievedGoals, float[] desiredGoals, int count);
}
