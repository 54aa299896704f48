package dev.javelin.rl.dreamer;

import dev.javelin.dist.Bernoulli;
import dev.javelin.dist.OneHotCategorical;
import dev.javelin.dist.FusedTwoHot;
import dev.javelin.dist.TwoHot;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DreamerV3's world model: encoder, RSSM, decoder, reward head (two-hot over symexp bins) and continue head
 * (Bernoulli), trained on replayed sequences by
 * <pre>
 *   L = L_pred + 0.5 L_dyn + 0.1 L_rep
 *   L_pred = -log p(x_t | s_t) - log p(r_t | s_t) - log p(c_t | s_t)
 *   L_dyn  = max(1, KL[sg(q(z_t | h_t, x_t)) || p(z_t | h_t)])     trains the prior toward the posterior
 *   L_rep  = max(1, KL[q(z_t | h_t, x_t) || sg(p(z_t | h_t))])     keeps the posterior predictable
 * </pre>
 * with the KL summed over the latents and clipped below at the free bits before averaging.
 */
final class WorldModel extends Module {
    /** The loss to minimize, the posterior states of the batch (start states of imagination), and metrics. */
    record Loss(Tensor total, Rssm.State post, Map<String, Double> metrics) {
    }

    private final Encoder encoder;
    private final Rssm rssm;
    private final Decoder decoder;
    private final Mlp reward;
    private final Mlp cont;
    private final Tensor bins;
    private final DreamerConfig c;
    private final boolean image;
    private final int actionSize;

    WorldModel(int obsSize, int actionSize, DreamerConfig c, Rng rng) {
        this.c = c;
        this.image = c.pixels();
        this.actionSize = actionSize;
        encoder = child("encoder", image ? Encoder.image(c.imageSize(), c.encoder(), rng)
                : Encoder.vector(obsSize, c.encoder(), rng));
        rssm = child("rssm", new Rssm(c.rssm(), actionSize, encoder.outSize(), rng));
        int feat = rssm.featSize();
        decoder = child("decoder", image ? Decoder.image(feat, c.imageSize(), c.decoder(), rng)
                : Decoder.vector(feat, obsSize, c.decoder(), rng));
        DreamerConfig.Head r = c.rewardHead();
        reward = child("reward", Heads.mlp(feat, r.layers(), r.units(), r.bins(), r.outscale(), rng));
        DreamerConfig.Head k = c.contHead();
        cont = child("cont", Heads.mlp(feat, k.layers(), k.units(), 1, k.outscale(), rng));
        bins = TwoHot.symexpBins(r.bins());
    }

    Encoder encoder() {
        return encoder;
    }

    Rssm rssm() {
        return rssm;
    }

    /** Predicted reward of arriving in states feat [N, F], [N]. */
    FusedTwoHot reward(Tensor feat) {
        return new FusedTwoHot(reward.forward(feat), bins);
    }

    /** Predicted continue flag (1 - terminal) of states feat [N, F], [N]. */
    Bernoulli cont(Tensor feat) {
        return new Bernoulli(cont.forward(feat).reshape(feat.dim(0)));
    }

    Loss loss(SequenceReplay.Batch batch, Rng rng) {
        int b = batch.reward().dim(0);
        int t = batch.reward().dim(1);
        int n = b * t;
        Tensor obs = batch.obs().reshape(n, batch.obs().dim(2));
        Tensor embed = encoder.forward(obs).reshape(b, t, encoder.outSize());
        // the action before step t is the one stored at t - 1; the first step's is masked by is_first anyway
        Tensor prevActions = Tensor.concat(1, Tensor.zeros(b, 1, actionSize), batch.action().narrow(1, 0, t - 1));
        Rssm.Sequence seq = rssm.observe(embed, prevActions, batch.isFirst(), rng);
        Rssm.State post = seq.post();
        Tensor feat = post.feat().reshape(n, rssm.featSize());

        Tensor rec = decoder.loss(feat, obs).mean();
        Tensor rew = reward(feat).logProb(batch.reward().reshape(n)).neg().mean();
        Tensor con = cont(feat).logProb(batch.cont().reshape(n)).neg().mean();

        OneHotCategorical q = rssm.dist(post.logits());
        OneHotCategorical p = rssm.dist(seq.prior().logits());
        Tensor dynKl = rssm.dist(post.logits().detach()).kl(p).sum(-1, false);
        Tensor repKl = q.kl(rssm.dist(seq.prior().logits().detach())).sum(-1, false);
        Tensor dyn = FreeBits.clip(dynKl, c.dynLoss().free()).mean();
        Tensor rep = FreeBits.clip(repKl, c.repLoss().free()).mean();

        DreamerConfig.LossScales s = c.lossScales();
        Tensor total = rec.mul((float) (image ? s.image() : s.vector()))
                .add(rew.mul((float) s.reward()))
                .add(con.mul((float) s.cont()))
                .add(dyn.mul((float) s.dyn()))
                .add(rep.mul((float) s.rep()));

        Map<String, Double> m = new LinkedHashMap<>();
        m.put("Loss / World model loss", (double) total.item());
        m.put(image ? "Loss / Image reconstruction loss" : "Loss / Vector reconstruction loss", (double) rec.item());
        m.put("Loss / Reward loss", (double) rew.item());
        m.put("Loss / Continue loss", (double) con.item());
        m.put("Loss / Dynamics loss", (double) dyn.item());
        m.put("Loss / Representation loss", (double) rep.item());
        m.put("World model / KL (posterior || prior)", (double) repKl.mean().item());
        m.put("World model / Prior entropy", (double) p.entropy().sum(-1, false).mean().item());
        m.put("World model / Posterior entropy", (double) q.entropy().sum(-1, false).mean().item());
        return new Loss(total, post, m);
    }
}
