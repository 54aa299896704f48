package dev.javelin.rl.ppo;

import dev.javelin.nn.Activation;
import dev.javelin.nn.Init;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.rl.sde.Sde;
import dev.javelin.rl.sde.StateDependentNoise;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * SB3's {@code ActorCriticPolicy} with MLPs: the actor maps observations to action logits (discrete) or
 * Gaussian means, the critic to a value. Separate MLPs ({@code actor.*}, {@code critic.*}) or a shared
 * trunk ({@code trunk.*}) with linear heads ({@code actor}, {@code critic}). A Gaussian's log-std is one
 * parameter per action ({@code log_std}, state-independent; or fixed, no parameter) or the second half of the
 * actor's output; with gSDE ({@link Sde}) a {@code log_std} of shape [latent, actions] for the exploration matrix
 * over the actor's last hidden features. PPO's model, and AMP's policy and value models (as two separate nets).
 */
public final class ActorCritic extends Module {
    // skrl's GaussianMixin default bounds, so a state-dependent log-std cannot explode
    static final float MIN_LOG_STD = -20;
    static final float MAX_LOG_STD = 2;

    /** A Gaussian log-std that is one parameter per action, or the second half of the actor's output. */
    public enum LogStd {
        /** One learned parameter per action dimension. */
        STATE_INDEPENDENT,
        /** The second half of the actor's output. */
        STATE_DEPENDENT
    }

    /**
     * The networks: hidden layers and activation of each MLP (of the trunk when shared), the Gaussian log-std and
     * its initial value. Messages name the config keys.
     *
     * @param sharedModel  one trunk for policy and value (skrl: policy is value) instead of two MLPs
     * @param fixedLogStd  a state-independent log-std stays at log_std_init instead of being learned
     * @param orthoInit    SB3's orthogonal init: gain sqrt(2) hidden, 0.01 policy output, 1 value output, zero biases
     * @param sde          gSDE's exploration matrix over the actor's last hidden features instead of a diagonal Gaussian
     */
    public record Architecture(List<Integer> hiddenSizes, Activation activation, boolean sharedModel, LogStd logStd,
            double logStdInit, boolean fixedLogStd, boolean orthoInit, Optional<Sde> sde) {
        /** Without gSDE. */
        public Architecture(List<Integer> hiddenSizes, Activation activation, boolean sharedModel, LogStd logStd,
                double logStdInit, boolean fixedLogStd, boolean orthoInit) {
            this(hiddenSizes, activation, sharedModel, logStd, logStdInit, fixedLogStd, orthoInit, Optional.empty());
        }

        /** Rejects a shared trunk without hidden layers and non-positive layer sizes; copies the list. */
        public Architecture {
            hiddenSizes = List.copyOf(hiddenSizes);
            if (hiddenSizes.isEmpty() && sharedModel) {
                throw new IllegalArgumentException("shared_model needs at least one hidden layer, got hidden_sizes []");
            }
            for (int h : hiddenSizes) {
                if (h < 1) {
                    throw new IllegalArgumentException("hidden_sizes must all be >= 1, got " + hiddenSizes);
                }
            }
            if (!Double.isFinite(logStdInit)) {
                throw new IllegalArgumentException("log_std_init must be finite, got " + logStdInit);
            }
            if (fixedLogStd && logStd == LogStd.STATE_DEPENDENT) {
                throw new IllegalArgumentException("a fixed log-std must be state-independent, got log_std " + logStd);
            }
            if (sde.isPresent() && (fixedLogStd || logStd == LogStd.STATE_DEPENDENT)) {
                throw new IllegalArgumentException("use_sde learns its own log_std [latent, actions]: it needs log_std "
                        + "state_independent, got " + logStd + (fixedLogStd ? " (fixed)" : ""));
            }
        }
    }

    private final int actions;
    private final boolean stateDependentStd;
    private final Mlp trunk;
    private final Module actorNet;
    private final Module criticNet;
    private final Tensor logStd;
    private final Optional<Sde> sde;

    /** Actor, critic and orthogonal init draw their weights from one {@code rng}, in that order (SB3). */
    public ActorCritic(int observationSize, int actions, boolean gaussian, Architecture a, Rng rng) {
        this(observationSize, actions, gaussian, a, rng, rng);
    }

    /**
     * The actor and critic networks for observations of {@code observationSize} floats.
     *
     * @param actions   logits of a Discrete space, or the size of a Box
     * @param gaussian  whether actions are continuous
     * @param rng       the trunk's and actor's initial weights, then the orthogonal init's
     * @param criticRng the critic's initial weights (skrl's separate value model has its own stream)
     */
    public ActorCritic(int observationSize, int actions, boolean gaussian, Architecture a, Rng rng, Rng criticRng) {
        this.actions = actions;
        this.stateDependentStd = gaussian && a.logStd() == LogStd.STATE_DEPENDENT;
        int actorOutputs = stateDependentStd ? 2 * actions : actions;
        List<Integer> hidden = a.hiddenSizes();
        if (a.sharedModel()) {
            int features = hidden.getLast();
            trunk = child("trunk", new Mlp(observationSize, hidden.subList(0, hidden.size() - 1), features,
                    a.activation(), a.activation(), rng));
            actorNet = child("actor", new Linear(features, actorOutputs, rng));
            criticNet = child("critic", new Linear(features, 1, criticRng));
        } else {
            trunk = null;
            actorNet = child("actor", new Mlp(observationSize, hidden, actorOutputs, a.activation(), rng));
            criticNet = child("critic", new Mlp(observationSize, hidden, 1, a.activation(), criticRng));
        }
        // gSDE's latent: the features the actor's output layer reads (SB3's latent_pi)
        int latent = hidden.isEmpty() ? observationSize : hidden.getLast();
        this.sde = gaussian ? a.sde() : Optional.empty();
        Tensor init = sde.isPresent() ? Tensor.full((float) a.logStdInit(), sde.get().logStdShape(latent, actions))
                : Tensor.full((float) a.logStdInit(), actions);
        logStd = !gaussian || stateDependentStd ? null : a.fixedLogStd() ? init : param("log_std", init);
        if (a.orthoInit()) {
            orthogonalInit(rng);
        }
        if (stateDependentStd) {
            float[] bias = outputLayer(actorNet).bias().data();
            Arrays.fill(bias, actions, 2 * actions, (float) a.logStdInit());
        }
    }

