package dev.javelin.mujoco.motion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.javelin.mujoco.MjModel;
import dev.javelin.mujoco.MuJoCo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A MuJoCo character that motion capture can be retargeted onto: the model file of its Gymnasium task, its joint map
 * (read from {@code dev/javelin/mujoco/motion/<name>.map.yaml}: {@link Marker}s pairing CMU joints with model
 * points, and the foot {@link Sole}s kept above the floor), its key bodies, and the control dt of its task.
 */
public final class Character {
    private final String name;
    private final String modelFile;
    private final double controlDt;
    private final boolean planar;
    private final List<String> keyBodies;
    private final List<Sole> soles;
    private final List<Marker> markers;
    private MjModel model;

    private Character(String name, String modelFile, double controlDt, boolean planar, List<String> keyBodies,
                      List<Sole> soles, List<Marker> markers) {
        this.name = name;
        this.modelFile = modelFile;
        this.controlDt = controlDt;
        this.planar = planar;
        this.keyBodies = List.copyOf(keyBodies);
        this.soles = List.copyOf(soles);
        this.markers = List.copyOf(markers);
    }

    /** Reads the joint map {@code <name>.map.yaml} from this package's resources. */
    static Character load(String name) {
        String resource = name + ".map.yaml";
        try (InputStream in = Character.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("character " + name + ": no joint map " + resource
                        + " in dev/javelin/mujoco/motion");
            }
            return parse(name, new ObjectMapper(new YAMLFactory()).readTree(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("character " + name + ": reading " + resource, e);
        }
    }

    private static Character parse(String name, JsonNode root, String source) {
        String model = text(root, "model", source);
        double dt = number(root, "controlDt", source);
        if (!(dt > 0)) {
            throw new IllegalArgumentException(source + ": controlDt " + dt + ", expected > 0");
        }
        boolean planar = root.path("planar").asBoolean(false);
        List<String> keyBodies = new ArrayList<>();
        for (JsonNode k : array(root, "keyBodies", source)) {
            keyBodies.add(k.asText());
        }
        List<Sole> soles = new ArrayList<>();
        for (JsonNode s : array(root, "soles", source)) {
            soles.add(new Sole(text(s, "body", source), vector(s.path("point"), source), number(s, "radius", source)));
        }
        List<Marker> markers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode m : array(root, "markers", source)) {
            String marker = text(m, "name", source);
            List<String> bvh = new ArrayList<>();
            for (JsonNode j : array(m, "bvh", source + " marker " + marker)) {
                bvh.add(j.asText());
            }
            Optional<String> parent = m.has("parent") ? Optional.of(m.get("parent").asText()) : Optional.empty();
            boolean first = markers.isEmpty();
            if (first == parent.isPresent()) {
                throw new IllegalArgumentException(source + ": marker " + marker + (first
                        ? " is the first (the root) but has a parent, expected none"
                        : " has no parent, expected one (only the first marker is the root)"));
            }
            if (parent.isPresent() && !names.contains(parent.get())) {
                throw new IllegalArgumentException(source + ": marker " + marker + " has parent " + parent.get()
                        + ", expected one of the markers above it " + names);
            }
            if (!names.add(marker)) {
                throw new IllegalArgumentException(source + ": marker " + marker + " appears twice");
            }
            double[] point = m.has("point") ? vector(m.get("point"), source) : new double[3];
            double weight = m.has("weight") ? number(m, "weight", source) : 1.0;
            markers.add(new Marker(marker, bvh, text(m, "body", source), point, parent, weight));
        }
        if (markers.isEmpty()) {
            throw new IllegalArgumentException(source + ": no markers, expected at least one");
        }
        return new Character(name, model, dt, planar, keyBodies, soles, markers);
    }

    private static String text(JsonNode node, String field, String source) {
        if (!node.path(field).isTextual()) {
            throw new IllegalArgumentException(source + ": field " + field + " is " + node.path(field)
                    + ", expected a string");
        }
        return node.get(field).asText();
    }

    private static double number(JsonNode node, String field, String source) {
        if (!node.path(field).isNumber()) {
            throw new IllegalArgumentException(source + ": field " + field + " is " + node.path(field)
                    + ", expected a number");
        }
        return node.get(field).asDouble();
    }

    private static JsonNode array(JsonNode node, String field, String source) {
        if (!node.path(field).isArray()) {
            throw new IllegalArgumentException(source + ": field " + field + " is " + node.path(field)
                    + ", expected a list");
        }
        return node.get(field);
    }

    private static double[] vector(JsonNode node, String source) {
        if (!node.isArray() || node.size() != 3) {
            throw new IllegalArgumentException(source + ": point " + node + ", expected 3 numbers");
        }
        return new double[] {node.get(0).asDouble(), node.get(1).asDouble(), node.get(2).asDouble()};
    }

    /** The character's name, e.g. {@code humanoid}. */
    public String name() {
        return name;
    }

    /** The model file in Gymnasium's MuJoCo assets folder (or {@code JAVELIN_MUJOCO_ASSETS}), as the task loads it. */
    public Path modelFile() {
        return MuJoCo.get().assets().resolve(modelFile);
    }

    /** The compiled model, loaded on first use and kept for the life of the JVM (read-only: share it). */
    public synchronized MjModel model() {
        if (model == null) {
            model = MjModel.fromXmlPath(modelFile());
        }
        return model;
    }

    /** Seconds per step of the character's Gymnasium task (frame_skip x timestep): the motion library's dt. */
    public double controlDt() {
        return controlDt;
    }

    /** Whether the character moves in the x-z plane only (Walker2d): the clip is projected onto it. */
    public boolean planar() {
        return planar;
    }

    /** The key bodies whose world positions a {@link MotionLibrary} records (hands and feet, or feet). */
    public List<String> keyBodies() {
        return keyBodies;
    }

    /** The foot spheres kept above the floor. */
    public List<Sole> soles() {
        return soles;
    }

    /** The joint map: markers in tree order, root first. */
    public List<Marker> markers() {
        return markers;
    }

    @Override
    public String toString() {
        return "Character(" + name + ", " + modelFile + ", " + markers.size() + " markers, control dt " + controlDt + ")";
    }
}
