package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.cli.CliRun.Result;
import dev.javelin.rl.config.Presets;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.Segment;
import dev.javelin.rl.run.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearHome() {
        System.clearProperty(Presets.HOME_PROPERTY);
    }

    private List<Path> runs() throws Exception {
        if (!Files.isDirectory(dir.resolve("runs"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            return s.toList();
        }
    }

    @Test
    void trainWritesARunThatEvalReads() throws Exception {
        Result train = run("train", "tally", "CartPole-v1", "--out", dir.resolve("runs").toString(),
                "--timesteps", "400", "--seed", "3", "--set", "reward_per_step=0.25", "--quiet",
                "--set", "experiment.experiment_name=first", "--threads", "1");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("tally on CartPole-v1: final eval 100.00 ± 0.00 over 1 episodes"), train.out());
        RunDirectory runDir = RunDirectory.open(dir.resolve("runs/first"));
        Summary s = runDir.readSummary();
        assertEquals(new Summary("tally", "CartPole-v1", 3, 400, 2, 1, 0.5, 800.0, 100.0, 0.0, 1,
                List.of(new Segment(0, 400, 0.5))), s);
        String yaml = Files.readString(runDir.configFile());
        assertTrue(yaml.startsWith("algo: tally\nenv: CartPole-v1\nseed: 3\ntimesteps: 400\n"), yaml);
        assertTrue(Files.size(runDir.rewardPlot()) > 0);

        Result eval = run("eval", runDir.path().toString(), "--episodes", "4", "--video", dir.resolve("ep.gif").toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(": 100.00 ± 1.00 over 4 episodes"), eval.out());
        assertTrue(Files.exists(dir.resolve("ep.gif")));

        Result resumed = run("train", "tally", "CartPole-v1", "--resume", runDir.path().toString(),
                "--timesteps", "600", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(600, runDir.readSummary().timesteps());
        // the whole run: 400 steps in 0.5 s, then 200 more in 0.5 s from the 400-step checkpoint
        assertEquals(List.of(new Segment(0, 400, 0.5), new Segment(400, 600, 0.5)), runDir.readSummary().segments());
        assertEquals(600.0, runDir.readSummary().envStepsPerSecond());
        assertEquals(0.25, Double.parseDouble(Files.readString(runDir.configFile())
                .lines().filter(l -> l.startsWith("reward_per_step:")).findFirst().orElseThrow().split(":")[1].strip()));

        Result checkpointEval = run("eval", runDir.checkpoints().resolve("agent_600.safetensors").toString());
        assertTrue(checkpointEval.out().contains(": 150.00 ± 1.00 over 10 episodes"), checkpointEval.out());
    }

    @Test
    void badConfigFailsBeforeAnyRunDirectoryExists() throws Exception {
        Result unknown = run("train", "tally", "CartPole-v1", "--out", dir.resolve("runs").toString(),
                "--set", "reward_per_stp=1");
        assertEquals(Main.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("unknown config key 'reward_per_stp' (did you mean 'reward_per_step'?)"),
                unknown.err());
        assertTrue(unknown.err().contains("allowed keys: seed, timesteps, num_envs, reward_per_step, experiment"),
                unknown.err());

        Result range = run("train", "tally", "CartPole-v1", "--out", dir.resolve("runs").toString(), "--timesteps", "0");
        assertEquals(Main.BAD_INPUT, range.code());
        assertTrue(range.err().contains("invalid config: timesteps must be >= 1, got 0"), range.err());

        Result type = run("train", "tally", "CartPole-v1", "--out", dir.resolve("runs").toString(),
                "--set", "experiment.write_interval=sometimes");
        assertTrue(type.err().contains("'experiment.write_interval'") && type.err().contains("'sometimes'"), type.err());
        assertEquals(List.of(), runs());
    }

    @Test
    void unknownAlgorithmListsTheKnownOnes() {
        Result r = run("train", "nope", "CartPole-v1");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown algorithm 'nope'; known: ") && r.err().contains("tally"), r.err());
        Result algos = run("algos");
        assertTrue(algos.out().contains("tally      counts steps (test double)"), algos.out());
        assertTrue(algos.out().contains("keys: seed, timesteps, num_envs, reward_per_step, experiment"), algos.out());
    }

    @Test
    void presetsApplyUnlessAConfigFileIsGiven() throws Exception {
        Path preset = Presets.path(dir, "tally", "CartPole-v1");
        Files.createDirectories(preset.getParent());
        Files.writeString(preset, "timesteps: 20\nreward_per_step: 2\n");
        System.setProperty(Presets.HOME_PROPERTY, dir.toString());
        Result r = run("train", "tally", "CartPole-v1", "--out", dir.resolve("runs").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("config: " + preset), r.out());
        assertTrue(r.out().contains("final eval 40.00"), r.out());

        Path own = Files.writeString(dir.resolve("own.yaml"), "timesteps: 10\n");
        Result withConfig = run("train", "tally", "CartPole-v1", "--out", dir.resolve("runs").toString(),
                "--config", own.toString(), "--quiet");
        assertTrue(withConfig.out().contains("final eval 5.00"), withConfig.out());

        Path other = Files.writeString(dir.resolve("other.yaml"), "algo: sac\ntimesteps: 10\n");
        Result wrongAlgo = run("train", "tally", "CartPole-v1", "--config", other.toString());
        assertEquals(Main.BAD_INPUT, wrongAlgo.code());
        assertTrue(wrongAlgo.err().contains(other + " is a config for 'sac', not 'tally'"), wrongAlgo.err());
    }

    @Test
    void envsListsTheRegistryAndTrainChecksTheIdFirst() throws Exception {
        Result envs = run("envs");
        assertEquals(0, envs.code(), envs.err());
        assertTrue(envs.out().lines().anyMatch(l -> l.startsWith("CartPole-v1  obs Box(") && l.contains("solved at 475.0")),
                envs.out());
        assertTrue(envs.out().contains("Pendulum-v1"), envs.out());
        Result unknown = run("train", "tally", "CartPole-v0", "--out", dir.resolve("runs").toString());
        assertEquals(Main.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("no env with id 'CartPole-v0'; registered: ["), unknown.err());
        assertEquals(List.of(), runs());
    }

    @Test
    void evalOfSomethingThatIsNotARunNamesIt() {
        Result r = run("eval", dir.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains(dir + " is not a run directory: it has no config.yaml"), r.err());
    }

    @Test
    void benchmarksAreFoundByServiceLoader() {
        assertTrue(run("bench").out().contains("echo"));
        assertEquals("{\"format\": \"json\"}\n", run("bench", "echo", "--json").out());
        assertEquals("format: text\n", run("bench", "echo").out());
        Result unknown = run("bench", "nope");
        assertTrue(unknown.err().contains("unknown benchmark 'nope'; known: echo"), unknown.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing command"), r.err());
    }

    @Test
    void ppoTrainsFromItsPresetAndEvalWritesAGif() throws Exception {
        System.setProperty(Presets.HOME_PROPERTY, Path.of(System.getProperty("user.dir")).getParent().toString());
        Result train = run("train", "ppo", "CartPole-v1", "--out", dir.resolve("runs").toString(), "--timesteps", "2048",
                "--quiet", "--set", "experiment.experiment_name=ppo", "--set", "eval_episodes=2");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("config: ") && train.out().contains("CartPole-v1.yaml"), "preset used: " + train.out());
        assertTrue(train.out().contains("ppo on CartPole-v1: final eval"), train.out());
        RunDirectory runDir = RunDirectory.open(dir.resolve("runs/ppo"));
        assertEquals(8, runDir.readSummary().numEnvs(), "the preset's n_envs");
        Path gif = dir.resolve("ppo.gif");
        Result eval = run("eval", runDir.path().toString(), "--episodes", "3", "--video", gif.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("over 3 episodes"), eval.out());
        assertEquals("GIF89a", new String(Files.readAllBytes(gif), 0, 6));

        Result bad = run("train", "ppo", "CartPole-v1", "--out", dir.resolve("runs").toString(), "--set", "lambda=2");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("lambda must be in [0, 1], got 2.0"), bad.err());
    }
}
