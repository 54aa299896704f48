package dev.javelin.mujoco.motion;

/** Unit quaternions (w, x, y, z) as MuJoCo stores them: product, conjugate, exponential and logarithm, slerp. */
final class Quaternions {
    private Quaternions() {
    }

    /** The Hamilton product {@code a * b}. */
    static double[] multiply(double[] a, double[] b) {
        return new double[] {
                a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
                a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
                a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
                a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0]};
    }

    static double[] conjugate(double[] q) {
        return new double[] {q[0], -q[1], -q[2], -q[3]};
    }

    /** The rotation by the rotation vector {@code v} (axis times angle in radians). */
    static double[] exp(double[] v) {
        double angle = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (angle < 1e-12) {
            return normalize(new double[] {1, v[0] / 2, v[1] / 2, v[2] / 2});
        }
        double s = Math.sin(angle / 2) / angle;
        return new double[] {Math.cos(angle / 2), v[0] * s, v[1] * s, v[2] * s};
    }

    /** The rotation vector of {@code q} (the shorter way round). */
    static double[] log(double[] q) {
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        if (w < 0) {
            w = -w;
            x = -x;
            y = -y;
            z = -z;
        }
        double s = Math.sqrt(x * x + y * y + z * z);
        if (s < 1e-12) {
            return new double[] {2 * x, 2 * y, 2 * z};
        }
        double angle = 2 * Math.atan2(s, w);
        return new double[] {x / s * angle, y / s * angle, z / s * angle};
    }

    static double[] normalize(double[] q) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        return new double[] {q[0] / n, q[1] / n, q[2] / n, q[3] / n};
    }

    /** Spherical linear interpolation from {@code a} (at 0) to {@code b} (at 1) the shorter way round. */
    static double[] slerp(double[] a, double[] b, double t) {
        double[] d = multiply(conjugate(a), b);
        double[] v = log(d);
        return normalize(multiply(a, exp(new double[] {v[0] * t, v[1] * t, v[2] * t})));
    }

    /** The rotation matrix (row major) of {@code q}. */
    static double[] toMatrix(double[] q) {
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        return new double[] {
                1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
                2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
                2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
    }
}
