package dev.javelin.rl.config;

/**
 * skrl's write/checkpoint interval: a number of timesteps, 0 to disable, or {@code auto}
 * (a fixed fraction of the run's timesteps, resolved once the run length is known).
 */
public record Interval(boolean auto, long steps) {
    public static final Interval AUTO = new Interval(true, 0);

    /** Rejects a negative step count, and a step count on an {@code auto} interval. */
    public Interval {
        if (steps < 0) {
            throw new IllegalArgumentException("interval must be >= 0 timesteps (0 disables) or 'auto', got " + steps);
        }
        if (auto && steps != 0) {
            throw new IllegalArgumentException("an 'auto' interval has no step count, got " + steps);
        }
    }

    /** Every {@code steps} env steps (0: never). */
    public static Interval of(long steps) {
        return new Interval(false, steps);
    }

    /** Parses {@code auto} or a step count. */
    public static Interval parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            return of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number of timesteps or 'auto', got '" + text + "'");
        }
    }

    /** skrl: auto write interval = timesteps / 100, auto checkpoint interval = timesteps / 10. */
    public long resolve(long timesteps, int divisor) {
        return auto ? Math.max(1, timesteps / divisor) : steps;
    }

    @Override
    public String toString() {
        return auto ? "auto" : Long.toString(steps);
    }
}
