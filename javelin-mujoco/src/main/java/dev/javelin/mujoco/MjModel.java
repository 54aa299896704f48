package dev.javelin.mujoco;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A compiled MuJoCo model ({@code mjModel}): sizes, options, names and the model arrays Javelin reads.
 * Read-only once loaded, so one model is shared by the {@link MjData} of many envs and threads.
 *
 * <pre>{@code
 * try (MjModel model = MjModel.fromXmlPath(Path.of("hopper.xml")); MjData data = new MjData(model)) {
 *     data.ctrl().set(0, 0.5);
 *     data.step();
 *     double height = data.qpos().get(1);
 * }
 * }</pre>
 *
 * Close it after every {@link MjData} made from it: closing frees the native model.
 */
public final class MjModel implements AutoCloseable {
    private static final int ERROR_SIZE = 1000;

    final MemorySegment ptr;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String source;

    private final int nq, nv, nu, na, nbody, njnt, ngeom, nsite, ncam, nmocap, nsensordata, nkey, ntendon, neq;

    private MjModel(MemorySegment ptr, String source) {
        this.ptr = ptr.reinterpret(MjLayout.Model.SIZE);
        this.source = source;
        nq = size(MjLayout.Model.NQ);
        nv = size(MjLayout.Model.NV);
        nu = size(MjLayout.Model.NU);
        na = size(MjLayout.Model.NA);
        nbody = size(MjLayout.Model.NBODY);
        njnt = size(MjLayout.Model.NJNT);
        ngeom = size(MjLayout.Model.NGEOM);
        nsite = size(MjLayout.Model.NSITE);
        ncam = size(MjLayout.Model.NCAM);
        nmocap = size(MjLayout.Model.NMOCAP);
        nsensordata = size(MjLayout.Model.NSENSORDATA);
        nkey = size(MjLayout.Model.NKEY);
        ntendon = size(MjLayout.Model.NTENDON);
        neq = size(MjLayout.Model.NEQ);
    }

