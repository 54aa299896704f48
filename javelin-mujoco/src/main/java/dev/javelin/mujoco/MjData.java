package dev.javelin.mujoco;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The simulation state of one {@link MjModel} ({@code mjData}) with the MuJoCo functions that advance it.
 * Its arrays are {@link MjArray} views on MuJoCo's memory, made once: a step copies nothing into Java.
 * One MjData belongs to one thread at a time (one per env); the model it was made from may be shared.
 */
public final class MjData implements AutoCloseable {
    private final MjModel model;
    final MemorySegment ptr;
    private final MemorySegment modelPtr;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final MjArray qpos, qvel, act, ctrl, qacc, qaccWarmstart, mocapPos, mocapQuat, sensordata;
    private final MjArray xpos, xquat, xmat, xipos, geomXpos, siteXpos, siteXmat, subtreeCom, cinert, cvel;
    private final MjArray qfrcActuator, qfrcConstraint, cfrcExt, tenLength, tenVelocity;

    /** New simulation data for {@code model} ({@code mj_makeData}), reset to the model's defaults. */
    public MjData(MjModel model) {
        this.model = model;
        this.modelPtr = model.live();
        try {
            MemorySegment d = (MemorySegment) Native.mj_makeData.invokeExact(modelPtr);
            if (d.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("MjData: MuJoCo could not allocate data for " + model);
            }
            ptr = d.reinterpret(MjLayout.Data.SIZE);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        int nq = model.nq(), nv = model.nv(), nb = model.nbody();
        qpos = array(MjLayout.Data.QPOS, nq, 1);
        qvel = array(MjLayout.Data.QVEL, nv, 1);
        act = array(MjLayout.Data.ACT, model.na(), 1);
        ctrl = array(MjLayout.Data.CTRL, model.nu(), 1);
        qacc = array(MjLayout.Data.QACC, nv, 1);
        qaccWarmstart = array(MjLayout.Data.QACC_WARMSTART, nv, 1);
        mocapPos = array(MjLayout.Data.MOCAP_POS, model.nmocap(), 3);
        mocapQuat = array(MjLayout.Data.MOCAP_QUAT, model.nmocap(), 4);
        sensordata = array(MjLayout.Data.SENSORDATA, model.nsensordata(), 1);
        xpos = array(MjLayout.Data.XPOS, nb, 3);
        xquat = array(MjLayout.Data.XQUAT, nb, 4);
        xmat = array(MjLayout.Data.XMAT, nb, 9);
        xipos = array(MjLayout.Data.XIPOS, nb, 3);
        geomXpos = array(MjLayout.Data.GEOM_XPOS, model.ngeom(), 3);
        siteXpos = array(MjLayout.Data.SITE_XPOS, model.nsite(), 3);
        siteXmat = array(MjLayout.Data.SITE_XMAT, model.nsite(), 9);
        subtreeCom = array(MjLayout.Data.SUBTREE_COM, nb, 3);
        cinert = array(MjLayout.Data.CINERT, nb, 10);
        cvel = array(MjLayout.Data.CVEL, nb, 6);
        qfrcActuator = array(MjLayout.Data.QFRC_ACTUATOR, nv, 1);
        qfrcConstraint = array(MjLayout.Data.QFRC_CONSTRAINT, nv, 1);
        cfrcExt = array(MjLayout.Data.CFRC_EXT, nb, 6);
        tenLength = array(MjLayout.Data.TEN_LENGTH, model.ntendon(), 1);
        tenVelocity = array(MjLayout.Data.TEN_VELOCITY, model.ntendon(), 1);
    }

    private MjArray array(long offset, long rows, long cols) {
        return new MjArray(ptr.get(ValueLayout.ADDRESS, offset), rows, cols);
    }

    /** The model this data belongs to. */
    public MjModel model() {
        return model;
    }

    /** Advances one timestep ({@code mj_step}). */
    public void step() {
        try {
            Native.mj_step.invokeExact(modelPtr, live());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@code n} consecutive {@link #step()}s, as the Python bindings' {@code mj_step(m, d, nstep=n)}. */
    public void step(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("MjData.step: n = " + n + ", expected >= 0");
        }
        MemorySegment d = live();
        try {
            for (int i = 0; i < n; i++) {
                Native.mj_step.invokeExact(modelPtr, d);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Computes everything that depends on the state without advancing time ({@code mj_forward}). */
    public void forward() {
        call(Native.mj_forward);
    }

    /** Resets to the model's defaults: {@code qpos0}, zero velocity, time 0 ({@code mj_resetData}). */
    public void resetData() {
        call(Native.mj_resetData);
    }

    /** Resets to keyframe {@code key} ({@code mj_resetDataKeyframe}). */
    public void resetDataKeyframe(int key) {
        if (key < 0 || key >= model.nkey()) {
            throw new IllegalArgumentException("MjData.resetDataKeyframe: key " + key + ", model has " + model.nkey());
        }
        try {
            Native.mj_resetDataKeyframe.invokeExact(modelPtr, live(), key);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Computes {@code cacc}, {@code cfrc_int} and {@code cfrc_ext} after a step ({@code mj_rnePostConstraint}). */
    public void rnePostConstraint() {
        call(Native.mj_rnePostConstraint);
    }

    /** Forward kinematics only: body, geom and site poses from qpos ({@code mj_kinematics}). */
    public void kinematics() {
        call(Native.mj_kinematics);
    }

    /** Centre-of-mass quantities after kinematics ({@code mj_comPos}). */
    public void comPos() {
        call(Native.mj_comPos);
    }

    /** Copies another MjData of the same model into this one ({@code mj_copyData}). */
    public void copyFrom(MjData other) {
        if (other.model != model) {
            throw new IllegalArgumentException("MjData.copyFrom: data of " + other.model + ", expected data of " + model);
        }
        try {
            MemorySegment unused = (MemorySegment) Native.mj_copyData.invokeExact(live(), modelPtr, other.live());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * The translational and rotational Jacobians of site {@code siteId} ({@code mj_jacSite}), each 3 x nv row-major,
     * written into {@code jacp} and {@code jacr} (either may be null to skip it). Valid after kinematics.
     */
    public void jacSite(double[] jacp, double[] jacr, int siteId) {
        int n = 3 * model.nv();
        if (siteId < 0 || siteId >= model.nsite()) {
            throw new IndexOutOfBoundsException("MjData.jacSite: site " + siteId + ", model has " + model.nsite());
        }
        if ((jacp != null && jacp.length != n) || (jacr != null && jacr.length != n)) {
            throw new IllegalArgumentException("MjData.jacSite: Jacobian buffers of length " + (jacp == null ? "-" : jacp.length)
                    + " and " + (jacr == null ? "-" : jacr.length) + ", expected 3 * nv = " + n);
        }
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment p = jacp == null ? MemorySegment.NULL : arena.allocate(ValueLayout.JAVA_DOUBLE, n);
            MemorySegment r = jacr == null ? MemorySegment.NULL : arena.allocate(ValueLayout.JAVA_DOUBLE, n);
            Native.mj_jacSite.invokeExact(modelPtr, live(), p, r, siteId);
            if (jacp != null) {
                MemorySegment.copy(p, ValueLayout.JAVA_DOUBLE, 0, jacp, 0, n);
            }
            if (jacr != null) {
                MemorySegment.copy(r, ValueLayout.JAVA_DOUBLE, 0, jacr, 0, n);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private void call(java.lang.invoke.MethodHandle h) {
        try {
            h.invokeExact(modelPtr, live());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The simulation time in seconds. */
    public double time() {
        return live().get(ValueLayout.JAVA_DOUBLE, MjLayout.Data.TIME);
    }

    /** Sets the simulation time in seconds. */
    public void setTime(double time) {
        live().set(ValueLayout.JAVA_DOUBLE, MjLayout.Data.TIME, time);
    }

    /** Number of contacts detected by the last step or forward. */
    public int ncon() {
        return live().get(ValueLayout.JAVA_INT, MjLayout.Data.NCON);
    }

    /** Contact {@code i} of {@link #ncon()}. */
    public MjContact contact(int i) {
        int n = ncon();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("MjData.contact: " + i + ", " + n + " contacts");
        }
        long size = MjLayout.Contact.SIZE;
        MemorySegment c = live().get(ValueLayout.ADDRESS, MjLayout.Data.CONTACT).reinterpret(n * size).asSlice(i * size, size);
        double[] pos = c.asSlice(MjLayout.Contact.POS, 24).toArray(ValueLayout.JAVA_DOUBLE);
        double[] frame = c.asSlice(MjLayout.Contact.FRAME, 72).toArray(ValueLayout.JAVA_DOUBLE);
        return new MjContact(c.get(ValueLayout.JAVA_DOUBLE, MjLayout.Contact.DIST), pos, frame,
                c.get(ValueLayout.JAVA_INT, MjLayout.Contact.GEOM), c.get(ValueLayout.JAVA_INT, MjLayout.Contact.GEOM + 4));
    }

    /** Generalized positions (nq). */
    public MjArray qpos() {
        return qpos;
    }

    /** Generalized velocities (nv). */
    public MjArray qvel() {
        return qvel;
    }

    /** Actuator activations (na). */
    public MjArray act() {
        return act;
    }

    /** Controls (nu). */
    public MjArray ctrl() {
        return ctrl;
    }

    /** Accelerations (nv). */
    public MjArray qacc() {
        return qacc;
    }

    /** Accelerations the solver warm-starts from (nv). */
    public MjArray qaccWarmstart() {
        return qaccWarmstart;
    }

    /** Mocap body positions (nmocap x 3). */
    public MjArray mocapPos() {
        return mocapPos;
    }

    /** Mocap body orientations, quaternions w,x,y,z (nmocap x 4). */
    public MjArray mocapQuat() {
        return mocapQuat;
    }

    /** Sensor readings (nsensordata). */
    public MjArray sensordata() {
        return sensordata;
    }

    /** Body frame positions (nbody x 3). */
    public MjArray xpos() {
        return xpos;
    }

    /** Body frame orientations, quaternions w,x,y,z (nbody x 4). */
    public MjArray xquat() {
        return xquat;
    }

    /** Body frame orientations, row-major 3x3 (nbody x 9). */
    public MjArray xmat() {
        return xmat;
    }

    /** Body centre-of-mass positions (nbody x 3). */
    public MjArray xipos() {
        return xipos;
    }

    /** Geom positions (ngeom x 3). */
    public MjArray geomXpos() {
        return geomXpos;
    }

    /** Site positions (nsite x 3). */
    public MjArray siteXpos() {
        return siteXpos;
    }

    /** Site orientations, row-major 3x3 (nsite x 9). */
    public MjArray siteXmat() {
        return siteXmat;
    }

    /** Centre of mass of each body's subtree (nbody x 3). */
    public MjArray subtreeCom() {
        return subtreeCom;
    }

    /** Com-based body inertia and mass (nbody x 10). */
    public MjArray cinert() {
        return cinert;
    }

    /** Com-based body velocity, rotation then translation (nbody x 6). */
    public MjArray cvel() {
        return cvel;
    }

    /** Actuator force in joint space (nv). */
    public MjArray qfrcActuator() {
        return qfrcActuator;
    }

    /** Constraint force in joint space (nv). */
    public MjArray qfrcConstraint() {
        return qfrcConstraint;
    }

    /** Com-based external force on each body (nbody x 6); valid after {@link #rnePostConstraint()}. */
    public MjArray cfrcExt() {
        return cfrcExt;
    }

    /** Tendon lengths (ntendon). */
    public MjArray tenLength() {
        return tenLength;
    }

    /** Tendon velocities (ntendon). */
    public MjArray tenVelocity() {
        return tenVelocity;
    }

    MemorySegment live() {
        if (closed.get()) {
            throw new IllegalStateException("MjData of " + model + " is closed");
        }
        return ptr;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Native.mj_deleteData.invokeExact(ptr);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }
    }
}
