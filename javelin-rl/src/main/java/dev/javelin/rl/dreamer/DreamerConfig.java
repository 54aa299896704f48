package dev.javelin.rl.dreamer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.config.TrainConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DreamerV3's settings with the key names of the reference {@code configs.yaml} of the 2023 paper
 * (Hafner et al., "Mastering Diverse Domains through World Models", v1 code: {@code rssm}, {@code encoder},
 * {@code loss_scales: {dyn: 0.5, rep: 0.1}}, {@code model_opt: {opt: adam, lr: 1e-4, eps: 1e-8, clip: 1000}},
 * {@code actor_opt}/{@code critic_opt: {lr: 3e-5, eps: 1e-5, clip: 100}}, {@code retnorm: perc_ema}, ...).
 *
 * <p>The defaults are the {@code size200m} network; {@link #sized(String)} overlays one of the size presets of
 * {@code dreamer/configs.yaml} ({@code size1m ... size200m} as the paper's model sizes, plus {@code tiny} for CPU
 * tests). Layers are fixed across sizes as in the latest reference config: 3 for encoder, decoder, actor and
 * critic, 1 for the reward and continue heads. The sequence model is the paper's single GRU with LayerNorm
 * (not the later block GRU), so a size's parameter count is above its name for deter >= 2048.
 * @param envKwargs          options of the env, under its own names ({@code env_kwargs: {ctrl_cost_weight: 0.1}}), as Envs.make takes them
 */
public record DreamerConfig(
        long seed,
        long timesteps,
        int numEnvs,
        int batchSize,
        int batchLength,
        double trainRatio,
        int trainFill,
        long replaySize,
        boolean pixels,
        int imageSize,
        int evalEpisodes,
        Rssm rssm,
        Encoder encoder,
        Decoder decoder,
        Head rewardHead,
        Head contHead,
        LossScales lossScales,
        KlLoss dynLoss,
        KlLoss repLoss,
        Opt modelOpt,
        Actor actor,
        Head critic,
        Opt actorOpt,
        Opt criticOpt,
        String actorGradDisc,
        String actorGradCont,
        int imagHorizon,
        double horizon,
        double returnLambda,
        int slowCriticUpdate,
        double slowCriticFraction,
        Retnorm retnorm,
        double actent,
        Experiment experiment,
        Map<String, Object> envKwargs) implements TrainConfig {

    /** The recurrent state-space model: deterministic GRU state {@code deter}, {@code stoch x classes} latents. */
    public record Rssm(int deter, int units, int stoch, int classes, double unimix, double actionClip) {
        /** Validates the components; a bad value is rejected with a message naming its config key. */
        public Rssm {
            positive("rssm.deter", deter);
            positive("rssm.units", units);
            positive("rssm.stoch", stoch);
            if (classes < 2) {
                throw new IllegalArgumentException("rssm.classes must be >= 2, got " + classes);
            }
            unit("rssm.unimix", unimix);
            if (!(actionClip >= 0)) {
                throw new IllegalArgumentException("rssm.action_clip must be >= 0 (0: off), got " + actionClip);
            }
        }
    }

    /** Vector inputs: an MLP on symlog inputs; images: stride-2 convolutions down to {@code minres}. */
    public record Encoder(int mlpLayers, int mlpUnits, int cnnDepth, int minres, boolean symlogInputs) {
        /** Validates the components; a bad value is rejected with a message naming its config key. */
        public Encoder {
            positive("encoder.mlp_layers", mlpLayers);
            positive("encoder.mlp_units", mlpUnits);
            positive("encoder.cnn_depth", cnnDepth);
            positive("encoder.minres", minres);
        }
    }

    /** Reconstruction: symlog MSE for vectors, MSE for images (the reference's mlp_dist / cnn_dist). */
    public record Decoder(int mlpLayers, int mlpUnits, int cnnDepth, int minres, String vectorDist, String imageDist) {
        /** Validates the components; a bad value is rejected with a message naming its config key. */
        public Decoder {
            positive("decoder.mlp_layers", mlpLayers);
            positive("decoder.mlp_units", mlpUnits);
            positive("decoder.cnn_depth", cnnDepth);
            positive("decoder.minres", minres);
            oneOf("decoder.vector_dist", vectorDist, "symlog_mse");
            oneOf("decoder.image_dist", imageDist, "mse");
        }
    }

    /** An MLP head; {@code outscale} scales the initial output layer (0: zero init, as the reward head and critic). */
    public record Head(int layers, int units, int bins, double outscale) {
        /** Validates the components; a bad value is rejected with a message naming its config key. */
        public Head {
            if (layers < 0) {
                throw new IllegalArgumentException("head layers must be >= 0, got " + layers);
            }
            positive("head units", units);
            if (bins < 2) {
                throw new IllegalArgumentException("head bins must be >= 2, got " + bins);
            }
            if (!(outscale >= 0)) {
                throw new IllegalArgumentException("head outscale must be >= 0, got " + outscale);
            }
        }
    }

    /** The actor: onehot with unimix for discrete actions, Normal with std in [minstd, maxstd] for continuous. */
    public record Actor(int layers, int units, double minstd, double maxstd, double outscale, double unimix) {
        /** Validates the components; a bad value is rejected with a message naming its config key. */
        public Actor {
            if (layers < 0) {
                throw new IllegalArgumentException("actor.layers must be >= 0, got " + layers);
            }
            positive("actor.units", units);
            if (!(minstd > 0 && maxstd >= minstd)) {
                throw new IllegalArgumentException("actor needs 0 < minstd <= maxstd, got minstd " + minstd
                        + ", maxstd " + maxstd);
            }
            unit("actor.unimix", unimix);
        }
    }

    /** Weights of the world-model and behaviour losses ({@code loss_scales}). */
    public record LossScales(double image, double vector, double reward, double cont, double dyn, double rep,
                             double actor, double critic, double slowreg) {
        /** Rejects negative scales. */
        public LossScales {
            for (double s : new double[] {image, vector, reward, cont, dyn, rep, actor, critic, slowreg}) {
                if (!(s >= 0)) {
                    throw new IllegalArgumentException("loss_scales must be >= 0, got " + s);
                }
            }
        }
    }

    /** KL loss clipped below at {@code free} nats. */
    public record KlLoss(double free) {
        /** Rejects negative free nats. */
        public KlLoss {
            if (!(free >= 0)) {
                throw new IllegalArgumentException("free bits must be >= 0 nats, got " + free);
            }
        }
    }

    /** Adam with global-norm gradient clipping at {@code clip} (0: off). */
    public record Opt(String opt, double lr, double eps, double clip, double wd) {
        /** Validates the components; a bad value is rejected with a message naming its config key. */
        public Opt {
            oneOf("opt", opt, "adam");
            if (!(lr > 0) || !(eps > 0) || !(clip >= 0) || !(wd >= 0)) {
                throw new IllegalArgumentException("optimizer needs lr > 0, eps > 0, clip >= 0, wd >= 0, got lr "
                        + lr + ", eps " + eps + ", clip " + clip + ", wd " + wd);
            }
        }
    }

    /** Return normalization by the EMA of the {@code perclo..perchi} percentile range, at least 1 / max. */
    public record Retnorm(String impl, double decay, double max, double perclo, double perchi) {
        /** Validates the components; a bad value is rejected with a message naming its config key. */
        public Retnorm {
            oneOf("retnorm.impl", impl, "perc_ema");
            unit("retnorm.decay", decay);
            if (!(max > 0)) {
                throw new IllegalArgumentException("retnorm.max must be > 0, got " + max);
            }
            if (!(perclo >= 0 && perclo < perchi && perchi <= 100)) {
                throw new IllegalArgumentException("retnorm needs 0 <= perclo < perchi <= 100, got " + perclo
                        + ", " + perchi);
            }
        }
    }

    /** The reference defaults at the size200m network. */
    public DreamerConfig() {
        this(0, 1_000_000, 1, 16, 64, 32.0, 0, 1_000_000, false, 64, 10,
                new Rssm(8192, 1024, 32, 64, 0.01, 1.0),
                new Encoder(3, 1024, 64, 4, true),
                new Decoder(3, 1024, 64, 4, "symlog_mse", "mse"),
                new Head(1, 1024, 255, 0.0),
                new Head(1, 1024, 255, 1.0),
                new LossScales(1.0, 1.0, 1.0, 1.0, 0.5, 0.1, 1.0, 1.0, 1.0),
                new KlLoss(1.0), new KlLoss(1.0),
                new Opt("adam", 1e-4, 1e-8, 1000.0, 0.0),
                new Actor(3, 1024, 0.1, 1.0, 1.0, 0.01),
                new Head(3, 1024, 255, 0.0),
                new Opt("adam", 3e-5, 1e-5, 100.0, 0.0),
                new Opt("adam", 3e-5, 1e-5, 100.0, 0.0),
                "reinforce", "backprop",
                15, 333, 0.95, 1, 0.02,
                new Retnorm("perc_ema", 0.99, 1.0, 5.0, 95.0),
                3e-4,
                new Experiment(), Map.of());
    }

    /** Validates the components; a bad value is rejected with a message naming its config key. */
    public DreamerConfig {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be >= 1, got " + timesteps);
        }
        positive("num_envs", numEnvs);
        positive("batch_size", batchSize);
        if (batchLength < 2) {
            throw new IllegalArgumentException("batch_length must be >= 2, got " + batchLength);
        }
        if (!(trainRatio > 0)) {
            throw new IllegalArgumentException("train_ratio must be > 0 replayed steps per env step, got " + trainRatio);
        }
        if (trainFill < 0) {
            throw new IllegalArgumentException("train_fill must be >= 0 env steps, got " + trainFill);
        }
        if (replaySize < batchLength) {
            throw new IllegalArgumentException("replay_size must be >= batch_length " + batchLength + ", got " + replaySize);
        }
        if (imageSize < 4 || Integer.bitCount(imageSize) != 1) {
            throw new IllegalArgumentException("image_size must be a power of two >= 4, got " + imageSize);
        }
        if (pixels && (imageSize < encoder.minres() || imageSize < decoder.minres())) {
            throw new IllegalArgumentException("image_size " + imageSize + " is below encoder/decoder minres");
        }
        positive("eval_episodes", evalEpisodes);
        oneOf("actor_grad_disc", actorGradDisc, "reinforce", "backprop");
        oneOf("actor_grad_cont", actorGradCont, "backprop", "reinforce");
        positive("imag_horizon", imagHorizon);
        if (!(horizon >= 1)) {
            throw new IllegalArgumentException("horizon must be >= 1 (discount 1 - 1/horizon), got " + horizon);
        }
        unit("return_lambda", returnLambda);
        positive("slow_critic_update", slowCriticUpdate);
        unit("slow_critic_fraction", slowCriticFraction);
        if (!(actent >= 0)) {
            throw new IllegalArgumentException("actent must be >= 0, got " + actent);
        }
    }

    /** The discount of the imagined returns: {@code 1 - 1 / horizon} (0.997 for horizon 333). */
    public double discount() {
        return 1 - 1 / horizon;
    }

    /** Gradient updates per env step: replayed steps per env step over steps per batch. */
    public double updatesPerStep() {
        return trainRatio / ((double) batchSize * batchLength);
    }

    /** The size presets of {@code dreamer/configs.yaml}, in file order. */
    public static List<String> sizes() {
        List<String> names = new ArrayList<>();
        presets().fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The defaults with the networks of a size preset ({@code size1m ... size200m}, {@code tiny}). */
    public static DreamerConfig sized(String size) {
        JsonNode preset = presets().get(size);
        if (preset == null) {
            throw new ConfigException("unknown DreamerV3 size '" + size + "'; known: " + String.join(", ", sizes()));
        }
        return Configs.merge(new DreamerConfig(), preset, "dreamer/configs.yaml:" + size);
    }

    private static ObjectNode presets() {
        try (InputStream in = DreamerConfig.class.getResourceAsStream("configs.yaml")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/javelin/rl/dreamer/configs.yaml is missing");
            }
            return (ObjectNode) new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dreamer/configs.yaml: " + e.getMessage(), e);
        }
    }

    private static void positive(String key, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + v);
        }
    }

    private static void unit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
        }
    }

    private static void oneOf(String key, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }
}
