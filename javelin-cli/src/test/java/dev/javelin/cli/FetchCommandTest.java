package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.cli.CliRun.Result;
import dev.javelin.mujoco.MuJoCo;
import dev.javelin.mujoco.robotics.FetchAssets;
import dev.javelin.rl.memory.Demonstrations;
import dev.javelin.rl.memory.Transitions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fetch tasks through the command line: SAC + HER learns FetchReach-v4; scripted demonstrations. */
class FetchCommandTest {
    @TempDir
    Path dir;

    private static void assumeFetch() {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            Assumptions.assumeTrue(MuJoCo.available() && FetchAssets.unavailableReason().isEmpty(), "MuJoCo or dart-doc missing");
        }
    }

    /**
     * The RL Zoo's HER settings for FetchReach (presets/sac/FetchReach-v4.yaml) with seed 1: within 10k env steps the
     * deterministic policy reaches the goal in at least 95% of evaluation episodes. The test stops at 6k steps, where
     * seed 1 already succeeds in every episode, to stay under a minute on the shared 2-core machine (10k steps take
     * 36-70 s there, depending on its load); docs/fetch.md reports three seeds at 10k.
     */
    @Test
    void sacWithHindsightReplayLearnsFetchReachWithinSixThousandSteps() throws Exception {
        assumeFetch();
        String runs = dir.resolve("runs").toString();
        Result train = run("train", "sac", "FetchReach-v4", "--config", "../presets/sac/FetchReach-v4.yaml", "--seed", "1",
                "--out", runs, "--quiet", "--timesteps", "6000", "--set", "eval_episodes=20",
                "--set", "experiment.experiment_name=reach");
        assertEquals(0, train.code(), train.err());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("runs/reach/summary.json").toFile());
        double success = summary.get("final_eval_success_rate").asDouble();
        assertTrue(success >= 0.95, "FetchReach-v4 success after 6k steps: " + success + "; " + summary);
        // the training curve of the success rate is in metrics.csv (and TensorBoard)
        String header = Files.readAllLines(dir.resolve("runs/reach/metrics.csv")).getFirst();
        assertTrue(header.contains("Episode / Success rate (mean)"), header);
    }

    @Test
    void demosFetchWritesTheScriptedEpisodes() {
        assumeFetch();
        Path out = dir.resolve("pp.safetensors");
        Result r = run("demos", "fetch", "FetchPickAndPlace-v4", "--episodes", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 episodes (150 transitions)"), r.out());
        Transitions t = Demonstrations.read(out);
        assertEquals(150, t.size());
        assertEquals(3 + 3 + 25, t.stateDim(), "achieved_goal | desired_goal | observation");
        assertEquals(4, t.actionDim());
        // the achieved goal of a next state is the object position in its observation (sorted-key layout)
        for (int k = 0; k < 3; k++) {
            assertEquals(t.nextStates()[k], t.nextStates()[6 + 3 + k]);
        }
        Result bad = run("demos", "fetch", "FetchReach-v4", "--episodes", "1");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("expected FetchPickAndPlace or FetchPush"), bad.err());
    }

    /** SAC with HER shared by two collector threads, scripted demonstrations in every batch and the Q-filtered BC loss runs end to end (not a learning test). */
    @Test
    void herWithDemonstrationsAndQFilteredBcRunsOnPickAndPlace() throws Exception {
        assumeFetch();
        Path demos = dir.resolve("demos.safetensors");
        assertEquals(0, run("demos", "fetch", "FetchPickAndPlace-v4", "--episodes", "2", "--out", demos.toString()).code());
        Result train = run("train", "sac", "FetchPickAndPlace-v4", "--out", dir.resolve("runs").toString(), "--quiet",
                "--timesteps", "300", "--set", "net_arch=[16,16]", "--set", "batch_size=32", "--set", "learning_starts=100",
                "--set", "replay_buffer_class=HerReplayBuffer", "--set", "demonstrations=" + demos,
                "--set", "demonstrations_ratio=0.25", "--set", "bc_loss_weight=1.0", "--set", "eval_episodes=2", "--set", "workers=2",
                "--set", "experiment.experiment_name=pp");
        assertEquals(0, train.code(), train.err());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("runs/pp/summary.json").toFile());
        assertTrue(summary.has("final_eval_success_rate"), summary.toString());
    }
}
