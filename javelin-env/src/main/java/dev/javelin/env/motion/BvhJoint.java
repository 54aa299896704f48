package dev.javelin.env.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One joint of a BVH hierarchy: its offset from the parent joint, its channels in file order
 * ("Xposition", "Zrotation", ...), its child joints, and the offset of its End Site if it has one.
 */
public record BvhJoint(String name, double[] offset, List<String> channels, List<BvhJoint> children,
                       Optional<double[]> endSite) {

    /** Rejects an offset that is not 3 values; copies the arrays and lists. */
    public BvhJoint {
        if (offset.length != 3) {
            throw new IllegalArgumentException("BvhJoint " + name + ": offset of " + offset.length + " values, expected 3");
        }
        offset = offset.clone();
        channels = List.copyOf(channels);
        children = List.copyOf(children);
        endSite = endSite.map(double[]::clone);
        if (endSite.isPresent() && endSite.get().length != 3) {
            throw new IllegalArgumentException("BvhJoint " + name + ": End Site offset of " + endSite.get().length
                    + " values, expected 3");
        }
    }

    /** The joint's offset from its parent, x y z (a copy). */
    @Override
    public double[] offset() { return offset.clone(); }

    /** The End Site's offset, for a joint that ends a chain (a copy). */
    @Override
    public Optional<double[]> endSite() { return endSite.map(double[]::clone); }

    /** This joint and its descendants, depth first in file order: the order of the channels in a frame. */
    public List<BvhJoint> joints() {
        List<BvhJoint> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(BvhJoint j, List<BvhJoint> out) {
        out.add(j);
        for (BvhJoint c : j.children) {
            collect(c, out);
        }
    }
}
