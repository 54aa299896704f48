package dev.javelin.mujoco.motion;

import dev.javelin.env.motion.BvhClip;
import dev.javelin.env.motion.BvhJoint;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjModel;
import dev.javelin.mujoco.MjObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retargets a CMU BVH clip onto a MuJoCo {@link Character}:
 * <ol>
 *   <li>the skeleton's joint positions per BVH frame ({@link BvhPoses}: CMU units to metres, y-up to z-up), and the
 *       mean position of each {@link Marker}'s joints, resampled to {@code dt} by linear interpolation;</li>
 *   <li>the clip turned about the vertical so the subject first faces +x, and moved to start above the origin; for
 *       a planar character every frame is expressed in the subject's heading frame and projected onto x-z, the
 *       root's x advancing by its horizontal displacement along the heading;</li>
 *   <li><em>scaling</em>: the skeleton rebuilt with the model's proportions: the root marker keeps its position,
 *       every other marker sits at its parent marker plus the skeleton's unit direction parent-&gt;marker times
 *       the two markers' distance in the model's rest pose ({@code qpos0});</li>
 *   <li>inverse kinematics: per frame, the joint positions (root included) minimising the squared distances between
 *       the model's markers (MuJoCo forward kinematics) and those targets, each times its marker's weight, by
 *       Levenberg-Marquardt with a finite-difference Jacobian, each step clamped into the joints' ranges,
 *       warm-started from the previous frame;</li>
 *   <li>a root height offset: the whole clip raised or lowered so the lowest foot {@link Sole} over the clip just
 *       touches the floor (z = 0);</li>
 *   <li>joint velocities by central finite differences (one-sided at the ends; a free root's angular velocity in
 *       its local frame, as MuJoCo's qvel holds it), and the key bodies' positions by forward kinematics.</li>
 * </ol>
 */
public final class Retargeting {
    /** CMU's length unit: the skeleton is in inches scaled by 1 / 0.45. */
    public static final double CMU_METRES_PER_UNIT = 0.0254 / 0.45;

    /** CMU joints whose left-minus-right vector gives the subject's heading (forward = left x up). */
    private static final String[][] HEADING = {{"LeftUpLeg", "RightUpLeg"}, {"LeftArm", "RightArm"}};

    static final int FREE = 0;
    static final int SLIDE = 2;
    static final int HINGE = 3;

    private static final int FIRST_FRAME_ITERATIONS = 200;
    private static final int ITERATIONS = 30;
    private static final double DAMPING = 1e-6;
    private static final double STEP = 1e-6;

    private Retargeting() {
    }

    /** A retargeted clip and the scaled marker targets it was fitted to (frames x 3 * markers, after the floor offset). */
    record Fit(MotionLibrary library, double[][] targets) {
    }

    /**
     * The motion library of {@code clip} on {@code character}, sampled every {@code dt} seconds.
     *
     * @throws IllegalArgumentException when dt is not positive, a marker names a joint the clip lacks or a body
     *                                  the model lacks
     */
    public static MotionLibrary retarget(BvhClip clip, Character character, double dt) {
        return fit(clip, character, dt).library();
    }

    static Fit fit(BvhClip clip, Character character, double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("retarget: dt " + dt + ", expected > 0 seconds");
        }
        MjModel model = character.model();
        List<Marker> markers = character.markers();
        double[][][] skeleton = markerPaths(clip, character, dt);
        try (MjData data = new MjData(model)) {
            Kinematics kin = new Kinematics(model, data, markers);
            double[][] targets = scaledTargets(skeleton, markers, kin);
            int frames = targets.length;
            double[][] qpos = new double[frames][];
            double[] q = model.qpos0().toArray();
            kin.placeRoot(q, targets[0]);
            for (int f = 0; f < frames; f++) {
                q = kin.solve(q, targets[f], f == 0 ? FIRST_FRAME_ITERATIONS : ITERATIONS);
                qpos[f] = q.clone();
            }
            double lift = kin.floorLift(qpos, character.soles());
            int zAddress = kin.rootHeightAddress();
            for (int f = 0; f < frames; f++) {
                qpos[f][zAddress] += lift;
                for (int m = 0; m < markers.size(); m++) {
                    targets[f][3 * m + 2] += lift;
                }
            }
            double[][] qvel = kin.velocities(qpos, dt);
            double[][] keys = kin.keyBodyPositions(qpos, character.keyBodies());
            return new Fit(new MotionLibrary(character.name(), dt, qpos, qvel, character.keyBodies(), keys), targets);
        }
    }

    /** Per output frame, each marker's skeleton point (metres, z up), heading-aligned and resampled. */
    private static double[][][] markerPaths(BvhClip clip, Character character, double dt) {
        double[][][] joints = BvhPoses.positions(clip, CMU_METRES_PER_UNIT);
        Map<String, Integer> index = new HashMap<>();
        List<BvhJoint> list = clip.joints();
        for (int j = 0; j < list.size(); j++) {
            index.put(list.get(j).name(), j);
        }
        List<Marker> markers = character.markers();
        int[][] members = new int[markers.size()][];
        for (int m = 0; m < markers.size(); m++) {
            String what = "marker " + markers.get(m).name() + " of " + character.name();
            members[m] = markers.get(m).bvh().stream().mapToInt(n -> jointIndex(index, n, what)).toArray();
        }
        int[][] heading = new int[HEADING.length][2];
        for (int h = 0; h < HEADING.length; h++) {
            for (int s = 0; s < 2; s++) {
                heading[h][s] = jointIndex(index, HEADING[h][s], "the heading");
            }
        }
        int frames = (int) Math.floor((clip.frameCount() - 1) * clip.frameTime() / dt + 1e-9) + 1;
        double[][][] out = new double[frames][markers.size()][3];
        double[] yaw = new double[frames];
        for (int f = 0; f < frames; f++) {
            double t = f * dt / clip.frameTime();
            int a = Math.min((int) Math.floor(t), clip.frameCount() - 1);
            int b = Math.min(a + 1, clip.frameCount() - 1);
            double w = t - a;
            double[] left = new double[3];
            for (int[] pair : heading) {
                for (int k = 0; k < 3; k++) {
                    left[k] += lerp(joints[a][pair[0]][k], joints[b][pair[0]][k], w)
                            - lerp(joints[a][pair[1]][k], joints[b][pair[1]][k], w);
                }
            }
            // forward = left x up = (left_y, -left_x)
            yaw[f] = Math.atan2(-left[0], left[1]);
            for (int m = 0; m < markers.size(); m++) {
                for (int j : members[m]) {
                    for (int k = 0; k < 3; k++) {
                        out[f][m][k] += lerp(joints[a][j][k], joints[b][j][k], w) / members[m].length;
                    }
                }
            }
        }
        unwrap(yaw);
        double[] smooth = boxFilter(yaw, (int) Math.round(0.25 / dt));
        return character.planar() ? sagittal(out, smooth) : faceForward(out, smooth, (int) Math.round(0.5 / dt));
    }

    private static int jointIndex(Map<String, Integer> index, String name, String what) {
        Integer j = index.get(name);
        if (j == null) {
            throw new IllegalArgumentException("retarget: " + what + " names BVH joint " + name
                    + ", which the clip lacks; its joints are " + index.keySet());
        }
        return j;
    }

    private static double lerp(double a, double b, double w) {
        return a + w * (b - a);
    }

    private static void unwrap(double[] angle) {
        for (int i = 1; i < angle.length; i++) {
            double d = angle[i] - angle[i - 1];
            angle[i] -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
        }
    }

    private static double[] boxFilter(double[] x, int half) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - half); j <= Math.min(x.length - 1, i + half); j++) {
                sum += x[j];
                n++;
            }
            out[i] = sum / n;
        }
        return out;
    }

    /** Turns the clip so the mean heading of its first {@code window} frames is +x; starts the root above x=y=0. */
    private static double[][][] faceForward(double[][][] p, double[] yaw, int window) {
        double mean = 0;
        int n = Math.min(window, yaw.length);
        for (int i = 0; i < n; i++) {
            mean += yaw[i] / n;
        }
        double c = Math.cos(-mean);
        double s = Math.sin(-mean);
        double x0 = p[0][0][0];
        double y0 = p[0][0][1];
        for (double[][] frame : p) {
            for (double[] m : frame) {
                double x = m[0] - x0;
                double y = m[1] - y0;
                m[0] = c * x - s * y;
                m[1] = s * x + c * y;
            }
        }
        return p;
    }

    /** Each frame in the subject's heading frame, projected onto x-z; the root's x integrates its forward motion. */
    private static double[][][] sagittal(double[][][] p, double[] yaw) {
        double x = 0;
        double[][] root = new double[p.length][];
        for (int f = 0; f < p.length; f++) {
            root[f] = p[f][0].clone();
        }
        for (int f = 0; f < p.length; f++) {
            double c = Math.cos(-yaw[f]);
            double s = Math.sin(-yaw[f]);
            if (f > 0) {
                double dx = root[f][0] - root[f - 1][0];
                double dy = root[f][1] - root[f - 1][1];
                x += Math.cos(yaw[f]) * dx + Math.sin(yaw[f]) * dy;
            }
            double rx = root[f][0];
            double ry = root[f][1];
            for (double[] m : p[f]) {
                double mx = m[0] - rx;
                double my = m[1] - ry;
                m[0] = x + c * mx - s * my;
                m[1] = 0;
            }
        }
        return p;
    }

    /** The skeleton rebuilt with the model's rest distances between parent and child markers. */
    private static double[][] scaledTargets(double[][][] skeleton, List<Marker> markers, Kinematics kin) {
        double[] rest = kin.restMarkers();
        Map<String, Integer> index = new HashMap<>();
        for (int m = 0; m < markers.size(); m++) {
            index.put(markers.get(m).name(), m);
        }
        double[][] targets = new double[skeleton.length][3 * markers.size()];
        for (int f = 0; f < skeleton.length; f++) {
            double[] t = targets[f];
            System.arraycopy(skeleton[f][0], 0, t, 0, 3);
            for (int m = 1; m < markers.size(); m++) {
                int p = index.get(markers.get(m).parent().orElseThrow());
                double length = 0;
                double norm = 0;
                double[] d = new double[3];
                for (int k = 0; k < 3; k++) {
                    double r = rest[3 * m + k] - rest[3 * p + k];
                    length += r * r;
                    d[k] = skeleton[f][m][k] - skeleton[f][p][k];
                    norm += d[k] * d[k];
                }
                length = Math.sqrt(length);
                norm = Math.sqrt(norm);
                for (int k = 0; k < 3; k++) {
                    double unit = norm > 1e-9 ? d[k] / norm : (rest[3 * m + k] - rest[3 * p + k]) / Math.max(length, 1e-9);
                    t[3 * m + k] = t[3 * p + k] + unit * length;
                }
            }
        }
        return targets;
    }

    /** Forward kinematics of the markers, and the per-frame least-squares fit. */
    private static final class Kinematics {
        private final MjModel model;
        private final MjData data;
        private final int[] markerBody;
        private final double[][] markerPoint;
        private final double[] weight;
        private final int nq;
        private final int nv;
        private final int[] type;
        private final int[] qposAdr;
        private final int[] dofAdr;
        private final double[][] range;

        Kinematics(MjModel model, MjData data, List<Marker> markers) {
            this.model = model;
            this.data = data;
            markerBody = new int[markers.size()];
            markerPoint = new double[markers.size()][];
            weight = markers.stream().mapToDouble(Marker::weight).toArray();
            for (int m = 0; m < markers.size(); m++) {
                markerBody[m] = body(markers.get(m).body(), "marker " + markers.get(m).name());
                markerPoint[m] = markers.get(m).point();
            }
            nq = model.nq();
            nv = model.nv();
            type = model.jntType();
            qposAdr = model.jntQposAdr();
            dofAdr = model.jntDofAdr();
            range = new double[type.length][];
            for (int j = 0; j < type.length; j++) {
                range[j] = model.jntRange().row(j);
            }
        }

        int body(String name, String what) {
            return model.id(MjObject.BODY, name).orElseThrow(() -> new IllegalArgumentException("retarget: " + what
                    + " names body " + name + ", which " + model.source() + " lacks"));
        }

        double[] restMarkers() {
            return markers(model.qpos0().toArray());
        }

        /** Marker world positions (3 per marker) at {@code q}. */
        double[] markers(double[] q) {
            data.qpos().set(q);
            data.kinematics();
            double[] out = new double[3 * markerBody.length];
            for (int m = 0; m < markerBody.length; m++) {
                pointInBody(markerBody[m], markerPoint[m], out, 3 * m);
            }
            return out;
        }

        private void pointInBody(int b, double[] p, double[] out, int at) {
            double[] x = data.xpos().row(b);
            double[] r = data.xmat().row(b);
            for (int k = 0; k < 3; k++) {
                out[at + k] = x[k] + r[3 * k] * p[0] + r[3 * k + 1] * p[1] + r[3 * k + 2] * p[2];
            }
        }

        /** Translates the root so the root marker sits on its target. */
        void placeRoot(double[] q, double[] target) {
            double[] m = markers(q);
            if (type[0] == FREE) {
                for (int k = 0; k < 3; k++) {
                    q[qposAdr[0] + k] += target[k] - m[k];
                }
            } else {
                for (int j = 0; j < type.length; j++) {
                    if (type[j] == SLIDE && model.bodyParentId()[model.jntBodyId()[j]] == 0) {
                        double[] axis = model.jntAxis().row(j);
                        double shift = 0;
                        for (int k = 0; k < 3; k++) {
                            shift += axis[k] * (target[k] - m[k]);
                        }
                        q[qposAdr[j]] += shift;
                    }
                }
            }
        }

        /** The qpos index that raises the root: a free joint's z, else the root's vertical slide. */
        int rootHeightAddress() {
            for (int j = 0; j < type.length; j++) {
                if (type[j] == FREE) {
                    return qposAdr[j] + 2;
                }
                double[] axis = model.jntAxis().row(j);
                if (type[j] == SLIDE && axis[0] == 0 && axis[1] == 0 && axis[2] == 1) {
                    return qposAdr[j];
                }
            }
            throw new IllegalArgumentException("retarget: " + model.source()
                    + " has neither a free root joint nor a vertical slide joint to keep the feet on the floor");
        }

        /** How far to raise the clip so its lowest sole point over all frames is at z = 0. */
        double floorLift(double[][] qpos, List<Sole> soles) {
            double lowest = Double.POSITIVE_INFINITY;
            int[] bodies = soles.stream().mapToInt(s -> body(s.body(), "sole")).toArray();
            double[] p = new double[3];
            for (double[] q : qpos) {
                data.qpos().set(q);
                data.kinematics();
                for (int s = 0; s < bodies.length; s++) {
                    pointInBody(bodies[s], soles.get(s).point(), p, 0);
                    lowest = Math.min(lowest, p[2] - soles.get(s).radius());
                }
            }
            return soles.isEmpty() ? 0 : -lowest;
        }

        /** Moves {@code q} by the velocity-space step {@code dq} (a free joint's rotation in its local frame). */
        double[] integrate(double[] q, double[] dq) {
            double[] out = q.clone();
            for (int j = 0; j < type.length; j++) {
                int a = qposAdr[j];
                int d = dofAdr[j];
                if (type[j] == FREE) {
                    for (int k = 0; k < 3; k++) {
                        out[a + k] += dq[d + k];
                    }
                    double[] r = Quaternions.multiply(new double[] {q[a + 3], q[a + 4], q[a + 5], q[a + 6]},
                            Quaternions.exp(new double[] {dq[d + 3], dq[d + 4], dq[d + 5]}));
                    r = Quaternions.normalize(r);
                    System.arraycopy(r, 0, out, a + 3, 4);
                } else if (type[j] == SLIDE || type[j] == HINGE) {
                    out[a] += dq[d];
                    if (range[j][0] < range[j][1]) {
                        out[a] = Math.clamp(out[a], range[j][0], range[j][1]);
                    }
                } else {
                    throw new IllegalArgumentException("retarget: joint " + j + " of " + model.source()
                            + " is a ball joint, expected free, slide or hinge joints");
                }
            }
            return out;
        }

        /**
         * Levenberg-Marquardt on the squared marker distances, from {@code start}: a step that does not lower the
         * cost is retried with more damping; the search ends when the damping exceeds 1e6 or the cost stops falling.
         */
        double[] solve(double[] start, double[] target, int iterations) {
            double[] q = start;
            int rows = target.length;
            double[][] jac = new double[rows][nv];
            double lambda = 1e-3;
            double[] r = residual(markers(q), target);
            double cost = dot(r, r);
            for (int it = 0; it < iterations && lambda < 1e6; it++) {
                for (int v = 0; v < nv; v++) {
                    double[] dq = new double[nv];
                    dq[v] = STEP;
                    double[] mp = markers(integrate(q, dq));
                    dq[v] = -STEP;
                    double[] mm = markers(integrate(q, dq));
                    for (int i = 0; i < rows; i++) {
                        jac[i][v] = weight[i / 3] * (mp[i] - mm[i]) / (2 * STEP);
                    }
                }
                double[][] normal = new double[nv][nv];
                double[] g = new double[nv];
                for (int i = 0; i < rows; i++) {
                    for (int u = 0; u < nv; u++) {
                        g[u] -= jac[i][u] * r[i];
                        for (int v = 0; v <= u; v++) {
                            normal[u][v] += jac[i][u] * jac[i][v];
                        }
                    }
                }
                while (lambda < 1e6) {
                    double[][] a = new double[nv][];
                    for (int u = 0; u < nv; u++) {
                        a[u] = normal[u].clone();
                        a[u][u] += DAMPING + lambda * normal[u][u];
                    }
                    double[] next = integrate(q, Cholesky.solve(a, g));
                    double[] nr = residual(markers(next), target);
                    double nextCost = dot(nr, nr);
                    if (nextCost < cost) {
                        boolean converged = cost - nextCost < 1e-10;
                        q = next;
                        r = nr;
                        cost = nextCost;
                        lambda = Math.max(lambda / 3, 1e-7);
                        if (converged) {
                            return q;
                        }
                        break;
                    }
                    lambda *= 10;
                }
            }
            return q;
        }

        /** Weighted marker errors. */
        private double[] residual(double[] markers, double[] target) {
            double[] r = new double[target.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = weight[i / 3] * (markers[i] - target[i]);
            }
            return r;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        /** Central finite differences of {@code qpos} (one-sided at the ends). */
        double[][] velocities(double[][] qpos, double dt) {
            int frames = qpos.length;
            double[][] qvel = new double[frames][nv];
            if (frames == 1) {
                return qvel;
            }
            for (int f = 0; f < frames; f++) {
                int a = Math.max(f - 1, 0);
                int b = Math.min(f + 1, frames - 1);
                double h = (b - a) * dt;
                for (int j = 0; j < type.length; j++) {
                    int p = qposAdr[j];
                    int d = dofAdr[j];
                    if (type[j] == FREE) {
                        for (int k = 0; k < 3; k++) {
                            qvel[f][d + k] = (qpos[b][p + k] - qpos[a][p + k]) / h;
                        }
                        double[] qa = {qpos[a][p + 3], qpos[a][p + 4], qpos[a][p + 5], qpos[a][p + 6]};
                        double[] qb = {qpos[b][p + 3], qpos[b][p + 4], qpos[b][p + 5], qpos[b][p + 6]};
                        double[] w = Quaternions.log(Quaternions.multiply(Quaternions.conjugate(qa), qb));
                        for (int k = 0; k < 3; k++) {
                            qvel[f][d + 3 + k] = w[k] / h;
                        }
                    } else {
                        qvel[f][d] = (qpos[b][p] - qpos[a][p]) / h;
                    }
                }
            }
            return qvel;
        }

        double[][] keyBodyPositions(double[][] qpos, List<String> keyBodies) {
            int[] ids = keyBodies.stream().mapToInt(b -> body(b, "key body")).toArray();
            double[][] out = new double[qpos.length][3 * ids.length];
            for (int f = 0; f < qpos.length; f++) {
                data.qpos().set(qpos[f]);
                data.kinematics();
                for (int k = 0; k < ids.length; k++) {
                    System.arraycopy(data.xpos().row(ids[k]), 0, out[f], 3 * k, 3);
                }
            }
            return out;
        }
    }
}
