package dev.javelin.mujoco;

/**
 * One detected contact (a copy of MuJoCo's {@code mjContact} fields Javelin reads).
 *
 * @param dist  distance between the nearest points; negative: penetration
 * @param pos   contact point, the midpoint between the geoms (3)
 * @param frame contact frame, normal in [0..2], pointing from geom1 to geom2 (9)
 */
public record MjContact(double dist, double[] pos, double[] frame, int geom1, int geom2) {
}
