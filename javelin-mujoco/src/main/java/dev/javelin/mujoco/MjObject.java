package dev.javelin.mujoco;

/** The kinds of named model elements (MuJoCo's {@code mjtObj}) that names can be looked up for. */
public enum MjObject {
    BODY(MjLayout.Enums.mjOBJ_BODY),
    JOINT(MjLayout.Enums.mjOBJ_JOINT),
    GEOM(MjLayout.Enums.mjOBJ_GEOM),
    SITE(MjLayout.Enums.mjOBJ_SITE),
    CAMERA(MjLayout.Enums.mjOBJ_CAMERA),
    ACTUATOR(MjLayout.Enums.mjOBJ_ACTUATOR),
    SENSOR(MjLayout.Enums.mjOBJ_SENSOR);

    final int code;

    MjObject(int code) {
        this.code = code;
    }
}
