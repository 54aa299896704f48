package dev.javelin.cluster;

import dev.javelin.rl.sac.Sac;
import dev.javelin.rl.sac.SacConfig;

/** The inverse of {@link Sac#updatesDue}: how many env steps a number of gradient steps covers. */
final class StepAllowance {
    private StepAllowance() {
    }

    /** The largest t with updatesDue(t) <= updates: steps up to t need no more gradient steps than are done. */
    static long coveredSteps(SacConfig c, long updates) {
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be >= 0, got " + updates);
        }
        // updatesDue(t) = (t / f - ls / f) * g for t > ls, so it stays <= u while t / f <= u / g + ls / f
        long f = c.trainFreq();
        long blocks = updates / c.gradientSteps() + c.learningStarts() / f;
        return Math.max(c.learningStarts(), (blocks + 1) * f - 1);
    }
}
