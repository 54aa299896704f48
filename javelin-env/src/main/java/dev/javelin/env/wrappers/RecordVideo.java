package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.env.render.GifWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Records chosen episodes as animated GIFs {@code <folder>/<prefix>-episode-<id>.gif}, one frame after reset
 * and after every step, as Gymnasium's {@code RecordVideo} (which writes MP4). Episodes are numbered
 * from 0 by reset; {@code episodeTrigger} picks them (default: Gymnasium's capped cubic schedule
 * 0, 1, 8, 27, ..., 729, 1000, 2000, ...). A video is finished when its episode ends, at the next
 * reset, or on {@link #close()}.
 */
public final class RecordVideo<O, A> extends Wrapper<O, A> {
    private final Path folder;
    private final String namePrefix;
    private final IntPredicate episodeTrigger;
    private final List<Path> written = new ArrayList<>();
    private int episodeId = -1;
    private GifWriter recorder;

    /** Records the episodes of Gymnasium's capped cubic schedule as {@code <folder>/rl-video-episode-<id>.gif}. */
    public RecordVideo(Env<O, A> env, Path folder) {
        this(env, folder, "rl-video", RecordVideo::cappedCubic);
    }

    /** Records the episodes {@code episodeTrigger} picks as {@code <folder>/<namePrefix>-episode-<id>.gif}. */
    public RecordVideo(Env<O, A> env, Path folder, String namePrefix, IntPredicate episodeTrigger) {
        super(env);
        this.folder = Objects.requireNonNull(folder, "folder");
        this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix");
        this.episodeTrigger = Objects.requireNonNull(episodeTrigger, "episodeTrigger");
    }

    /** Gymnasium's {@code capped_cubic_video_schedule}: perfect cubes below 1000, then every 1000th episode. */
    public static boolean cappedCubic(int episode) {
        if (episode < 1000) {
            int root = (int) Math.round(Math.cbrt(episode));
            return root * root * root == episode;
        }
        return episode % 1000 == 0;
    }

    @Override
    public Reset<O> reset(long seed) {
        finish();
        Reset<O> r = env.reset(seed);
        begin();
        return r;
    }

    @Override
    public Reset<O> reset() {
        finish();
        Reset<O> r = env.reset();
        begin();
        return r;
    }

    private void begin() {
        episodeId++;
        if (episodeTrigger.test(episodeId)) {
            recorder = new GifWriter(folder.resolve(namePrefix + "-episode-" + episodeId + ".gif"), env.renderFps());
            recorder.addFrame(env.render());
        }
    }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        if (recorder != null) {
            recorder.addFrame(env.render());
            if (s.done()) {
                finish();
            }
        }
        return s;
    }

    private void finish() {
        if (recorder != null) {
            recorder.close();
            written.add(recorder.target());
            recorder = null;
        }
    }

    /** Videos finished so far, in order. */
    public List<Path> videos() { return List.copyOf(written); }

    @Override
    public void close() {
        finish();
        env.close();
    }
}
