package dev.javelin.examples;

import dev.javelin.env.Env;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.wrappers.Wrapper;
import dev.javelin.policy.OnnxPolicy;
import dev.javelin.policy.Policy;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.run.PlainProgress;
import dev.javelin.rl.sac.Sac;
import dev.javelin.rl.sac.SacConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Trains SAC on Pendulum-v1 with a custom reward wrapper that charges for torque, registered under its own id, then
 * exports the policy to ONNX: {@code TrainSacWithRewardWrapper [timesteps] [runs-dir]}.
 */
public final class TrainSacWithRewardWrapper {
    static final String ID = "PendulumGentle-v0";

    private TrainSacWithRewardWrapper() {
    }

    /** reward - cost * |torque|^2: a policy that swings up with less effort. */
    static final class TorqueCost extends Wrapper<float[], float[]> {
        private final double cost;

        TorqueCost(Env<float[], float[]> env, double cost) {
            super(env);
            this.cost = cost;
        }

        @Override
        public Step<float[]> step(float[] action) {
            Step<float[]> s = env.step(action);
            double effort = 0;
            for (float a : action) {
                effort += a * a;
            }
            return s.withReward(s.reward() - cost * effort);
        }
    }

    public static void main(String[] args) throws Exception {
        long timesteps = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        Path runs = Path.of(args.length > 1 ? args[1] : "runs");
        // no time limit of its own: Pendulum-v1 inside already has its 200 steps
        Envs.register(new EnvSpec(ID, options -> new TorqueCost(Envs.cast(Envs.make("Pendulum-v1")), 0.05), Set.of(), 0,
                OptionalDouble.empty()));
        SacConfig config = Configs.override(Configs.defaults(SacConfig.class), List.of("timesteps=" + timesteps,
                "learning_starts=" + Math.min(1000, timesteps / 4), "net_arch=[64, 64]", "eval_episodes=5",
                "experiment.directory=" + runs, "experiment.experiment_name=pendulum-gentle"));
        Training.Outcome outcome = Training.run(new Sac(), ID, config, 1, Optional.empty(),
                total -> new PlainProgress(total, System.out, Duration.ofSeconds(5)));
        System.out.printf("final eval %.1f +- %.1f over %d episodes%n", outcome.summary().finalEvalReturnMean(),
                outcome.summary().finalEvalReturnStd(), outcome.summary().evalEpisodes());
        Path onnx = outcome.run().path().resolve("policy.onnx");
        OnnxPolicy.write(Policy.load(outcome.run().path()).spec(), onnx);
        System.out.println("run: " + outcome.run().path());
        System.out.println("onnx: " + onnx);
    }
}
