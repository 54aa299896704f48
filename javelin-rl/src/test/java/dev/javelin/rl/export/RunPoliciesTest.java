package dev.javelin.rl.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.policy.OnnxPolicy;
import dev.javelin.policy.Policy;
import dev.javelin.policy.PolicyFile;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.ppo.Ppo;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPoliciesTest {
    @TempDir
    Path dir;
    RunDirectory run;

    static final Progress QUIET = Progress.NONE;

    @BeforeEach
    void train() throws Exception {
        PpoConfig c = Configs.override(Configs.defaults(PpoConfig.class), List.of("timesteps=256", "rollouts=64",
                "num_envs=2", "mini_batches=2", "eval_episodes=1", "normalize=true", "experiment.directory=" + dir,
                "experiment.experiment_name=run"));
        run = Training.run(new Ppo(), "CartPole-v1", c, 1, Optional.empty(), t -> QUIET).run();
    }

    /** Records every class it defines itself: the class path's classes, loaded apart from the test's. */
    static final class RecordingLoader extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            loaded.add(name);
            return super.findClass(name);
        }
    }

    /** The classes Policy.load(path) and one act() load in a fresh class loader over the test's class path. */
    static Set<String> classesLoadedBy(Path path) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new))) {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(loader); // ServiceLoader finds the PolicyReader through it
            try {
                Class<?> policy = loader.loadClass(Policy.class.getName());
                Object p = policy.getMethod("load", Path.class).invoke(null, path);
                Method act = policy.getMethod("act", float[].class);
                float[] action = (float[]) act.invoke(p, (Object) new float[] {0.01f, 0.02f, -0.03f, 0.04f});
                assertEquals(1, action.length);
            } finally {
                thread.setContextClassLoader(before);
            }
            return Set.copyOf(loader.loaded);
        }
    }

    // agents, trainers, optimizers, memories, logging: what acting must not need
    static final Pattern TRAINING = Pattern.compile("dev\\.javelin\\.(optim|rl\\.memory|rl\\.logging)\\..*"
            + "|dev\\.javelin\\.rl\\.(Training|SideThread|TrainContext|Algorithms?)"
            + "|dev\\.javelin\\.rl\\.(ppo\\.Ppo|sac\\.Sac|amp\\.Amp|dreamer\\.Dreamer)"
            + "|dev\\.javelin\\..*(Agent|Learner|Collector|Trainer|Loss)(\\$.*)?");

    @Test
    void loadingARunLoadsNoTrainingClasses() throws Exception {
        Set<String> loaded = classesLoadedBy(run.path());
        assertTrue(loaded.contains(RunPolicies.class.getName()), "the run was read through RunPolicies");
        assertTrue(loaded.contains("dev.javelin.rl.ppo.PpoExporter"));
        List<String> training = loaded.stream().filter(n -> TRAINING.matcher(n).matches()).sorted().toList();
        assertEquals(List.of(), training);
    }

    @Test
    void loadingAnExportedFileLoadsNothingFromTheTrainingModules() throws Exception {
        PolicySpec spec = new RunPolicies().read(run.path());
        Path onnx = dir.resolve("policy.onnx");
        OnnxPolicy.write(spec, onnx);
        Path safetensors = dir.resolve("policy.safetensors");
        PolicyFile.write(spec, safetensors);
        for (Path file : List.of(onnx, safetensors)) {
            List<String> outside = classesLoadedBy(file).stream()
                    .filter(n -> n.startsWith("dev.javelin.rl.") || n.startsWith("dev.javelin.env.")).sorted().toList();
            assertEquals(List.of(), outside, file.toString());
        }
    }

    @Test
    void theRunTheCheckpointAndTheExportsGiveTheSameActions() throws Exception {
        Path checkpoint = run.latestCheckpoint().orElseThrow();
        Path onnx = dir.resolve("policy.onnx");
        OnnxPolicy.write(Policy.load(run.path()).spec(), onnx);
        Path safetensors = dir.resolve("policy.safetensors");
        PolicyFile.write(Policy.load(checkpoint).spec(), safetensors);
        float[] x = OnnxParity.observations("CartPole-v1", 200, 3);
        float[] expected = Policy.load(run.path()).act(x, 200);
        for (Path p : List.of(checkpoint, onnx, safetensors)) {
            assertArrayEquals(expected, Policy.load(p).act(x, 200), p.toString());
        }
        PolicySpec spec = Policy.load(onnx).spec();
        assertEquals("ppo", spec.info().get(PolicySpec.ALGO));
        assertEquals("CartPole-v1", spec.info().get(PolicySpec.ENV));
        assertEquals("Discrete(2)", spec.info().get(PolicySpec.ACTION_SPACE));
        assertTrue(spec.info().get(PolicySpec.OBSERVATION_SPACE).startsWith("Box("), spec.info().toString());
        assertTrue(spec.scaler().isPresent(), "normalize=true puts the scaler in the policy");
    }

    @Test
    void badRunsAreNamed() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty.resolve("checkpoints"));
        Files.writeString(empty.resolve("config.yaml"), "algo: ppo\nenv: CartPole-v1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Policy.load(empty));
        assertTrue(e.getMessage().contains("has no checkpoints/*.safetensors to export"), e.getMessage());

        Path dreamer = dir.resolve("dreamer");
        Files.createDirectories(dreamer.resolve("checkpoints"));
        Files.writeString(dreamer.resolve("config.yaml"), "algo: dreamer\nenv: CartPole-v1\n");
        Files.copy(run.latestCheckpoint().orElseThrow(), dreamer.resolve("checkpoints/agent_1.safetensors"));
        e = assertThrows(IllegalArgumentException.class, () -> Policy.load(dreamer));
        assertEquals("cannot export a 'dreamer' policy; algorithms that export: amp, ddpg, ppo, sac, td3", e.getMessage());

        Path loose = dir.resolve("agent_256.safetensors");
        Files.copy(run.latestCheckpoint().orElseThrow(), loose);
        e = assertThrows(IllegalArgumentException.class, () -> Policy.load(loose));
        assertTrue(e.getMessage().contains("is not inside a run's checkpoints/ directory"), e.getMessage());

        Path wrongEnv = dir.resolve("wrong");
        Files.createDirectories(wrongEnv.resolve("checkpoints"));
        Files.writeString(wrongEnv.resolve("config.yaml"), Files.readString(run.configFile())
                .replace("env: CartPole-v1", "env: Acrobot-v1"));
        Files.copy(run.latestCheckpoint().orElseThrow(), wrongEnv.resolve("checkpoints/agent_1.safetensors"));
        e = assertThrows(IllegalArgumentException.class, () -> Policy.load(wrongEnv));
        assertTrue(e.getMessage().startsWith("cannot export ")
                && e.getMessage().endsWith("checkpoint group 'policy': actor.4 has 2 outputs, the policy needs 3"), e.getMessage());
    }
}
