package dev.javelin.env.vector;

import dev.javelin.env.Env;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/** Steps the sub-envs one after another on the calling thread. */
public final class SyncVectorEnv extends AbstractVectorEnv {

    /** {@code numEnvs} envs made by {@code factory(i)}, stepped one after the other on the caller's thread. */
    public SyncVectorEnv(int numEnvs, IntFunction<? extends Env<float[], ?>> factory) {
        super(numEnvs, factory);
    }

    @Override
    void forEachEnv(IntConsumer task) {
        for (int i = 0, n = numEnvs(); i < n; i++) {
            task.accept(i);
        }
    }

    @Override
    public void close() {
        closeEnvs();
    }
}
