package dev.javelin.examples;

import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.ppo.Ppo;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.run.PlainProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Trains PPO on a user-written env in this process and saves the run (config.yaml, checkpoints/, metrics):
 * {@code TrainPpoOnCustomEnv [timesteps] [runs-dir]}. Prints the run directory, which {@link ActWithPolicy} loads.
 */
public final class TrainPpoOnCustomEnv {
    private TrainPpoOnCustomEnv() {
    }

    public static void main(String[] args) throws Exception {
        long timesteps = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        Path runs = Path.of(args.length > 1 ? args[1] : "runs");
        Thermostat.register();
        // the config record's defaults are skrl's; override keys as a YAML file or --set would
        PpoConfig config = Configs.override(Configs.defaults(PpoConfig.class), List.of(
                "timesteps=" + timesteps, "num_envs=4", "rollouts=128", "mini_batches=4", "learning_epochs=4",
                "normalize=true", "eval_episodes=5", "experiment.directory=" + runs,
                "experiment.experiment_name=thermostat"));
        Training.Outcome outcome = Training.run(new Ppo(), Thermostat.ID, config, 1, Optional.empty(),
                total -> new PlainProgress(total, System.out, Duration.ofSeconds(5)));
        System.out.printf("final eval %.1f +- %.1f over %d episodes%n", outcome.summary().finalEvalReturnMean(),
                outcome.summary().finalEvalReturnStd(), outcome.summary().evalEpisodes());
        System.out.println("run: " + outcome.run().path());
    }
}
