package dev.javelin.mujoco.robotics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The constants of one Fetch task, as Gymnasium-Robotics' {@code MujocoFetch*Env} constructors pass them to
 * {@code BaseFetchEnv} (names kept).
 *
 * @param initialQpos joint name to position(s) set before the arm is moved into place ({@code initial_qpos})
 */
public record FetchTask(String name, String modelFile, boolean hasObject, boolean blockGripper, int nSubsteps,
                        double gripperExtraHeight, boolean targetInTheAir, double[] targetOffset, double objRange,
                        double targetRange, double distanceThreshold, Map<String, double[]> initialQpos) {

    public FetchTask {
        if (nSubsteps < 1) {
            throw new IllegalArgumentException("FetchTask " + name + ": n_substeps = " + nSubsteps + ", expected >= 1");
        }
        if (targetOffset.length != 3) {
            throw new IllegalArgumentException("FetchTask " + name + ": target_offset of length " + targetOffset.length + ", expected 3");
        }
        if (!(distanceThreshold > 0)) {
            throw new IllegalArgumentException("FetchTask " + name + ": distance_threshold = " + distanceThreshold + ", expected > 0");
        }
        targetOffset = targetOffset.clone();
        initialQpos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(initialQpos));
    }

    private static Map<String, double[]> qpos(double slide0, double[] object) {
        Map<String, double[]> q = new LinkedHashMap<>();
        q.put("robot0:slide0", new double[] {slide0});
        q.put("robot0:slide1", new double[] {0.48});
        q.put("robot0:slide2", new double[] {0.0});
        if (object != null) {
            q.put("object0:joint", object);
        }
        return q;
    }

    private static final double[] NO_OFFSET = {0.0, 0.0, 0.0};

    public static final FetchTask REACH = new FetchTask("FetchReach", "reach.xml", false, true, 20, 0.2, true, NO_OFFSET,
            0.15, 0.15, 0.05, qpos(0.4049, null));
    public static final FetchTask PUSH = new FetchTask("FetchPush", "push.xml", true, true, 20, 0.0, false, NO_OFFSET,
            0.15, 0.15, 0.05, qpos(0.405, new double[] {1.25, 0.53, 0.4, 1.0, 0.0, 0.0, 0.0}));
    public static final FetchTask SLIDE = new FetchTask("FetchSlide", "slide.xml", true, true, 20, -0.02, false,
            new double[] {0.4, 0.0, 0.0}, 0.1, 0.3, 0.05, qpos(0.05, new double[] {1.7, 1.1, 0.41, 1.0, 0.0, 0.0, 0.0}));
    public static final FetchTask PICK_AND_PLACE = new FetchTask("FetchPickAndPlace", "pick_and_place.xml", true, false, 20,
            0.2, true, NO_OFFSET, 0.15, 0.15, 0.05, qpos(0.405, new double[] {1.25, 0.53, 0.4, 1.0, 0.0, 0.0, 0.0}));
}
