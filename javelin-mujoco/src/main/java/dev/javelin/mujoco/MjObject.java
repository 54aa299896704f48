package dev.javelin.mujoco;

/** The kinds of named model elements (MuJoCo's {@code mjtObj}) that names can be looked up for. */
public enum MjObject {
    /** A body ({@code mjOBJ_BODY}). */
    BODY(MjLayout.Enums.mjOBJ_BODY),
    /** A joint ({@code mjOBJ_JOINT}). */
    JOINT(MjLayout.Enums.mjOBJ_JOINT),
    /** A geom ({@code mjOBJ_GEOM}). */
    GEOM(MjLayout.Enums.mjOBJ_GEOM),
    /** A site ({@code mjOBJ_SITE}). */
    SITE(MjLayout.Enums.mjOBJ_SITE),
    /** A camera ({@code mjOBJ_CAMERA}). */
    CAMERA(MjLayout.Enums.mjOBJ_CAMERA),
    /** An actuator ({@code mjOBJ_ACTUATOR}). */
    ACTUATOR(MjLayout.Enums.mjOBJ_ACTUATOR),
    /** A sensor ({@code mjOBJ_SENSOR}). */
    SENSOR(MjLayout.Enums.mjOBJ_SENSOR);

    final int code;

    MjObject(int code) {
        this.code = code;
    }
}
