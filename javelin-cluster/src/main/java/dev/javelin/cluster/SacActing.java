package dev.javelin.cluster;

import dev.javelin.env.Env;
import dev.javelin.env.Step;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.rl.sac.Policy;
import dev.javelin.rl.sac.SacAgent;
import dev.javelin.rl.sac.SacConfig;
import dev.javelin.rl.sac.SacEnv;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A SAC worker's acting thread: one env, stepped once per credit with the newest weights it has (uniformly at
 * random while the global step index is within random_timesteps, as {@code javelin train}), each transition
 * tagged with the version that acted. Transitions go out once as many are pending as credits are left (or a batch
 * is full), so the learner inserts, updates and grants while this worker still has steps to take; truncated
 * episodes are stored as not done, as the local collectors store them.
 */
final class SacActing {
    private static final int MAX_BATCH = 256;

    private final WorkerInbox inbox;
    private final WorkerOptions options;
    private final Outbox outbox;
    private final long incarnation;
    private final String envId;
    private final SacConfig c;
    private final Policy policy;
    private final Map<String, Tensor> template;
    private final int stateDim;
    private final int actionDim;
    private final float rewardScale;
    private final List<float[]> pending = new ArrayList<>();
    private final List<Long> pendingVersions = new ArrayList<>();
    private final List<Float> episodeReturns = new ArrayList<>();
    private final List<Integer> episodeLengths = new ArrayList<>();
    private long version = -1;

    SacActing(WorkerInbox inbox, WorkerOptions options, Outbox outbox, long incarnation, WorkerMessage.Welcome welcome) {
        this.inbox = inbox;
        this.options = options;
        this.outbox = outbox;
        this.incarnation = incarnation;
        this.envId = welcome.env();
        if (options.envs() != 1) {
            throw new IllegalArgumentException("a SAC worker steps one env, got --envs " + options.envs()
                    + "; start more workers instead");
        }
        this.c = LearnerConfig.parse(SacConfig.class, welcome.configYaml());
        try (Env<float[], float[]> probe = SacEnv.make(envId, c.envKwargs())) {
            stateDim = SacEnv.stateDim(probe);
            actionDim = SacEnv.actionDim(probe);
        }
        try (SacAgent shapes = new SacAgent(c, stateDim, actionDim, 1, new Rng(0))) {
            this.policy = shapes.newPolicy();
        }
        this.template = policy.state();
        this.rewardScale = (float) c.rewardsShaperScale();
    }

    void run() throws InterruptedException {
        try (Env<float[], float[]> env = SacEnv.make(envId, c.envKwargs())) {
            float[] state = null;
            double episodeReturn = 0;
            int episodeLength = 0;
            WorkerMessage.Welcome seen = null;
            while (inbox.finished().isEmpty()) {
                for (WorkerMessage.Ack a; (a = inbox.acks.poll()) != null; ) {
                    outbox.acked(a);
                }
                outbox.status(version, false);
                var welcome = inbox.welcome();
                var learner = inbox.learner();
                var weights = inbox.weights();
                if (welcome.isEmpty() || learner.isEmpty() || weights.isEmpty()) {
                    inbox.await(50);
                    continue;
                }
                if (welcome.get() != seen) {
                    seen = welcome.get();
                    pending.clear();
                    pendingVersions.clear();
                    outbox.welcomed(seen, learner.get());
                }
                install(weights.get(), learner.get());
                long t = inbox.takeStep();
                if (t < 0) {
                    flush(learner.get());
                    inbox.await(20);
                    continue;
                }
                Rng rng = Rng.at(seen.seed(), t);
                if (state == null) {
                    state = env.reset(rng.nextLong() >>> 1).observation();
                }
                float[] action;
                if (t <= c.randomTimesteps()) {
                    action = new float[actionDim];
                    for (int i = 0; i < actionDim; i++) {
                        action[i] = 2 * rng.nextFloat() - 1;
                    }
                } else {
                    action = policy.sample(state, rng);
                }
                Step<float[]> step = env.step(action);
                float[] row = new float[2 * stateDim + actionDim + 2];
                System.arraycopy(state, 0, row, 0, stateDim);
                System.arraycopy(action, 0, row, stateDim, actionDim);
                row[stateDim + actionDim] = (float) step.reward() * rewardScale;
                System.arraycopy(step.observation(), 0, row, stateDim + actionDim + 1, stateDim);
                row[row.length - 1] = step.terminated() ? 1 : 0;
                pending.add(row);
                pendingVersions.add(version);
                episodeReturn += step.reward();
                episodeLength++;
                if (step.done()) {
                    episodeReturns.add((float) episodeReturn);
                    episodeLengths.add(episodeLength);
                    episodeReturn = 0;
                    episodeLength = 0;
                    state = null;
                } else {
                    state = step.observation();
                }
                // send once half of what was granted is used: the learner's next credits then arrive before these run out
                if (pending.size() >= MAX_BATCH || inbox.creditsLeft() <= pending.size()) {
                    flush(learner.get());
                }
            }
            outbox.status(version, true);
        }
    }

    /** Acts with {@code w} from now on if it is newer, and tells the learner so it may push the next. */
    private void install(Weights w, ActorRef<LearnerMessage> learner) {
        if (w.version() == version) {
            return;
        }
        policy.load(Flat.into(template, w.values()));
        version = w.version();
        learner.tell(new LearnerMessage.WeightsAck(options.id(), incarnation, version));
    }

    private void flush(ActorRef<LearnerMessage> learner) {
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        float[] s = new float[n * stateDim];
        float[] a = new float[n * actionDim];
        float[] r = new float[n];
        float[] s2 = new float[n * stateDim];
        float[] d = new float[n];
        long[] versions = new long[n];
        for (int i = 0; i < n; i++) {
            float[] row = pending.get(i);
            System.arraycopy(row, 0, s, i * stateDim, stateDim);
            System.arraycopy(row, stateDim, a, i * actionDim, actionDim);
            r[i] = row[stateDim + actionDim];
            System.arraycopy(row, stateDim + actionDim + 1, s2, i * stateDim, stateDim);
            d[i] = row[row.length - 1];
            versions[i] = pendingVersions.get(i);
        }
        float[] returns = new float[episodeReturns.size()];
        int[] lengths = new int[episodeLengths.size()];
        for (int i = 0; i < returns.length; i++) {
            returns[i] = episodeReturns.get(i);
            lengths[i] = episodeLengths.get(i);
        }
        outbox.send(learner, new TransitionBatch(options.id(), incarnation, outbox.nextSequence(), versions,
                new Transitions(n, stateDim, actionDim, s, a, r, s2, d), returns, lengths));
        pending.clear();
        pendingVersions.clear();
        episodeReturns.clear();
        episodeLengths.clear();
    }
}
