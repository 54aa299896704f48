package dev.javelin.cli;

import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.logging.RewardPlot;
import dev.javelin.rl.run.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.file.Files;

/** A stand-in agent for the command line tests: its "return" is a running tally saved in the checkpoint. */
public final class TallyAlgorithm implements Algorithm<TallyConfig> {
    @Override
    public String name() {
        return "tally";
    }

    @Override
    public String description() {
        return "counts steps (test double)";
    }

    @Override
    public Class<TallyConfig> configClass() {
        return TallyConfig.class;
    }

    @Override
    public void check(String envId, TallyConfig config) {
        // a test double: it runs on any env and allocates nothing
    }

    @Override
    public TrainResult train(TrainContext<TallyConfig> ctx) throws Exception {
        TallyConfig c = ctx.config();
        long start = 0;
        if (ctx.resume()) {
            start = ByteBuffer.wrap(Files.readAllBytes(ctx.run().latestCheckpoint().orElseThrow())).getLong();
        }
        for (long step = start + c.numEnvs(); step <= c.timesteps(); step += c.numEnvs()) {
            ctx.logger().record(RewardPlot.RETURN_TAG, step * c.rewardPerStep());
            ctx.logger().step(step);
            ctx.progress().update(step, step * c.rewardPerStep());
        }
        AtomicFiles.write(ctx.run().checkpoints().resolve("agent_" + c.timesteps() + ".safetensors"),
                ByteBuffer.allocate(8).putLong(c.timesteps()).array());
        return new TrainResult(c.timesteps() - start, 0.5, new EvalResult(new double[] {c.timesteps() * c.rewardPerStep()}));
    }

    @Override
    public EvalResult evaluate(EvalContext<TallyConfig> ctx) throws Exception {
        long steps = ByteBuffer.wrap(Files.readAllBytes(ctx.checkpoint())).getLong();
        double[] returns = new double[ctx.episodes()];
        for (int i = 0; i < returns.length; i++) {
            returns[i] = steps * ctx.config().rewardPerStep() + (i % 2 == 0 ? 1 : -1);
        }
        if (ctx.video().isPresent()) {
            AtomicFiles.write(ctx.video().get(), "GIF89a".getBytes());
        }
        return new EvalResult(returns);
    }
}
