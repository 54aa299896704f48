package dev.javelin.cluster;

import dev.javelin.env.Envs;
import dev.javelin.env.Space;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.env.vector.VectorStep;
import dev.javelin.rl.ppo.Ppo;
import dev.javelin.rl.ppo.PpoAgent;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.preprocess.ReturnNormalizer;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PPO worker's acting thread: for each new policy version, {@code rollouts} steps of its vector env with that
 * policy, sent as one fragment tagged with the version; then it waits for the next version (synchronous PPO).
 * Rewards are shaped, normalized and bootstrapped at time limits here, exactly as {@code javelin train}'s loop
 * does before it stores them, so the learner's update sees the same memory.
 */
final class PpoActing {
    private final WorkerInbox inbox;
    private final WorkerOptions options;
    private final Outbox outbox;
    private final long incarnation;
    private final String envId;
    private final PpoConfig c;
    private final long seed;
    private long version = -1;

    PpoActing(WorkerInbox inbox, WorkerOptions options, Outbox outbox, long incarnation, WorkerMessage.Welcome welcome) {
        this.inbox = inbox;
        this.options = options;
        this.outbox = outbox;
        this.incarnation = incarnation;
        this.envId = welcome.env();
        this.c = LearnerConfig.parse(PpoConfig.class, welcome.configYaml());
        this.seed = welcome.seed();
    }

    void run() throws InterruptedException {
        int n = options.envs();
        try (VectorEnv envs = Envs.makeVec(envId, n, 1, c.envKwargs());
             PpoAgent agent = new PpoAgent(c, envs.observationSize(), envs.singleActionSpace(), new Rng(seed), 1)) {
            Map<String, Tensor> template = ActingState.tensors(agent.actingState());
            Optional<ReturnNormalizer> rewardScaling = c.normalize()
                    ? Optional.of(new ReturnNormalizer(n, c.discountFactor())) : Optional.empty();
            Space<?> actionSpace = envs.singleActionSpace();
            int d = envs.observationSize();
            int a = agent.actionSize();
            int[] discrete = new int[n];
            float[] continuous = new float[n * a];
            VectorStep s = envs.reset(seed);
            double[] episodeReturn = new double[n];
            int[] episodeLength = new int[n];
            WorkerMessage.Welcome seen = null;
            while (inbox.finished().isEmpty()) {
                for (WorkerMessage.Ack ack; (ack = inbox.acks.poll()) != null; ) {
                    outbox.acked(ack);
                }
                outbox.status(version, false);
                var welcome = inbox.welcome();
                var learner = inbox.learner();
                var weights = inbox.weights();
                if (welcome.isEmpty() || learner.isEmpty() || weights.isEmpty() || weights.get().version() == version) {
                    inbox.await(20);
                    continue;
                }
                if (welcome.get() != seen) {
                    seen = welcome.get();
                    outbox.welcomed(seen, learner.get());
                }
                Weights w = weights.get();
                agent.restoreActing(ActingState.checkpoint(Flat.into(template, w.values())));
                version = w.version();
                learner.get().tell(new LearnerMessage.WeightsAck(options.id(), incarnation, version));

                int steps = c.rollouts();
                float[] states = new float[steps * n * d];
                float[] actions = new float[steps * n * a];
                float[] rewards = new float[steps * n];
                float[] terminated = new float[steps * n];
                float[] truncated = new float[steps * n];
                float[] logProb = new float[steps * n];
                float[] values = new float[steps * n];
                List<Float> returns = new ArrayList<>();
                List<Integer> lengths = new ArrayList<>();
                agent.beginRollout(n);
                for (int r = 0; r < steps; r++) {
                    System.arraycopy(s.observations(), 0, states, r * n * d, n * d);
                    PpoAgent.Act act = agent.act(s.observations().clone(), n);
                    s = Ppo.step(envs, actionSpace, act.actions(), discrete, continuous);
                    float[] reward = s.rewards().clone();
                    for (int i = 0; i < n; i++) {
                        episodeReturn[i] += s.rewards()[i];
                        episodeLength[i]++;
                        if (s.terminated()[i] || s.truncated()[i]) {
                            returns.add((float) episodeReturn[i]);
                            lengths.add(episodeLength[i]);
                            episodeReturn[i] = 0;
                            episodeLength[i] = 0;
                        }
                    }
                    VectorStep now = s;
                    rewardScaling.ifPresent(rs -> rs.normalize(reward, now.terminated(), now.truncated()));
                    if (c.rewardsShaper().isPresent()) {
                        float factor = c.rewardsShaper().get().floatValue();
                        for (int i = 0; i < n; i++) {
                            reward[i] *= factor;
                        }
                    }
                    if (c.timeLimitBootstrap()) {
                        Ppo.bootstrapTruncated(agent, s, reward, (float) c.discountFactor());
                    }
                    System.arraycopy(act.actions(), 0, actions, r * n * a, n * a);
                    System.arraycopy(reward, 0, rewards, r * n, n);
                    System.arraycopy(act.logProb(), 0, logProb, r * n, n);
                    System.arraycopy(act.values(), 0, values, r * n, n);
                    for (int i = 0; i < n; i++) {
                        terminated[r * n + i] = s.terminated()[i] ? 1 : 0;
                        truncated[r * n + i] = s.truncated()[i] ? 1 : 0;
                    }
                }
                float[] lastValues = agent.values(s.observations().clone(), n);
                float[] er = new float[returns.size()];
                int[] el = new int[lengths.size()];
                for (int i = 0; i < er.length; i++) {
                    er[i] = returns.get(i);
                    el[i] = lengths.get(i);
                }
                outbox.send(learner.get(), new RolloutFragment(options.id(), incarnation, outbox.nextSequence(), version, steps, n, d,
                        a, states, actions, rewards, terminated, truncated, logProb, values, lastValues, er, el));
            }
            outbox.status(version, true);
        }
    }
}
