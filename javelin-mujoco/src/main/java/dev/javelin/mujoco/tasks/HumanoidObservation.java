package dev.javelin.mujoco.tasks;

import dev.javelin.env.EnvSpec;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjModel;

import java.util.Set;

/**
 * The observation Humanoid-v5 and HumanoidStandup-v5 share: qpos (without x and y by default), qvel, then
 * {@code cinert}, {@code cvel}, {@code qfrc_actuator} without the free joint's 6 dofs and {@code cfrc_ext}, the
 * body quantities without the world body, each part present unless its {@code include_*} option is false.
 */
final class HumanoidObservation {
    static final Set<String> OPTIONS = Set.of("exclude_current_positions_from_observation", "include_cinert_in_observation",
            "include_cvel_in_observation", "include_qfrc_actuator_in_observation", "include_cfrc_ext_in_observation");

    private final boolean excludeXy;
    private final boolean cinert;
    private final boolean cvel;
    private final boolean qfrcActuator;
    private final boolean cfrcExt;
    private final int size;

    HumanoidObservation(EnvSpec.Options o, MjModel model) {
        excludeXy = o.getBoolean("exclude_current_positions_from_observation", true);
        cinert = o.getBoolean("include_cinert_in_observation", true);
        cvel = o.getBoolean("include_cvel_in_observation", true);
        qfrcActuator = o.getBoolean("include_qfrc_actuator_in_observation", true);
        cfrcExt = o.getBoolean("include_cfrc_ext_in_observation", true);
        if (qfrcActuator && model.nv() < 6) {
            throw new IllegalArgumentException("make(" + o.id() + "): model " + model.source() + " has nv = " + model.nv()
                    + ", expected a free joint (nv >= 6) for qfrc_actuator[6:]");
        }
        int bodies = model.nbody() - 1;
        size = model.nq() + model.nv() - (excludeXy ? 2 : 0) + (cinert ? bodies * 10 : 0) + (cvel ? bodies * 6 : 0)
                + (qfrcActuator ? model.nv() - 6 : 0) + (cfrcExt ? bodies * 6 : 0);
    }

    int size() {
        return size;
    }

    float[] observe(MjData data) {
        float[] obs = new float[size];
        int k = copy(data.qpos(), excludeXy ? 2 : 0, obs, 0);
        k = copy(data.qvel(), 0, obs, k);
        if (cinert) {
            k = copy(data.cinert(), 10, obs, k);
        }
        if (cvel) {
            k = copy(data.cvel(), 6, obs, k);
        }
        if (qfrcActuator) {
            k = copy(data.qfrcActuator(), 6, obs, k);
        }
        if (cfrcExt) {
            k = copy(data.cfrcExt(), 6, obs, k);
        }
        return obs;
    }

    /** Casts {@code a[from:]} to float32 into {@code obs} at {@code k}; returns the next free index. */
    private static int copy(MjArray a, int from, float[] obs, int k) {
        for (int i = from; i < a.length(); i++) {
            obs[k++] = (float) a.get(i);
        }
        return k;
    }
}
