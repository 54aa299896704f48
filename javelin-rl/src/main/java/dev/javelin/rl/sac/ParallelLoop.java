package dev.javelin.rl.sac;

import dev.javelin.rl.TrainContext;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.ReplayBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * K collector threads and one learner thread, as the multi-process PyTorch SAC with shared memory (for SAC, TD3
 * and DDPG alike):
 * the collectors share one replay buffer and act with the latest published policy; the learner
 * takes the gradient steps due for the env steps done so far (the same update-to-data ratio as one
 * thread: {@link Sac#updatesDue}), and collectors wait when they run more than K * train_freq steps
 * ahead of it. The calling thread logs, reports progress and checkpoints. Not deterministic: which
 * worker's transition lands first depends on thread timing.
 */
final class ParallelLoop {
    private final TrainContext<? extends OffPolicyConfig> ctx;
    private final OffPolicyConfig c;
    private final OffPolicyAgent agent;
    private final ReplayBuffer buffer;
    private final Learner learner;
    private final Checkpoints checkpoints;
    private final long start;
    private final RandomStreams collection;
    /** Env steps handed out to collectors, and those finished (in the buffer). */
    private final AtomicLong claimed;
    private final AtomicLong finished;
    private final AtomicLong updatesDone;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    /** Held by the learner during a gradient step and by checkpoints and policy copies, so neither sees half an update. */
    private final Object agentLock = new Object();
    private final Object progressed = new Object();
    private final ActingPolicy published;
    private volatile long version;

    ParallelLoop(TrainContext<? extends OffPolicyConfig> ctx, OffPolicyAgent agent, ReplayBuffer buffer, Learner learner,
            Checkpoints checkpoints, long start, RandomStreams collection) {
        this.ctx = ctx;
        this.c = ctx.config();
        this.agent = agent;
        this.buffer = buffer;
        this.learner = learner;
        this.checkpoints = checkpoints;
        this.start = start;
        this.collection = collection;
        this.claimed = new AtomicLong(start);
        this.finished = new AtomicLong(start);
        this.updatesDone = new AtomicLong(Sac.updatesDue(c, start));
        this.published = agent.newPolicy();
        published.copyFrom(agent.policy());
    }

    /** Runs to the timesteps, or to where a stop was asked; returns the step it ended at. */
    long run() throws Exception {
        Logger logger = ctx.logger();
        List<Thread> threads = new ArrayList<>();
        List<Collector> collectors = new ArrayList<>();
        for (int k = 0; k < c.workers(); k++) {
            Collector collector = new Collector(ctx.envId(), collection, logger, c, agent.rewardNormalizer());
            collectors.add(collector);
            threads.add(Thread.ofPlatform().name("collector-" + k).daemon().unstarted(guard(() -> collect(collector))));
        }
        Thread learnerThread = Thread.ofPlatform().name("learner").daemon().unstarted(guard(this::learn));
        threads.forEach(Thread::start);
        learnerThread.start();
        long total = c.timesteps();
        try {
            while (failures.isEmpty() && !ctx.stopRequested()
                    && (learnerThread.isAlive() || threads.stream().anyMatch(Thread::isAlive))) {
                long n = finished.get();
                synchronized (logger) {
                    logger.step(n);
                }
                ctx.progress().update(n, recentReturn(collectors));
                if (n < total) {
                    synchronized (agentLock) {
                        checkpoints.maybeSave(n);
                    }
                }
                learnerThread.join(20);
            }
        } finally {
            stop.set(true);
            synchronized (progressed) {
                progressed.notifyAll();
            }
            for (Thread t : threads) {
                t.join();
            }
            learnerThread.join();
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.peek();
            if (first instanceof Exception e) {
                throw e;
            }
            throw (Error) first;
        }
        long end = Math.min(total, finished.get());
        synchronized (logger) {
            logger.step(end);
        }
        ctx.progress().update(end, recentReturn(collectors));
        checkpoints.save(end);
        return end;
    }

    /** Mean of the collectors' recent returns (NaN until an episode ended). */
    private static double recentReturn(List<Collector> collectors) {
        return collectors.stream().mapToDouble(Collector::recentReturn).filter(r -> !Double.isNaN(r)).average()
                .orElse(Double.NaN);
    }

    private Runnable guard(Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
                stop.set(true);
            }
        };
    }

    private void collect(Collector collector) {
        try (collector) {
            ActingPolicy local;
            synchronized (published) {
                local = agent.newPolicy();
                local.copyFrom(published);
            }
            long seen = -1;
            long lead = (long) c.workers() * c.trainFreq();
            while (!stop.get()) {
                long t = claimed.incrementAndGet();
                if (t > c.timesteps()) {
                    return;
                }
                // keep the update-to-data ratio: wait while the learner owes updates for steps before t - lead
                while (!stop.get() && updatesDone.get() < Sac.updatesDue(c, t - lead)) {
                    synchronized (progressed) {
                        try {
                            progressed.wait(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
                long v = version;
                if (v != seen) {
                    synchronized (published) {
                        local.copyFrom(published);
                    }
                    seen = v;
                }
                collector.step(t, local, c.randomAt(t), buffer);
                finished.incrementAndGet();
            }
        }
    }

    private void learn() {
        long total = Sac.updatesDue(c, c.timesteps());
        while (!stop.get() && updatesDone.get() < total) {
            if (updatesDone.get() >= Sac.updatesDue(c, finished.get())) {
                LockSupport.parkNanos(20_000);
                continue;
            }
            synchronized (agentLock) {
                learner.update();
            }
            synchronized (published) {
                published.copyFrom(agent.policy());
            }
            version++;
            updatesDone.incrementAndGet();
            synchronized (progressed) {
                progressed.notifyAll();
            }
        }
    }
}
