package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.cli.CliRun.Result;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.policy.Policy;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code javelin export}, and Policy.load of a CartPole run scoring what {@code javelin eval} scores. */
class ExportCommandTest {
    // one training run for all the tests: the export and eval commands only read it
    @TempDir
    static Path dir;
    static RunDirectory run;

    @BeforeAll
    static void train() {
        Result train = run("train", "ppo", "CartPole-v1", "--config", Path.of("..", "presets", "ppo", "CartPole-v1.yaml")
                .toString(), "--timesteps", "20000", "--seed", "4", "--threads", "1", "--quiet", "--out",
                dir.resolve("runs").toString(), "--set", "normalize=true", "--set", "experiment.experiment_name=cartpole");
        assertEquals(0, train.code(), train.err());
        run = RunDirectory.open(dir.resolve("runs/cartpole"));
    }

    /** Evaluation's protocol: the env seeded once with {@code seed}, then continuing its generator. */
    private static EvalResult evaluate(Policy policy, String envId, long seed, int episodes) {
        double[] returns = new double[episodes];
        try (Env<float[], Object> env = Envs.cast(Envs.make(envId))) {
            boolean discrete = (Object) env.actionSpace() instanceof Discrete;
            for (int e = 0; e < episodes; e++) {
                Reset<float[]> r = e == 0 ? env.reset(seed) : env.reset();
                float[] obs = r.observation();
                while (true) {
                    float[] a = policy.act(obs);
                    Step<float[]> s = env.step(discrete ? (Object) (int) a[0] : a);
                    returns[e] += s.reward();
                    if (s.done()) {
                        break;
                    }
                    obs = s.observation();
                }
            }
        }
        return new EvalResult(returns);
    }

    @Test
    void policyLoadOfTheCheckpointScoresWhatJavelinEvalScores() {
        Path checkpoint = run.latestCheckpoint().orElseThrow();
        Result eval = run("eval", checkpoint.toString(), "--episodes", "10");
        assertEquals(0, eval.code(), eval.err());
        // javelin eval seeds as the run's final evaluation does: the run's seed (4) through Evaluation.seedFor
        EvalResult mine = evaluate(Policy.load(checkpoint), "CartPole-v1", dev.javelin.rl.Evaluation.seedFor(4), 10);
        String expected = String.format(Locale.ROOT, ": %.2f ± %.2f over 10 episodes", mine.mean(), mine.std());
        assertTrue(eval.out().contains(expected), eval.out() + " vs " + expected);
        // a policy that learned something, so equal returns are not two failures agreeing
        assertTrue(mine.mean() > 100, eval.out());
    }

    @Test
    void exportsOnnxAndSafetensorsThatLoadAsTheSamePolicy() {
        Path onnx = dir.resolve("out/policy.onnx");
        Result r = run("export", run.path().toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ppo policy for CartPole-v1 -> " + onnx + " (onnx, opset 17)"), r.out());
        assertTrue(r.out().contains("input 'observation' float32 [batch, 4], output 'action' int64 [batch, 1]"), r.out());
        Path safetensors = dir.resolve("policy.safetensors");
        r = run("export", run.latestCheckpoint().orElseThrow().toString(), "--format", "safetensors", "--out",
                safetensors.toString());
        assertEquals(0, r.code(), r.err());
        float[] x = {0.01f, 0.5f, -0.03f, -0.7f, 2f, -1f, 0.2f, 1.5f, 1e4f, -1e4f, 1e4f, -1e4f};
        float[] expected = Policy.load(run.path()).act(x, 3);
        assertArrayEquals(expected, Policy.load(onnx).act(x, 3));
        assertArrayEquals(expected, Policy.load(safetensors).act(x, 3));
    }

    @Test
    void badFormatsAndNamesAreRejected() {
        Result r = run("export", run.path().toString(), "--format", "tflite", "--out", dir.resolve("p.tflite").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--format must be onnx or safetensors, got 'tflite'"), r.err());
        r = run("export", run.path().toString(), "--format", "onnx", "--out", dir.resolve("p.safetensors").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--out for --format onnx must end in .onnx, got"), r.err());
        r = run("export", dir.resolve("nowhere").toString(), "--format", "onnx", "--out", dir.resolve("p.onnx").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("nowhere does not exist"), r.err());
        assertTrue(Files.notExists(dir.resolve("p.onnx")));
    }
}
