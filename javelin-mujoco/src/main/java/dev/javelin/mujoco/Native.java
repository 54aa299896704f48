package dev.javelin.mujoco;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Downcall handles of the MuJoCo functions Javelin calls, as static finals so the JIT binds them like
 * direct calls. First touched only after {@link MuJoCo#get()} has succeeded (MjModel's loaders call it),
 * so a missing library surfaces as MuJoCo's message, not as an initializer error here.
 */
final class Native {
    private Native() {
    }

    private static final MuJoCo MJ = MuJoCo.get();

    private static MethodHandle fn(String name, FunctionDescriptor d) {
        return MJ.function(name, d);
    }

    private static final FunctionDescriptor MODEL_DATA = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);

    static final MethodHandle mj_loadXML = fn("mj_loadXML", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle mj_deleteModel = fn("mj_deleteModel", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mj_makeData = fn("mj_makeData", FunctionDescriptor.of(ADDRESS, ADDRESS));
    static final MethodHandle mj_deleteData = fn("mj_deleteData", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mj_step = fn("mj_step", MODEL_DATA);
    static final MethodHandle mj_forward = fn("mj_forward", MODEL_DATA);
    static final MethodHandle mj_resetData = fn("mj_resetData", MODEL_DATA);
    static final MethodHandle mj_resetDataKeyframe = fn("mj_resetDataKeyframe", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle mj_rnePostConstraint = fn("mj_rnePostConstraint", MODEL_DATA);
    static final MethodHandle mj_kinematics = fn("mj_kinematics", MODEL_DATA);
    static final MethodHandle mj_comPos = fn("mj_comPos", MODEL_DATA);
    static final MethodHandle mj_name2id = fn("mj_name2id", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    static final MethodHandle mj_id2name = fn("mj_id2name", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle mj_defaultVFS = fn("mj_defaultVFS", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mj_addBufferVFS = fn("mj_addBufferVFS", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle mj_deleteVFS = fn("mj_deleteVFS", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mj_jacSite = fn("mj_jacSite", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle mj_copyData = fn("mj_copyData", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));

    /** {@code mjrRect}, which mjr_render and mjr_readPixels take by value. */
    static final StructLayout MJR_RECT = MemoryLayout.structLayout(
            JAVA_INT.withName("left"), JAVA_INT.withName("bottom"), JAVA_INT.withName("width"), JAVA_INT.withName("height"));

    static final MethodHandle mjv_defaultCamera = fn("mjv_defaultCamera", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mjv_defaultOption = fn("mjv_defaultOption", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mjv_defaultPerturb = fn("mjv_defaultPerturb", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mjv_defaultScene = fn("mjv_defaultScene", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mjv_makeScene = fn("mjv_makeScene", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle mjv_freeScene = fn("mjv_freeScene", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mjv_updateScene = fn("mjv_updateScene",
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    static final MethodHandle mjr_defaultContext = fn("mjr_defaultContext", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mjr_makeContext = fn("mjr_makeContext", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle mjr_freeContext = fn("mjr_freeContext", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle mjr_setBuffer = fn("mjr_setBuffer", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS));
    static final MethodHandle mjr_render = fn("mjr_render", FunctionDescriptor.ofVoid(MJR_RECT, ADDRESS, ADDRESS));
    static final MethodHandle mjr_readPixels = fn("mjr_readPixels", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, MJR_RECT, ADDRESS));

    /** Wraps a Throwable from invokeExact (the native functions themselves throw nothing). */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

}
