package dev.javelin.env.motion;

/**
 * An environment that an Adversarial Motion Prior can learn from, with skrl's AMP hooks:
 * every {@code step} info holds {@link #AMP_OBS} (the transition just taken, {@code float[ampObservationSize()]},
 * encoded as the reference motions are), and the env serves reference AMP observations on request.
 */
public interface AmpEnv {
    /** Info key of the agent's AMP observation, as skrl and IsaacGymEnvs name it. */
    String AMP_OBS = "amp_obs";

    /** The length of one AMP observation (the encoded transition in {@code info.get("amp_obs")}). */
    int ampObservationSize();

    /**
     * skrl's {@code collect_reference_motions(num_samples)}: {@code n} AMP observations of the reference motion,
     * row-major {@code [n, ampObservationSize()]}, drawn with the env's reference generator (seeded by {@code reset(seed)}).
     */
    float[] collectReferenceMotions(int n);

    /** skrl's {@code collect_observation()}: the observation the agent acts on next. */
    float[] collectObservation();
}
