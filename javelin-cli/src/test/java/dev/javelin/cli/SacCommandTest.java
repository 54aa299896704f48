package dev.javelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.memory.Demonstrations;
import dev.javelin.rl.memory.Transitions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** SAC through the command line: train with workers, eval --record-demos, train from the demonstrations. */
class SacCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void trainEvalRecordAndLearnFromDemonstrations() throws Exception {
        String runs = dir.resolve("runs").toString();
        String[] train = run("train", "sac", "Pendulum-v1", "--out", runs, "--timesteps", "300", "--quiet",
                "--threads", "1", "--set", "net_arch=[16,16]", "--set", "batch_size=16", "--set", "workers=2",
                "--set", "learning_starts=50", "--set", "experiment.experiment_name=src");
        assertEquals("0", train[0], train[2]);
        assertTrue(train[1].contains("sac on Pendulum-v1: final eval"), train[1]);
        Path csv = dir.resolve("demos.csv");
        String[] eval = run("eval", dir.resolve("runs/src").toString(), "--episodes", "2", "--record-demos", "120",
                "--demos-out", csv.toString());
        assertEquals("0", eval[0], eval[2]);
        assertTrue(eval[1].contains("demonstrations: 120 transitions in " + csv), eval[1]);
        Transitions t = Demonstrations.read(csv);
        assertEquals(120, t.size());

        String[] again = run("eval", dir.resolve("runs/src").toString(), "--episodes", "1", "--record-demos", "10");
        assertEquals("0", again[0], again[2]);
        assertTrue(Files.isRegularFile(dir.resolve("runs/src/demonstrations.safetensors")));

        String[] learn = run("train", "sac", "Pendulum-v1", "--out", runs, "--timesteps", "100", "--quiet",
                "--threads", "1", "--set", "net_arch=[16,16]", "--set", "batch_size=16",
                "--set", "demonstrations=" + csv, "--set", "experiment.experiment_name=use");
        assertEquals("0", learn[0], learn[2]);
    }

    @Test
    void algorithmsWithoutDemonstrationsSaySo() {
        String runs = dir.resolve("runs").toString();
        assertEquals("0", run("train", "tally", "CartPole-v1", "--out", runs, "--timesteps", "10", "--quiet",
                "--set", "experiment.experiment_name=t")[0]);
        String[] eval = run("eval", dir.resolve("runs/t").toString(), "--record-demos", "5");
        assertEquals(Integer.toString(Main.BAD_INPUT), eval[0]);
        assertTrue(eval[2].contains("tally cannot record demonstrations"), eval[2]);
    }
}
