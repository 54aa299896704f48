package dev.javelin.rl.sac;

import dev.javelin.env.wrappers.FlattenDictObservation;
import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.wrappers.RescaleAction;

import java.util.Map;

/** The env SAC acts on: a Box-observation, bounded-Box-action env rescaled to the policy's [-1, 1]. */
public final class SacEnv {
    private SacEnv() {
    }

    @SuppressWarnings("unchecked")
    public static RescaleAction<float[]> make(String envId, Map<String, Object> envKwargs) {
        // goal envs' Dict observations reach the networks flattened, as SB3's MultiInputPolicy sees them
        Env<?, ?> env = FlattenDictObservation.ifDict(Envs.make(envId, envKwargs));
        if (!(env.observationSpace() instanceof Box)) {
            throw new IllegalArgumentException("SAC needs a Box observation space; " + envId + " has " + env.observationSpace());
        }
        if (!(env.actionSpace() instanceof Box box) || !box.isBounded()) {
            throw new IllegalArgumentException("SAC needs a bounded Box action space (continuous actions); " + envId
                    + " has " + env.actionSpace());
        }
        return new RescaleAction<>((Env<float[], float[]>) env, -1f, 1f);
    }

    public static int stateDim(Env<float[], float[]> env) {
        return ((Box) env.observationSpace()).size();
    }

    public static int actionDim(Env<float[], float[]> env) {
        return ((Box) env.actionSpace()).size();
    }
}
