package dev.javelin.rl.run;

/**
 * Training progress for a person watching: a bar on a terminal, periodic lines otherwise.
 * Trainers call {@link #update} often (every vector step is fine); implementations throttle.
 */
public interface Progress extends AutoCloseable {
    /** Reports nothing: for runs nobody watches (tests, benchmarks). */
    Progress NONE = new Progress() {
        @Override
        public void update(long step, double recentReturn) {
        }

        @Override
        public void close() {
        }
    };

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