    /**
     * One forward pass: actor outputs [B, A] (logits or means), log-stds [B, A] or [A] (Gaussian only), values [B];
     * with gSDE, instead of log-stds, the exploration matrix's std {@code sdeStd} [L, A] and the latent features
     * {@code latentSde} [B, L] (detached: SB3's PPO does not learn them through the noise).
     */
    public record Output(Tensor actor, Tensor logStd, Tensor values, Tensor sdeStd, Tensor latentSde) {
        /** Without gSDE. */
        public Output(Tensor actor, Tensor logStd, Tensor values) {
            this(actor, logStd, values, null, null);
        }
    }

    /** The actor's and critic's outputs for a batch of observations. */
    public Output forward(Tensor observations) {
        Tensor features = trunk != null ? trunk.forward(observations) : observations;
        return output(features, apply(criticNet, features));
    }

    /** Whether actor and critic share no parameters, so their losses can be differentiated on two threads. */
    public boolean separate() {
        return trunk == null;
    }

    /** The actor's outputs alone ({@code values} null), for separate nets. */
    public Output policy(Tensor observations) {
        if (trunk != null) {
            throw new IllegalStateException("policy(): a shared trunk computes actor and critic together");
        }
        return output(observations, null);
    }

    /** The actor's outputs from its input features (the trunk's, or the observations for separate nets). */
    private Output output(Tensor features, Tensor values) {
        if (sde.isPresent()) {
            Tensor latent = features;
            if (actorNet instanceof Mlp m) {
                for (Linear l : hiddenLayers(m)) {
                    latent = m.activation().apply(l.forward(latent));
                }
            }
            Tensor mean = outputLayer(actorNet).forward(latent);
            return new Output(mean, null, values == null ? null : values.reshape(values.dim(0)), sdeStd(), latent.detach());
        }
        Tensor actor = apply(actorNet, features);
        Tensor std = null;
        if (stateDependentStd) {
            std = actor.narrow(1, actions, actions).clamp(MIN_LOG_STD, MAX_LOG_STD);
            actor = actor.narrow(1, 0, actions);
        } else if (logStd != null) {
            std = logStd.clamp(MIN_LOG_STD, MAX_LOG_STD);
        }
        return new Output(actor, std, values == null ? null : values.reshape(values.dim(0)));
    }

    /** Values only (bootstrapping), without the actor's work when the nets are separate. */
    public Tensor values(Tensor observations) {
        Tensor v = apply(criticNet, trunk != null ? trunk.forward(observations) : observations);
        return v.reshape(v.dim(0));
    }

    /** Whether the policy explores with gSDE. */
    public boolean usesSde() {
        return sde.isPresent();
    }

    /** gSDE's exploration-matrix std [L, A] from {@code log_std} (exp or expln, unclamped as SB3's). */
    public Tensor sdeStd() {
        Sde s = sde.orElseThrow(() -> new IllegalStateException("sdeStd(): the policy does not use gSDE"));
        return StateDependentNoise.std(logStd, s.useExpln(), actions);
    }

    /** The standard deviation per action of a state-independent Gaussian, {@code exp(log_std)} clamped as in acting. */
    public Tensor std() {
        if (logStd == null || sde.isPresent()) {
            throw new IllegalStateException("std(): only a state-independent Gaussian policy has one std per action");
        }
        return logStd.clamp(MIN_LOG_STD, MAX_LOG_STD).exp();
    }

    private static Tensor apply(Module net, Tensor x) {
        return net instanceof Mlp m ? m.forward(x) : ((Linear) net).forward(x);
    }

    private static Linear outputLayer(Module net) {
        return net instanceof Mlp m ? m.layers().getLast() : (Linear) net;
    }

    private static List<Linear> hiddenLayers(Module net) {
        if (net instanceof Mlp m) {
            List<Linear> layers = m.layers();
            return layers.subList(0, layers.size() - 1);
        }
        return List.of();
    }

    /** SB3's ortho_init: hidden layers gain sqrt(2), policy output 0.01, value output 1, biases 0. */
    private void orthogonalInit(Rng rng) {
        List<Linear> hidden = new ArrayList<>();
        if (trunk != null) {
            hidden.addAll(trunk.layers());
        }
        hidden.addAll(hiddenLayers(actorNet));
        hidden.addAll(hiddenLayers(criticNet));
        for (Linear l : hidden) {
            orthogonal(l, Math.sqrt(2), rng);
        }
        orthogonal(outputLayer(actorNet), 0.01, rng);
        orthogonal(outputLayer(criticNet), 1, rng);
    }

    private static void orthogonal(Linear l, double gain, Rng rng) {
        Init.orthogonal(l.weight(), gain, rng);
        Init.zeros(l.bias());
    }
}
