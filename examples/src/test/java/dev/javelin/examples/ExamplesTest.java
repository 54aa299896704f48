package dev.javelin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.policy.Policy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three examples run end to end on tiny budgets, as a user would run them. */
class ExamplesTest {
    @TempDir
    Path dir;

    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    private static String output(Main main, String... args) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(before);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        before.print(out);
        return out;
    }

    private static String line(String out, String prefix) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "(.*)$").matcher(out);
        assertTrue(m.find(), "no line '" + prefix + "' in\n" + out);
        return m.group(1).strip();
    }

    @Test
    void trainPpoOnACustomEnvThenActWithTheSavedPolicy() throws Exception {
        String train = output(TrainPpoOnCustomEnv::main, "2048", dir.toString());
        Path run = Path.of(line(train, "run: "));
        assertEquals(dir.resolve("thermostat"), run);
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/agent_2048.safetensors")), train);

        String act = output(ActWithPolicy::main, run.toString(), "2");
        assertTrue(act.contains("ppo on Thermostat-v0"), act);
        assertTrue(line(act, "episode 1: return ").endsWith("in 200 steps"), act);
    }

    @Test
    void trainSacWithARewardWrapperAndActWithTheOnnxExport() throws Exception {
        String train = output(TrainSacWithRewardWrapper::main, "300", dir.toString());
        Path onnx = Path.of(line(train, "onnx: "));
        Policy policy = Policy.load(onnx);
        assertEquals("PendulumGentle-v0", policy.spec().info().get("env"));
        float[] a = policy.act(new float[] {1f, 0f, 0f});
        assertTrue(a.length == 1 && a[0] >= -2 && a[0] <= 2, a[0] + " is within Pendulum's torque bounds");

        String act = output(ActWithPolicy::main, onnx.toString(), "1");
        assertTrue(line(act, "episode 0: return ").endsWith("in 200 steps"), act);
    }

    @Test
    void theRewardWrapperChargesForTorque() {
        try (Env<float[], float[]> plain = Envs.cast(Envs.make("Pendulum-v1"));
             var wrapped = new TrainSacWithRewardWrapper.TorqueCost(Envs.cast(Envs.make("Pendulum-v1")), 0.05)) {
            plain.reset(3);
            wrapped.reset(3);
            Step<float[]> p = plain.step(new float[] {1.5f});
            Step<float[]> w = wrapped.step(new float[] {1.5f});
            assertEquals(p.reward() - 0.05 * 1.5 * 1.5, w.reward(), 1e-12);
        }
    }
}
