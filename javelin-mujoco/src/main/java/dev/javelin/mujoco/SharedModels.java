package dev.javelin.mujoco;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One compiled {@link MjModel} per model file, shared by every env that uses it (the model is read-only during
 * simulation), freed when the last of them closes. N envs of a vector env thus compile the XML once.
 */
public final class SharedModels {
    private record Entry(MjModel model, int users) {
    }

    private static final Map<Path, Entry> MODELS = new HashMap<>();

    private SharedModels() {
    }

    public static synchronized MjModel acquire(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Entry e = MODELS.get(key);
        if (e == null) {
            MjModel model = MjModel.fromXmlPath(key);
            // Gymnasium sizes the offscreen buffer to its default render size at load
            model.setOffscreenSize(MujocoEnv.DEFAULT_SIZE, MujocoEnv.DEFAULT_SIZE);
            e = new Entry(model, 0);
        }
        MODELS.put(key, new Entry(e.model(), e.users() + 1));
        return e.model();
    }

    public static synchronized void release(MjModel model) {
        for (var it = MODELS.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue().model() == model) {
                int users = entry.getValue().users() - 1;
                if (users == 0) {
                    it.remove();
                    model.close();
                } else {
                    entry.setValue(new Entry(model, users));
                }
                return;
            }
        }
        throw new IllegalStateException("SharedModels: " + model + " was not acquired here");
    }
}
