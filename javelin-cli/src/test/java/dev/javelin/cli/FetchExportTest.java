package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.javelin.cli.CliRun.Result;
import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.wrappers.RescaleAction;
import dev.javelin.mujoco.MuJoCo;
import dev.javelin.mujoco.robotics.FetchAssets;
import dev.javelin.policy.OnnxPolicy;
import dev.javelin.policy.Policy;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Evaluation;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.sac.SacAgent;
import dev.javelin.rl.sac.SacConfig;
import dev.javelin.rl.sac.SacEnv;
import dev.javelin.tensor.Rng;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exporting a goal-conditioned SAC run on FetchReach-v4, whose observations are a Dict: the ONNX model takes the
 * env's dict as it is (one input per key) and ONNX Runtime acts as {@code javelin eval}'s deterministic policy; the
 * safetensors policy does the same through {@link Policy#act(Map)}.
 */
class FetchExportTest {
    static final String ENV = "FetchReach-v4";
    /** FlattenDictObservation's layout, written out here: sorted keys, as SB3's MultiInputPolicy concatenates them. */
    static final List<String> KEYS = List.of("achieved_goal", "desired_goal", "observation");
    static final int[] SIZES = {3, 3, 10};
    static final int N = 1000;

    @TempDir
    static Path dir;
    static RunDirectory run;

    /** A short HER run with the preset's scaler: the parity needs trained tensors, not a good policy. */
    @BeforeAll
    static void train() {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            Assumptions.assumeTrue(MuJoCo.available() && FetchAssets.unavailableReason().isEmpty(), "MuJoCo or dart-doc missing");
        }
        Result train = run("train", "sac", ENV, "--config", "../presets/sac/FetchReach-v4.yaml", "--seed", "2",
                "--timesteps", "300", "--quiet", "--out", dir.resolve("runs").toString(), "--set", "learning_starts=150",
                "--set", "random_timesteps=150", "--set", "batch_size=64", "--set", "eval_episodes=1",
                "--set", "experiment.experiment_name=reach");
        assertEquals(0, train.code(), train.err());
        run = RunDirectory.open(dir.resolve("runs/reach"));
    }

    /** N dict observations of a random-action run; of every three rows the second is 100x, the third at +-1e4. */
    @SuppressWarnings("unchecked")
    static List<Map<String, float[]>> observations() {
        List<Map<String, float[]>> rows = new ArrayList<>();
        Rng rng = new Rng(9);
        try (Env<Map<String, Object>, float[]> env = Envs.cast(Envs.make(ENV))) {
            Map<String, Object> obs = env.reset(9).observation();
            for (int r = 0; r < N; r++) {
                Map<String, float[]> row = new LinkedHashMap<>();
                for (String k : KEYS) {
                    float[] v = ((float[]) obs.get(k)).clone();
                    for (int j = 0; j < v.length; j++) {
                        v[j] = r % 3 == 0 ? v[j] : r % 3 == 1 ? 100 * v[j] : (v[j] < 0 ? -1e4f : 1e4f);
                    }
                    row.put(k, v);
                }
                rows.add(row);
                Step<Map<String, Object>> s = env.step(((Box) env.actionSpace()).sample(rng));
                obs = s.done() ? env.reset().observation() : s.observation();
            }
        }
        return rows;
    }

    static float[] flat(Map<String, float[]> row) {
        float[] out = new float[16];
        int offset = 0;
        for (int k = 0; k < KEYS.size(); k++) {
            System.arraycopy(row.get(KEYS.get(k)), 0, out, offset, SIZES[k]);
            offset += SIZES[k];
        }
        return out;
    }

    /** What {@code javelin eval} acts with: SAC's deterministic action on the flattened state, rescaled and clipped. */
    static float[][] javelinActions(List<Map<String, float[]>> rows) {
        SacConfig c = Configs.merge(Configs.defaults(SacConfig.class), run.readConfig().settings(), "config.yaml");
        SacAgent agent = new SacAgent(c, 16, 4, 1, new Rng(c.seed()));
        agent.load(Checkpoint.read(run.latestCheckpoint().orElseThrow()), true);
        float[][] out = new float[rows.size()][];
        try (RescaleAction<float[]> bounds = SacEnv.make(ENV, c.envKwargs())) {
            Box box = (Box) bounds.inner().actionSpace();
            for (int r = 0; r < rows.size(); r++) {
                float[] a = bounds.rescale(agent.policy().deterministic(flat(rows.get(r))));
                for (int i = 0; i < a.length; i++) {
                    a[i] = Math.min(Math.max(a[i], box.low(i)), box.high(i));
                }
                out[r] = a;
            }
        }
        return out;
    }

    @Test
    void onnxRuntimeOnTheEnvsDictActsAsJavelinEval() throws Exception {
        Path onnx = dir.resolve("reach.onnx");
        Result r = run("export", run.path().toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inputs 'achieved_goal' float32 [batch, 3], 'desired_goal' float32 [batch, 3], "
                + "'observation' float32 [batch, 10], output 'action' float32 [batch, 4]"), r.out());
        List<Map<String, float[]>> rows = observations();
        float[][] expected = javelinActions(rows);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            assertEquals(KEYS, new ArrayList<>(session.getInputNames()));
            Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            try {
                for (int k = 0; k < KEYS.size(); k++) {
                    float[] column = new float[N * SIZES[k]];
                    for (int i = 0; i < N; i++) {
                        System.arraycopy(rows.get(i).get(KEYS.get(k)), 0, column, i * SIZES[k], SIZES[k]);
                    }
                    inputs.put(KEYS.get(k), OnnxTensor.createTensor(env, FloatBuffer.wrap(column), new long[] {N, SIZES[k]}));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    FloatBuffer b = ((OnnxTensor) result.get(OnnxPolicy.OUTPUT).orElseThrow()).getFloatBuffer();
                    double max = 0;
                    for (int i = 0; i < N; i++) {
                        for (int j = 0; j < 4; j++) {
                            max = Math.max(max, Math.abs((double) b.get(i * 4 + j) - expected[i][j]));
                        }
                    }
                    assertTrue(max <= 1e-5, "ONNX Runtime differs from javelin eval's policy by " + max);
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
        // Policy.load of the ONNX file reads its tensors and keys back and acts on the dict bit for bit
        Policy loaded = Policy.load(onnx);
        for (int i = 0; i < N; i++) {
            assertArrayEquals(expected[i], loaded.act(rows.get(i)), "row " + i);
        }
    }

    @Test
    void theSafetensorsPolicyActsOnTheDictAsJavelinEval() {
        Path file = dir.resolve("reach-policy.safetensors");
        Result r = run("export", run.path().toString(), "--format", "safetensors", "--out", file.toString());
        assertEquals(0, r.code(), r.err());
        Policy policy = Policy.load(file);
        assertEquals("achieved_goal:3,desired_goal:3,observation:10", policy.spec().info().get("observation_keys"));
        List<Map<String, float[]>> rows = observations();
        float[][] expected = javelinActions(rows);
        for (int i = 0; i < N; i++) {
            assertArrayEquals(expected[i], policy.act(rows.get(i)), "row " + i);
        }
    }

    /** Acting on the env's own Map<String, Object> in eval's protocol scores what {@code javelin eval} prints. */
    @Test
    void policyLoadOfTheRunScoresWhatJavelinEvalScores() {
        Result eval = run("eval", run.path().toString(), "--episodes", "2");
        assertEquals(0, eval.code(), eval.err());
        Policy policy = Policy.load(run.path());
        double[] returns = new double[2];
        try (Env<Map<String, Object>, float[]> env = Envs.cast(Envs.make(ENV))) {
            for (int e = 0; e < 2; e++) {
                Map<String, Object> obs = e == 0 ? env.reset(Evaluation.seedFor(2)).observation() : env.reset().observation();
                while (true) {
                    Step<Map<String, Object>> s = env.step(policy.act(obs));
                    returns[e] += s.reward();
                    if (s.done()) {
                        break;
                    }
                    obs = s.observation();
                }
            }
        }
        EvalResult mine = new EvalResult(returns);
        String expected = String.format(Locale.ROOT, ": %.2f ± %.2f over 2 episodes", mine.mean(), mine.std());
        assertTrue(eval.out().contains(expected), eval.out() + " vs " + expected);
    }

    @Test
    void badDictObservationsNameTheKey() {
        Policy policy = Policy.load(run.path());
        Map<String, Object> obs = new HashMap<>(Map.of("achieved_goal", new float[3], "observation", new float[10]));
        String m = assertThrows(IllegalArgumentException.class, () -> policy.act(obs)).getMessage();
        assertTrue(m.contains("no key 'desired_goal'"), m);
        obs.put("desired_goal", new float[4]);
        m = assertThrows(IllegalArgumentException.class, () -> policy.act(obs)).getMessage();
        assertTrue(m.contains("key 'desired_goal' is 4 floats for 1 observations, expected float[3]"), m);
    }
}
