package dev.javelin.mujoco.tasks;

import dev.javelin.env.EnvProvider;
import dev.javelin.env.EnvSpec;
import dev.javelin.mujoco.MuJoCo;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Registers Gymnasium 1.3.0's MuJoCo v5 ids with their time limits and reward thresholds (found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/dev.javelin.env.EnvProvider}).
 */
public final class MujocoTasks implements EnvProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls it. */
    public MujocoTasks() {
    }


    @Override
    public String name() {
        return "MuJoCo";
    }

    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("Ant-v5", Ant::new, Ant.OPTIONS, 1000, OptionalDouble.of(6000.0)),
                new EnvSpec("HalfCheetah-v5", HalfCheetah::new, HalfCheetah.OPTIONS, 1000, OptionalDouble.of(4800.0)),
                new EnvSpec("Hopper-v5", Hopper::new, Hopper.OPTIONS, 1000, OptionalDouble.of(3800.0)),
                new EnvSpec("Walker2d-v5", Walker2d::new, PlanarWalker.OPTIONS, 1000, OptionalDouble.empty()),
                new EnvSpec("Humanoid-v5", Humanoid::new, Humanoid.OPTIONS, 1000, OptionalDouble.empty()),
                new EnvSpec("HumanoidStandup-v5", HumanoidStandup::new, HumanoidStandup.OPTIONS, 1000, OptionalDouble.empty()),
                new EnvSpec("Swimmer-v5", Swimmer::new, Swimmer.OPTIONS, 1000, OptionalDouble.of(360.0)),
                new EnvSpec("Reacher-v5", Reacher::new, Reacher.OPTIONS, 50, OptionalDouble.of(-3.75)),
                new EnvSpec("Pusher-v5", Pusher::new, Pusher.OPTIONS, 100, OptionalDouble.of(0.0)),
                new EnvSpec("InvertedPendulum-v5", InvertedPendulum::new, InvertedPendulum.OPTIONS, 1000, OptionalDouble.of(950.0)),
                new EnvSpec("InvertedDoublePendulum-v5", InvertedDoublePendulum::new, InvertedDoublePendulum.OPTIONS, 1000,
                        OptionalDouble.of(9100.0)));
    }

    @Override
    public Optional<String> unavailableReason() {
        Optional<String> missing = MuJoCo.unavailableReason();
        if (missing.isPresent()) {
            return missing;
        }
        MuJoCo mj = MuJoCo.get();
        if (!mj.hasAssets()) {
            try {
                mj.assets();
            } catch (IllegalStateException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }
}
