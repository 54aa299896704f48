package dev.javelin.mujoco.robotics;

import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scripted controller on its own: the share of 50-step episodes that end with {@code is_success = 1}. */
class FetchScriptedPolicyTest {
    static final int EPISODES = 50;

    /** Success rate of the controller over {@code episodes} episodes from {@code seed} (the generator continuing). */
    static double successRate(String id, FetchTask task, long seed, int episodes) {
        FetchScriptedPolicy policy = new FetchScriptedPolicy(task);
        int successes = 0;
        try (Env<Map<String, Object>, float[]> env = Envs.cast(Envs.make(id, Map.of()))) {
            for (int e = 0; e < episodes; e++) {
                Map<String, Object> obs = (e == 0 ? env.reset(seed) : env.reset()).observation();
                policy.reset();
                while (true) {
                    Step<Map<String, Object>> s = env.step(policy.act(obs));
                    if (s.done()) {
                        successes += ((Double) s.info().get("is_success")) == 1.0 ? 1 : 0;
                        break;
                    }
                    obs = s.observation();
                }
            }
        }
        return successes / (double) episodes;
    }

    @Test
    void pickAndPlaceSucceedsOnNineEpisodesInTen() {
        FetchAssumptions.assumeFetch();
        double rate = successRate("FetchPickAndPlace-v4", FetchTask.PICK_AND_PLACE, 0, EPISODES);
        System.out.println("scripted FetchPickAndPlace-v4 success " + rate);
        assertTrue(rate >= 0.9, "scripted PickAndPlace success rate " + rate);
    }

    @Test
    void pushSucceedsMostOfTheTime() {
        FetchAssumptions.assumeFetch();
        double rate = successRate("FetchPush-v4", FetchTask.PUSH, 0, EPISODES);
        System.out.println("scripted FetchPush-v4 success " + rate);
        assertTrue(rate >= 0.8, "scripted Push success rate " + rate);
    }

    @Test
    void otherTasksAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FetchScriptedPolicy(FetchTask.REACH));
        assertTrue(e.getMessage().contains("FetchReach"), e.getMessage());
    }
}
