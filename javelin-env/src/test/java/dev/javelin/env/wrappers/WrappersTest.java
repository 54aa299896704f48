package dev.javelin.env.wrappers;

import com.madgag.gif.fmsware.GifDecoder;
import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.classic.CartPole;
import dev.javelin.env.classic.Pendulum;
import dev.javelin.env.render.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrappersTest {

    @Test
    void timeLimitTruncatesAtTheLimitAndResetsTheCount() {
        var env = new TimeLimit<>(new Pendulum(), 5);
        for (int episode = 0; episode < 2; episode++) {
            env.reset(episode);
            for (int t = 1; t <= 5; t++) {
                Step<float[]> s = env.step(new float[] {0});
                assertEquals(t == 5, s.truncated(), "step " + t);
                assertFalse(s.terminated());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new TimeLimit<>(new Pendulum(), 0));
    }

    @Test
    void recordEpisodeStatisticsReportsReturnAndLength() {
        var env = new RecordEpisodeStatistics<>(new TimeLimit<>(new Pendulum(), 20), 2);
        for (int episode = 0; episode < 3; episode++) {
            env.reset(episode);
            double sum = 0;
            Step<float[]> s;
            int t = 0;
            do {
                s = env.step(new float[] {1f});
                sum += s.reward();
                t++;
                assertEquals(s.done(), s.info().containsKey("episode"));
            } while (!s.done());
            var stats = (EpisodeStatistics) s.info().get("episode");
            assertEquals(20, t);
            assertEquals(20, stats.l());
            assertEquals(sum, stats.r(), 0.0);
            assertTrue(stats.t() >= 0);
        }
        assertEquals(3, env.episodeCount());
        assertEquals(2, env.returnQueue().size(), "deque of size 2 keeps the last two");
        assertEquals(List.of(20, 20), env.lengthQueue());
    }

    @Test
    void normalizeObservationStandardizesEachElement() {
        Env<float[], float[]> inner = new TimeLimit<>(new Pendulum(), 200);
        var env = new NormalizeObservation<>(inner);
        float[] first = env.reset(0).observation();
        // After one update from the prior (mean 0, var 1, count 1e-4), x is almost the mean: (x - mean) is x * 1e-4 / 1.0001.
        float[] raw = new Pendulum().reset(0).observation();
        for (int i = 0; i < 3; i++) {
            double mean = raw[i] / 1.0001;
            double var = (1e-4 + raw[i] * (double) raw[i] * 1e-4 / 1.0001) / 1.0001;
            assertEquals((raw[i] - mean) / Math.sqrt(var + 1e-8), first[i], 1e-6);
        }
        var rng = new SplittableRandom(2);
        int n = 0;
        double[] sum = new double[3], sumSq = new double[3];
        // Episode means of Pendulum's observations spread widely (the start angle is uniform), so the window
        // needs hundreds of episodes for 0.15 to be several standard errors rather than one and a half.
        for (int t = 0; t < 200_000; t++) {
            Step<float[]> s = env.step(new float[] {(float) rng.nextDouble(-2, 2)});
            if (t >= 100_000) {
                for (int i = 0; i < 3; i++) {
                    sum[i] += s.observation()[i];
                    sumSq[i] += s.observation()[i] * s.observation()[i];
                }
                n++;
            }
            if (s.done()) {
                env.reset();
            }
        }
        for (int i = 0; i < 3; i++) {
            double mean = sum[i] / n, std = Math.sqrt(sumSq[i] / n - mean * mean);
            assertEquals(0, mean, 0.15, "element " + i);
            assertEquals(1, std, 0.15, "element " + i);
        }
        assertEquals(new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 3), env.observationSpace());
    }

    @Test
    void normalizeRewardDividesByTheStdOfTheDiscountedReturn() {
        // CartPole pays 1 per step: G_t = 1 + gamma + ... and the scale is the pooled std of all G so far
        // together with the prior (mean 0, var 1, weight 1e-4).
        var env = new NormalizeReward<>(new CartPole(), 0.9, 1e-8);
        env.reset(0);
        List<Double> returns = new ArrayList<>();
        double g = 0;
        for (int t = 0; t < 30; t++) {
            Step<float[]> s = env.step(t % 2);
            g = s.terminated() ? 1 : g * 0.9 + 1;
            returns.add(g);
            double weight = 1e-4 + returns.size();
            double mean = returns.stream().mapToDouble(Double::doubleValue).sum() / weight;
            double m2 = 1e-4 * (1 + mean * mean);
            for (double x : returns) {
                m2 += (x - mean) * (x - mean);
            }
            double var = m2 / weight;
            assertEquals(1 / Math.sqrt(var + 1e-8), s.reward(), 1e-9 / Math.sqrt(var + 1e-8), "step " + t);
            if (s.terminated()) {
                env.reset();
            }
        }
    }

    @Test
    void clipActionAcceptsAnythingAndClips() {
        Env<float[], float[]> clipped = new ClipAction<>(new Pendulum());
        Env<float[], float[]> plain = new Pendulum();
        clipped.reset(4);
        plain.reset(4);
        assertArrayEquals(plain.step(new float[] {2f}).observation(), clipped.step(new float[] {50f}).observation());
        assertArrayEquals(plain.step(new float[] {-2f}).observation(),
                clipped.step(new float[] {Float.NEGATIVE_INFINITY}).observation());
        assertThrows(IllegalArgumentException.class, () -> clipped.step(new float[] {Float.NaN}));
    }

    @Test
    void rescaleActionMapsTheUnitIntervalOntoTheBox() {
        var env = new RescaleAction<>(new Pendulum(), -1f, 1f);
        assertArrayEquals(new float[] {-2f}, env.rescale(new float[] {-1f}));
        assertArrayEquals(new float[] {1f}, env.rescale(new float[] {0.5f}));
        assertArrayEquals(new float[] {2f}, env.rescale(new float[] {1f}));
        assertEquals(new Box(-1f, 1f, 1), env.actionSpace());
        env.reset(0);
        var e = assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {1.5f}));
        assertEquals("RescaleAction: action [1.5] is outside Box(-1.0, 1.0, (1,), float32)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RescaleAction<>(new ClipAction<>(new Pendulum()), -1f, 1f));
    }

    @Test
    void frameStackKeepsTheLastFramesOldestFirst() {
        var env = new FrameStack<>(new CartPole(), 3);
        assertArrayEquals(new int[] {3, 4}, ((Box) env.observationSpace()).shape());
        float[] o0 = env.reset(5).observation();
        float[] first = Arrays.copyOfRange(o0, 0, 4);
        assertArrayEquals(first, Arrays.copyOfRange(o0, 4, 8));
        assertArrayEquals(first, Arrays.copyOfRange(o0, 8, 12));
        float[] o1 = env.step(1).observation();
        float[] o2 = env.step(0).observation();
        assertArrayEquals(first, Arrays.copyOfRange(o2, 0, 4));
        assertArrayEquals(Arrays.copyOfRange(o1, 8, 12), Arrays.copyOfRange(o2, 4, 8));
        float[] direct = new CartPole().reset(5).observation();
        assertArrayEquals(direct, first);
        assertTrue(env.observationSpace().contains(o2));
    }

    @Test
    void transformObservationAndReward() {
        Env<float[], Integer> env = new TransformReward<>(new CartPole(), r -> 0.5 * r);
        var angleOnly = new TransformObservation<>(env, o -> new float[] {o[2]}, new Box(-1f, 1f, 1));
        float[] o = angleOnly.reset(0).observation();
        assertEquals(1, o.length);
        Step<float[]> s = angleOnly.step(1);
        assertEquals(0.5, s.reward());
        assertEquals(1, s.observation().length);
        assertTrue(angleOnly.unwrapped() instanceof CartPole);
    }

    @Test
    void pixelObservationIsTheRenderedFrameInBothLayouts() {
        var hwc = new PixelObservation<>(new CartPole(), 32, 24, Pixels.Layout.HWC);
        var chw = new PixelObservation<>(new CartPole(), 32, 24, Pixels.Layout.CHW);
        float[] a = hwc.reset(1).observation();
        float[] b = chw.reset(1).observation();
        assertArrayEquals(new int[] {24, 32, 3}, ((Box) hwc.observationSpace()).shape());
        assertArrayEquals(new int[] {3, 24, 32}, ((Box) chw.observationSpace()).shape());
        assertTrue(hwc.observationSpace().contains(a));
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(a[(y * 32 + x) * 3 + c], b[c * 24 * 32 + y * 32 + x]);
                }
            }
        }
        float min = 1;
        for (float v : a) {
            min = Math.min(min, v);
        }
        assertTrue(min < 0.5f, "the cart is drawn dark on white");
        float[] moved = a;
        for (int t = 0; t < 10; t++) {
            moved = hwc.step(1).observation();
        }
        assertFalse(Arrays.equals(a, moved), "pixels follow the state");
        assertEquals(64 * 64 * 3, new PixelObservation<>(new Pendulum()).observationSpace().sample(new SplittableRandom(0)).length);
    }

    @Test
    void recordVideoWritesGifsForTriggeredEpisodes(@TempDir Path dir) throws java.io.IOException {
        var env = new RecordVideo<>(Envs.<float[], Integer>cast(Envs.make("CartPole-v1", Map.of("max_episode_steps", 12))),
                dir, "cartpole", RecordVideo::cappedCubic);
        for (int episode = 0; episode < 3; episode++) {
            env.reset(episode);
            Step<float[]> s;
            do {
                s = env.step(episode % 2);
            } while (!s.done());
        }
        env.close();
        assertEquals(List.of(dir.resolve("cartpole-episode-0.gif").toAbsolutePath(), dir.resolve("cartpole-episode-1.gif").toAbsolutePath()),
                env.videos(), "capped cubic schedule: episodes 0 and 1, not 2");
        var decoder = new GifDecoder();
        assertEquals(GifDecoder.STATUS_OK, decoder.read(dir.resolve("cartpole-episode-0.gif").toString()));
        assertTrue(decoder.getFrameCount() >= 2 && decoder.getFrameCount() <= 13, "frames " + decoder.getFrameCount());
        assertEquals(600, decoder.getFrameSize().width);
        assertTrue(RecordVideo.cappedCubic(27) && !RecordVideo.cappedCubic(28) && RecordVideo.cappedCubic(2000));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }
}
