package dev.javelin.mujoco.amp;

import dev.javelin.env.EnvProvider;
import dev.javelin.env.EnvSpec;
import dev.javelin.mujoco.tasks.MujocoTasks;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Registers the AMP characters ({@link MotionImitation}), found by {@link java.util.ServiceLoader}:
 * <ul>
 *   <li>{@code WalkerAmp-v0}: Walker2d imitating CMU clip 01_01 (its sagittal hip, knee and ankle angles),
 *       reference state initialization, termination height 0.5 m, forward reward weight 1 (the task reward the
 *       preset weighs), 1000 steps of 0.008 s as Walker2d-v5;</li>
 *   <li>{@code HumanoidAmp-v0}: Gymnasium's Humanoid imitating 01_01, reference state initialization, termination
 *       height 0.5 m (IsaacGymEnvs' HumanoidAMP), forward reward weight 0 (skrl's example trains on the style reward
 *       alone), 300 steps of 0.015 s as IsaacGymEnvs' {@code episodeLength: 300}.</li>
 * </ul>
 * Options ({@code env_kwargs}): {@value #OPTION_LIST}.
 */
public final class AmpTasks implements EnvProvider {
    static final String OPTION_LIST = "clip, character, state_init, hybrid_init_prob, termination_height, "
            + "enable_early_termination, forward_reward_weight, target_speed, reset_noise_scale";
    static final MotionImitation.Defaults WALKER = new MotionImitation.Defaults("WalkerAmp-v0", "01_01", "walker2d",
            MotionImitation.StateInit.RANDOM, 0.5, 1.0, 5e-3);
    static final MotionImitation.Defaults HUMANOID = new MotionImitation.Defaults("HumanoidAmp-v0", "01_01",
            "humanoid", MotionImitation.StateInit.RANDOM, 0.5, 0.0, 1e-2);

    /** Creates the provider; {@link java.util.ServiceLoader} calls it. */
    public AmpTasks() {
    }

    @Override
    public String name() {
        return "MuJoCo AMP";
    }

    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec(WALKER.id(), o -> new MotionImitation(o, WALKER), MotionImitation.OPTIONS, 1000,
                        OptionalDouble.empty()),
                new EnvSpec(HUMANOID.id(), o -> new MotionImitation(o, HUMANOID), MotionImitation.OPTIONS, 300,
                        OptionalDouble.empty()));
    }

    @Override
    public Optional<String> unavailableReason() {
        return new MujocoTasks().unavailableReason();
    }
}
