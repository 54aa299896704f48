package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.cli.CliRun.Result;
import dev.javelin.rl.memory.Demonstrations;
import dev.javelin.rl.memory.Transitions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC through the command line: train with workers, eval --record-demos, train from the demonstrations. */
class SacCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainEvalRecordAndLearnFromDemonstrations() throws Exception {
        String runs = dir.resolve("runs").toString();
        Result train = run("train", "sac", "Pendulum-v1", "--out", runs, "--timesteps", "300", "--quiet",
                "--threads", "1", "--set", "net_arch=[16,16]", "--set", "batch_size=16", "--set", "workers=2",
                "--set", "learning_starts=50", "--set", "experiment.experiment_name=src");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("sac on Pendulum-v1: final eval"), train.out());
        Path csv = dir.resolve("demos.csv");
        Result eval = run("eval", dir.resolve("runs/src").toString(), "--episodes", "2", "--record-demos", "120",
                "--demos-out", csv.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("demonstrations: 120 transitions in " + csv), eval.out());
        Transitions t = Demonstrations.read(csv);
        assertEquals(120, t.size());

        Result again = run("eval", dir.resolve("runs/src").toString(), "--episodes", "1", "--record-demos", "10");
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.isRegularFile(dir.resolve("runs/src/demonstrations.safetensors")));

        Result learn = run("train", "sac", "Pendulum-v1", "--out", runs, "--timesteps", "100", "--quiet",
                "--threads", "1", "--set", "net_arch=[16,16]", "--set", "batch_size=16",
                "--set", "demonstrations=" + csv, "--set", "experiment.experiment_name=use");
        assertEquals(0, learn.code(), learn.err());
    }

    @Test
    void algorithmsWithoutDemonstrationsSaySo() {
        String runs = dir.resolve("runs").toString();
        assertEquals(0, run("train", "tally", "CartPole-v1", "--out", runs, "--timesteps", "10", "--quiet",
                "--set", "experiment.experiment_name=t").code());
        Result eval = run("eval", dir.resolve("runs/t").toString(), "--record-demos", "5");
        assertEquals(Main.BAD_INPUT, eval.code());
        assertTrue(eval.err().contains("tally cannot record demonstrations"), eval.err());
    }
}
