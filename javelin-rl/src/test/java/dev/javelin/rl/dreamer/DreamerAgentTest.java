package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.Configs;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DreamerAgentTest {
    /** The tiny networks on short batches with a 10x learning rate, so a few updates show learning. */
    static DreamerConfig small(String... overrides) {
        var sets = new java.util.ArrayList<>(List.of("batch_size=4", "batch_length=16", "imag_horizon=5",
                "model_opt.lr=1e-3"));
        sets.addAll(List.of(overrides));
        return Configs.override(DreamerConfig.sized("tiny"), sets);
    }

    /** A replay of a deterministic toy process: obs = (sin t, cos t, action), reward = first action's indicator. */
    static SequenceReplay toyReplay(int obsSize, int actions, boolean discrete, int steps, Rng rng) {
        var replay = new SequenceReplay(1, steps, obsSize, actions);
        for (int t = 0; t < steps; t++) {
            float[] a = new float[actions];
            if (discrete) {
                a[rng.nextInt(actions)] = 1;
            } else {
                a[0] = rng.nextFloat() * 2 - 1;
            }
            float[] o = new float[obsSize];
            for (int i = 0; i < obsSize; i++) {
                o[i] = (float) Math.sin(0.3 * t + i);
            }
            replay.add(0, o, 0, a, 0, t % 20 == 0 ? 0 : a[0], t % 20 == 0, t % 20 == 19);
        }
        return replay;
    }

    @Test
    void worldModelLearnsAToyProcessAndEveryTermIsLogged() {
        var c = small();
        var rng = new Rng(5);
        var agent = new DreamerAgent(c, 3, 2, true, rng);
        var replay = toyReplay(3, 2, true, 400, rng);
        Map<String, Double> first = agent.update(replay.sample(c.batchSize(), c.batchLength(), rng));
        for (String tag : List.of("Loss / World model loss", "Loss / Vector reconstruction loss", "Loss / Reward loss",
                "Loss / Continue loss", "Loss / Dynamics loss", "Loss / Representation loss",
                "World model / KL (posterior || prior)", "Loss / Policy loss", "Loss / Critic loss",
                "Return / Scale", "Return / Imagined return (mean)", "Policy / Entropy")) {
            assertTrue(first.containsKey(tag), tag + " missing from " + first.keySet());
            assertTrue(Double.isFinite(first.get(tag)), tag + " = " + first.get(tag));
        }
        // free bits: neither KL term goes below 1 nat
        assertTrue(first.get("Loss / Dynamics loss") >= 1.0 - 1e-6);
        assertTrue(first.get("Loss / Representation loss") >= 1.0 - 1e-6);
        Map<String, Double> last = first;
        for (int i = 0; i < 25; i++) {
            last = agent.update(replay.sample(c.batchSize(), c.batchLength(), rng));
        }
        double rec0 = first.get("Loss / Vector reconstruction loss");
        double rec1 = last.get("Loss / Vector reconstruction loss");
        assertTrue(rec1 < 0.7 * rec0, "reconstruction loss " + rec0 + " -> " + rec1);
        assertTrue(last.get("Loss / Reward loss") < first.get("Loss / Reward loss"),
                "reward loss " + first.get("Loss / Reward loss") + " -> " + last.get("Loss / Reward loss"));
        assertEquals(26, agent.updates());
    }

    @Test
    void continuousActionsTrainTheActorThroughTheDynamics() {
        var c = small();
        var rng = new Rng(9);
        var agent = new DreamerAgent(c, 3, 1, false, rng);
        var replay = toyReplay(3, 1, false, 200, rng);
        Map<String, Tensor> before = agent.state().get("actor");
        Map<String, Double> m = agent.update(replay.sample(c.batchSize(), c.batchLength(), rng));
        assertTrue(m.get("Grad / Actor norm") > 0, "no gradient reached the actor: " + m);
        Map<String, Tensor> after = agent.state().get("actor");
        boolean changed = false;
        for (String k : before.keySet()) {
            changed |= !java.util.Arrays.equals(before.get(k).data(), after.get(k).data());
        }
        assertTrue(changed, "the actor's weights did not move");
        float[] a = agent.new Policy(2, new Rng(1)).act(new float[6], new boolean[] {true, true}, true);
        for (float x : a) {
            assertTrue(x >= -1 && x <= 1, "action " + x + " outside [-1, 1]");
        }
    }

    @Test
    void checkpointRestoresEverythingTheAgentActsOn(@TempDir Path dir) {
        var c = small();
        var rng = new Rng(2);
        var agent = new DreamerAgent(c, 3, 2, true, rng);
        var replay = toyReplay(3, 2, true, 200, rng);
        agent.update(replay.sample(c.batchSize(), c.batchLength(), rng));
        Path file = dir.resolve("agent.safetensors");
        Dreamer.save(agent, file, 1234);
        assertTrue(Files.exists(file));
        var copy = new DreamerAgent(c, 3, 2, true, new Rng(77));
        assertEquals(1234, Dreamer.restore(copy, file));
        var original = agent.state();
        var restored = copy.state();
        assertEquals(original.keySet(), restored.keySet());
        for (String g : original.keySet()) {
            for (String k : original.get(g).keySet()) {
                assertArrayEquals(original.get(g).get(k).data(), restored.get(g).get(k).data(), g + "." + k);
            }
        }
        float[] obs = {0.1f, -0.4f, 0.9f};
        assertArrayEquals(agent.new Policy(1, new Rng(3)).act(obs, new boolean[] {true}, true),
                copy.new Policy(1, new Rng(3)).act(obs, new boolean[] {true}, true));
    }

    @Test
    void imageModelReconstructsBetterWithTraining() {
        var c = small("pixels=true", "image_size=16");
        var rng = new Rng(4);
        int size = 3 * 16 * 16;
        var agent = new DreamerAgent(c, size, 2, true, rng);
        var replay = new SequenceReplay(1, 200, size, 2);
        for (int t = 0; t < 200; t++) {
            float[] img = new float[size];
            int col = t % 16;   // a vertical bar sweeping across the image
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < 16; y++) {
                    img[ch * 256 + y * 16 + col] = 1f;
                }
            }
            replay.add(0, img, 0, new float[] {1, 0}, 0, 0f, t == 0, false);
        }
        double rec0 = agent.update(replay.sample(c.batchSize(), c.batchLength(), rng)).get("Loss / Image reconstruction loss");
        double rec = rec0;
        for (int i = 0; i < 20; i++) {
            rec = agent.update(replay.sample(c.batchSize(), c.batchLength(), rng)).get("Loss / Image reconstruction loss");
        }
        assertTrue(rec < 0.7 * rec0, "image reconstruction loss " + rec0 + " -> " + rec);
    }
}