    /** Compiles an MJCF (or URDF) file; relative asset paths resolve against its folder. */
    public static MjModel fromXmlPath(Path file) {
        MuJoCo.get();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("MjModel: model file " + file + " does not exist");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(ERROR_SIZE);
            MemorySegment m = (MemorySegment) Native.mj_loadXML.invokeExact(
                    arena.allocateFrom(file.toAbsolutePath().toString()), MemorySegment.NULL, error, ERROR_SIZE);
            return checked(m, error, file.toString());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Compiles MJCF text held in memory (through MuJoCo's virtual file system); it may not reference other files. */
    public static MjModel fromXmlString(String xml) {
        MuJoCo.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vfs = arena.allocate(MjLayout.Sizes.MJ_VFS, 8);
            Native.mj_defaultVFS.invokeExact(vfs);
            try {
                byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
                MemorySegment name = arena.allocateFrom("model.xml");
                int rc = (int) Native.mj_addBufferVFS.invokeExact(vfs, name, arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes), bytes.length);
                if (rc != 0) {
                    throw new IllegalStateException("MjModel: MuJoCo's VFS refused the XML string (code " + rc + ")");
                }
                MemorySegment error = arena.allocate(ERROR_SIZE);
                MemorySegment m = (MemorySegment) Native.mj_loadXML.invokeExact(name, vfs, error, ERROR_SIZE);
                return checked(m, error, "<xml string>");
            } finally {
                Native.mj_deleteVFS.invokeExact(vfs);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static MjModel checked(MemorySegment m, MemorySegment error, String source) {
        if (m.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("MjModel: MuJoCo could not compile " + source + ": " + error.getString(0));
        }
        return new MjModel(m, source);
    }

    private int size(long offset) {
        long n = ptr.get(ValueLayout.JAVA_LONG, offset);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalStateException("MjModel " + source + ": size " + n + " at offset " + offset + " out of range");
        }
        return (int) n;
    }

    /** Where the model came from, for messages. */
    public String source() {
        return source;
    }

    /** Generalized coordinates ({@code nq}). */
    public int nq() {
        return nq;
    }

    /** Degrees of freedom ({@code nv}). */
    public int nv() {
        return nv;
    }

    /** Actuators and controls ({@code nu}). */
    public int nu() {
        return nu;
    }

    /** Activation states ({@code na}). */
    public int na() {
        return na;
    }

    /** Bodies, the world body included ({@code nbody}). */
    public int nbody() {
        return nbody;
    }

    /** Joints ({@code njnt}). */
    public int njnt() {
        return njnt;
    }

    /** Geoms ({@code ngeom}). */
    public int ngeom() {
        return ngeom;
    }

    /** Sites ({@code nsite}). */
    public int nsite() {
        return nsite;
    }

    /** Cameras ({@code ncam}). */
    public int ncam() {
        return ncam;
    }

    /** Mocap bodies ({@code nmocap}). */
    public int nmocap() {
        return nmocap;
    }

    /** Floats of sensor data ({@code nsensordata}). */
    public int nsensordata() {
        return nsensordata;
    }

    /** Keyframes ({@code nkey}). */
    public int nkey() {
        return nkey;
    }

    /** Number of tendons. */
    public int ntendon() {
        return ntendon;
    }

    /** Number of equality constraints. */
    public int neq() {
        return neq;
    }

    /** {@code opt.timestep}: seconds per {@code mj_step}. */
    public double timestep() {
        return live().get(ValueLayout.JAVA_DOUBLE, MjLayout.Model.OPT_TIMESTEP);
    }

    /** {@code stat.extent}: the model's spatial extent, which free cameras scale their distance by. */
    public double extent() {
        return live().get(ValueLayout.JAVA_DOUBLE, MjLayout.Model.STAT_EXTENT);
    }

    /** The id of a named element, empty if there is none. */
    public OptionalInt id(MjObject type, String name) {
        try (Arena arena = Arena.ofConfined()) {
            int id = (int) Native.mj_name2id.invokeExact(live(), type.code, arena.allocateFrom(name));
            return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The id of a named element, or an exception naming the model and the missing name. */
    public int requireId(MjObject type, String name) {
        return id(type, name).orElseThrow(() -> new IllegalArgumentException(
                "MjModel " + source + ": no " + type.name().toLowerCase() + " named '" + name + "'"));
    }

    /** The name of element {@code id}, or "" if it has none. */
    public String name(MjObject type, int id) {
        try {
            MemorySegment s = (MemorySegment) Native.mj_id2name.invokeExact(live(), type.code, id);
            return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@code qpos0}: the default pose (nq). */
    public MjArray qpos0() {
        return array(MjLayout.Model.QPOS0, nq, 1);
    }

    /** {@code body_mass} (nbody). */
    public MjArray bodyMass() {
        return array(MjLayout.Model.BODY_MASS, nbody, 1);
    }

    /** {@code jnt_range} (njnt x 2). */
    public MjArray jntRange() {
        return array(MjLayout.Model.JNT_RANGE, njnt, 2);
    }

    /** {@code jnt_axis} (njnt x 3). */
    public MjArray jntAxis() {
        return array(MjLayout.Model.JNT_AXIS, njnt, 3);
    }

    /** {@code geom_size} (ngeom x 3). */
    public MjArray geomSize() {
        return array(MjLayout.Model.GEOM_SIZE, ngeom, 3);
    }

    /** {@code site_pos}: each site's position in its body's frame (nsite x 3); writable, as Gymnasium-Robotics moves its target. */
    public MjArray sitePos() {
        return array(MjLayout.Model.SITE_POS, nsite, 3);
    }

    /** {@code actuator_ctrlrange} (nu x 2). */
    public MjArray actuatorCtrlRange() {
        return array(MjLayout.Model.ACTUATOR_CTRLRANGE, nu, 2);
    }

    /** {@code key_qpos} (nkey x nq). */
    public MjArray keyQpos() {
        return array(MjLayout.Model.KEY_QPOS, nkey, nq);
    }

    /** {@code key_qvel} (nkey x nv). */
    public MjArray keyQvel() {
        return array(MjLayout.Model.KEY_QVEL, nkey, nv);
    }

    /** {@code jnt_type} (njnt): free 0, ball 1, slide 2, hinge 3. */
    public int[] jntType() {
        return ints(MjLayout.Model.JNT_TYPE, njnt);
    }

    /** {@code jnt_qposadr} (njnt). */
    public int[] jntQposAdr() {
        return ints(MjLayout.Model.JNT_QPOSADR, njnt);
    }

    /** {@code jnt_dofadr} (njnt). */
    public int[] jntDofAdr() {
        return ints(MjLayout.Model.JNT_DOFADR, njnt);
    }

    /** {@code jnt_bodyid} (njnt). */
    public int[] jntBodyId() {
        return ints(MjLayout.Model.JNT_BODYID, njnt);
    }

    /** {@code body_parentid} (nbody). */
    public int[] bodyParentId() {
        return ints(MjLayout.Model.BODY_PARENTID, nbody);
    }

    /** {@code body_mocapid} (nbody): the mocap index of each body, -1 for bodies that are not mocap. */
    public int[] bodyMocapId() {
        return ints(MjLayout.Model.BODY_MOCAPID, nbody);
    }

    /** {@code eq_type} (neq); compare with {@link #EQ_WELD}. */
    public int[] eqType() {
        return ints(MjLayout.Model.EQ_TYPE, neq);
    }

    /** {@code eq_obj1id} (neq). */
    public int[] eqObj1Id() {
        return ints(MjLayout.Model.EQ_OBJ1ID, neq);
    }

    /** {@code eq_obj2id} (neq). */
    public int[] eqObj2Id() {
        return ints(MjLayout.Model.EQ_OBJ2ID, neq);
    }

    /**
     * {@code eq_data} (neq x mjNEQDATA), writable: robotics tasks reset the weld's relative pose of their mocap
     * constraint, as Gymnasium-Robotics' {@code reset_mocap_welds} does, on the model that envs share.
     */
    public MjArray eqData() {
        return array(MjLayout.Model.EQ_DATA, neq, MjLayout.Enums.mjNEQDATA);
    }

    /** {@code actuator_trnid} (nu x 2): the joint (or other target) each actuator drives. */
    public int[] actuatorTrnId() {
        return ints(MjLayout.Model.ACTUATOR_TRNID, nu * 2);
    }

    /** {@code actuator_biastype} (nu); {@link #BIAS_NONE} for plain motors. */
    public int[] actuatorBiasType() {
        return ints(MjLayout.Model.ACTUATOR_BIASTYPE, nu);
    }

    /** {@code mjEQ_WELD}. */
    public static final int EQ_WELD = MjLayout.Enums.mjEQ_WELD;
    /** {@code mjBIAS_NONE}. */
    public static final int BIAS_NONE = MjLayout.Enums.mjBIAS_NONE;

    /** {@code actuator_ctrllimited} (nu). */
    public boolean[] actuatorCtrlLimited() {
        MemorySegment p = live().get(ValueLayout.ADDRESS, MjLayout.Model.ACTUATOR_CTRLLIMITED).reinterpret(nu);
        boolean[] out = new boolean[nu];
        for (int i = 0; i < nu; i++) {
            out[i] = p.get(ValueLayout.JAVA_BYTE, i) != 0;
        }
        return out;
    }

    /** Sets {@code vis.global.offwidth/offheight}, the offscreen buffer size a renderer's context gets. */
    void setOffscreenSize(int width, int height) {
        live().set(ValueLayout.JAVA_INT, MjLayout.Model.VIS_GLOBAL_OFFWIDTH, width);
        live().set(ValueLayout.JAVA_INT, MjLayout.Model.VIS_GLOBAL_OFFHEIGHT, height);
    }

    int offscreenWidth() {
        return live().get(ValueLayout.JAVA_INT, MjLayout.Model.VIS_GLOBAL_OFFWIDTH);
    }

    int offscreenHeight() {
        return live().get(ValueLayout.JAVA_INT, MjLayout.Model.VIS_GLOBAL_OFFHEIGHT);
    }

    private MjArray array(long offset, long rows, long cols) {
        return new MjArray(live().get(ValueLayout.ADDRESS, offset), rows, cols);
    }

    private int[] ints(long offset, int n) {
        return live().get(ValueLayout.ADDRESS, offset).reinterpret(n * 4L).toArray(ValueLayout.JAVA_INT);
    }

    MemorySegment live() {
        if (closed.get()) {
            throw new IllegalStateException("MjModel " + source + " is closed");
        }
        return ptr;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Native.mj_deleteModel.invokeExact(ptr);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }
    }

    @Override
    public String toString() {
        return "MjModel[" + source + ", nq=" + nq + ", nv=" + nv + ", nu=" + nu + ", nbody=" + nbody + "]";
    }
}
