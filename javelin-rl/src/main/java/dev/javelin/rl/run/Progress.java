package dev.javelin.rl.run;

/**
 * Training progress for a person watching: a bar on a terminal, periodic lines otherwise.
 * Trainers call {@link #update} often (every vector step is fine); implementations throttle.
 */
public interface Progress extends AutoCloseable {
    /**
     * Reports progress after a step.
     *
     * @param step         environment steps done so far (over all copies)
     * @param recentReturn mean return of recent episodes, NaN until an episode has finished
     */
    void update(long step, double recentReturn);

    @Override
    void close();
}
