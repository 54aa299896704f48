package dev.javelin.mujoco.robotics;

import dev.javelin.env.EnvProvider;
import dev.javelin.env.EnvSpec;
import dev.javelin.mujoco.MuJoCo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Registers Gymnasium-Robotics' Fetch v4 ids (sparse and Dense), each with its 50-step time limit, on the models
 * of Debian's {@code dart-doc} ({@link FetchAssets}).
 */
public final class FetchTasks implements EnvProvider {
    static final int MAX_EPISODE_STEPS = 50;

    @Override
    public String name() {
        return "MuJoCo Fetch robotics";
    }

    @Override
    public List<EnvSpec> specs() {
        List<EnvSpec> specs = new ArrayList<>();
        for (FetchTask task : List.of(FetchTask.REACH, FetchTask.PUSH, FetchTask.SLIDE, FetchTask.PICK_AND_PLACE)) {
            for (boolean dense : new boolean[] {false, true}) {
                specs.add(new EnvSpec(task.name() + (dense ? "Dense" : "") + "-v4",
                        options -> new FetchEnv(task, dense, FetchAssets.model(task.modelFile())),
                        Set.of(), MAX_EPISODE_STEPS, OptionalDouble.empty()));
            }
        }
        return specs;
    }

    @Override
    public Optional<String> unavailableReason() {
        Optional<String> missing = MuJoCo.unavailableReason();
        return missing.isPresent() ? missing : FetchAssets.unavailableReason();
    }
}
