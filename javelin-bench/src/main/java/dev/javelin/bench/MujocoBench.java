package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.env.Env;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Envs;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MuJoCo;
import dev.javelin.mujoco.MujocoEnv;
import dev.javelin.mujoco.tasks.MujocoTasks;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code javelin bench mujoco}: env steps per second of each MuJoCo task (made through the registry, with its
 * time limit, random actions, reset when done, as a training loop steps it), next to the raw rate of
 * {@code mj_step} x frame_skip on the same model, states and actions in the same process: the physical limit,
 * so {@code env / raw} is the share the Java side keeps. Then HalfCheetah-v5 as a vector of 8 envs on 1 and on
 * 2 threads. Gymnasium's own figures come from {@code tools/gym_mujoco_speed.py}, run in the same sitting.
 *
 * <p>Harness as {@code bench env}: 1 s warm-up, then the median of 9 samples of 0.3 s.
 */
public final class MujocoBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public MujocoBench() {
    }

    private static final int ACTIONS = 1 << 12;
    private static final String VECTOR_TASK = "HalfCheetah-v5";

    @Override
    public String name() {
        return "mujoco";
    }

    @Override
    public String description() {
        return "MuJoCo v5 task steps/s against raw mj_step x frame_skip; HalfCheetah vector env on 1 and 2 threads";
    }

    /** One task's single-env rate and its raw physics rate, in env steps per second. */
    public record TaskResult(String id, int frameSkip, double envStepsPerSecond, double rawStepsPerSecond) {
        /** The env loop's steps/s as a fraction of the raw {@code mj_step} loop's. */
        public double shareOfRaw() {
            return envStepsPerSecond / rawStepsPerSecond;
        }
    }

    @Override
    public void run(boolean json, PrintWriter out) {
        MuJoCo.get();
        List<TaskResult> tasks = new ArrayList<>();
        for (EnvSpec spec : new MujocoTasks().specs()) {
            tasks.add(measureTask(spec.id()));
        }
        double oneThread = measureVector(1);
        double twoThreads = measureVector(2);
        print(tasks, oneThread, twoThreads, json, out);
    }

    /**
     * The env loop, and the same physics without the env: a first pass records the actions, where episodes ended
     * and the state each reset drew; the raw loop then replays exactly that (ctrl, mj_step x frame_skip,
     * mj_rnePostConstraint; at each episode end the recorded reset state and mj_forward), so both loops simulate
     * the same states. Both restart the cycle from reset(0) every {@value #ACTIONS} steps.
     */
    static TaskResult measureTask(String id) {
        try (Env<float[], float[]> env = Envs.cast(Envs.make(id))) {
            MujocoEnv bare = (MujocoEnv) env.unwrapped();
            float[][] actions = actions(env, 0);
            boolean[] done = new boolean[ACTIONS];
            double[][] resetQpos = new double[ACTIONS][];
            double[][] resetQvel = new double[ACTIONS][];
            env.reset(0);
            double[] startQpos = bare.data().qpos().toArray();
            double[] startQvel = bare.data().qvel().toArray();
            for (int t = 0; t < ACTIONS; t++) {
                if (env.step(actions[t]).done()) {
                    done[t] = true;
                    env.reset();
                    resetQpos[t] = bare.data().qpos().toArray();
                    resetQvel[t] = bare.data().qvel().toArray();
                }
            }
            int[] t = {0};
            double envRate = EnvBench.measure(() -> {
                int i = t[0]++ & (ACTIONS - 1);
                if (i == 0) {
                    env.reset(0);
                }
                if (env.step(actions[i]).done()) {
                    env.reset();
                }
            }, 1);
            try (MjData raw = new MjData(bare.model())) {
                int frameSkip = bare.frameSkip();
                int[] r = {0};
                double rawRate = EnvBench.measure(() -> {
                    int i = r[0]++ & (ACTIONS - 1);
                    if (i == 0) {
                        restart(raw, startQpos, startQvel);
                    }
                    raw.ctrl().set(actions[i]);
                    raw.step(frameSkip);
                    raw.rnePostConstraint();
                    if (done[i]) {
                        restart(raw, resetQpos[i], resetQvel[i]);
                    }
                }, 1);
                return new TaskResult(id, frameSkip, envRate, rawRate);
            }
        }
    }

    private static void restart(MjData d, double[] qpos, double[] qvel) {
        d.resetData();
        d.qpos().set(qpos);
        d.qvel().set(qvel);
        d.forward();
    }

    private static double measureVector(int threads) {
        try (VectorEnv envs = Envs.makeVec(VECTOR_TASK, 8, threads, Map.of())) {
            int dim = envs.singleActionSpace() instanceof dev.javelin.env.Box b ? b.size() : 0;
            float[] batch = new float[8 * dim];
            var rng = new SplittableRandom(0);
            envs.reset(0);
            return EnvBench.measure(() -> {
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = (float) rng.nextDouble(-1, 1);
                }
                envs.step(batch);
            }, 8);
        }
    }

    private static float[][] actions(Env<float[], float[]> env, long seed) {
        var box = (dev.javelin.env.Box) env.actionSpace();
        var rng = new SplittableRandom(seed);
        float[][] out = new float[ACTIONS][];
        for (int i = 0; i < ACTIONS; i++) {
            out[i] = box.sample(rng);
        }
        return out;
    }

    private static void print(List<TaskResult> tasks, double oneThread, double twoThreads, boolean json, PrintWriter out) {
        if (json) {
            StringBuilder s = new StringBuilder("{\"bench\":\"mujoco\",\"mujoco\":\"" + MuJoCo.get().version() + "\",\"tasks\":[");
            for (int i = 0; i < tasks.size(); i++) {
                TaskResult r = tasks.get(i);
                s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"id\":\"%s\",\"frame_skip\":%d,\"env_steps_per_second\":%.0f,\"raw_env_steps_per_second\":%.0f,\"share_of_raw\":%.3f}",
                        r.id(), r.frameSkip(), r.envStepsPerSecond(), r.rawStepsPerSecond(), r.shareOfRaw()));
            }
            s.append(String.format(Locale.ROOT, "],\"vector\":{\"task\":\"%s\",\"envs\":8,\"threads_1\":%.0f,\"threads_2\":%.0f,\"scaling\":%.2f}}",
                    VECTOR_TASK, oneThread, twoThreads, twoThreads / oneThread));
            out.println(s);
            return;
        }
        out.printf(Locale.ROOT, "MuJoCo %s%n%-28s %10s %14s %14s %8s%n", MuJoCo.get().version(), "task", "frame_skip",
                "env steps/s", "raw steps/s", "of raw");
        for (TaskResult r : tasks) {
            out.printf(Locale.ROOT, "%-28s %10d %,14.0f %,14.0f %7.1f%%%n", r.id(), r.frameSkip(), r.envStepsPerSecond(),
                    r.rawStepsPerSecond(), 100 * r.shareOfRaw());
        }
        out.printf(Locale.ROOT, "%s, 8 envs: %,.0f env steps/s on 1 thread, %,.0f on 2 threads (%.2fx)%n", VECTOR_TASK,
                oneThread, twoThreads, twoThreads / oneThread);
    }

    /** Runs the benchmark from the command line; {@code --json} prints one JSON object. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        new MujocoBench().run(Arrays.asList(args).contains("--json"), out);
        out.flush();
    }
}
