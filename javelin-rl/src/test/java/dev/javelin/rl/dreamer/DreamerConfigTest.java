package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import java.util.List;
import org.junit.jupiter.api.Test;

class DreamerConfigTest {

    @Test
    void defaultsAreThePapersFixedHyperparameters() {
        var c = new DreamerConfig();
        assertEquals(16, c.batchSize());
        assertEquals(64, c.batchLength());
        assertEquals(0.5, c.lossScales().dyn());
        assertEquals(0.1, c.lossScales().rep());
        assertEquals(1.0, c.dynLoss().free());
        assertEquals(1e-4, c.modelOpt().lr());
        assertEquals(1000.0, c.modelOpt().clip());
        assertEquals(3e-5, c.actorOpt().lr());
        assertEquals(15, c.imagHorizon());
        assertEquals(0.997, c.discount(), 1e-3);
        assertEquals(0.01, c.rssm().unimix());
        assertEquals(3e-4, c.actent());
    }

    @Test
    void sizePresetsOverlayTheNetworks() {
        assertEquals(List.of("size1m", "size12m", "size25m", "size50m", "size100m", "size200m", "tiny"),
                DreamerConfig.sizes());
        var small = DreamerConfig.sized("size1m");
        assertEquals(512, small.rssm().deter());
        assertEquals(64, small.rssm().units());
        assertEquals(4, small.rssm().classes());
        assertEquals(64, small.critic().units());
        assertEquals(4, small.encoder().cnnDepth());
        assertEquals(0.5, small.lossScales().dyn());   // everything else stays fixed
        var e = assertThrows(ConfigException.class, () -> DreamerConfig.sized("size3m"));
        assertTrue(e.getMessage().contains("size12m"), e.getMessage());
    }

    @Test
    void yamlKeysMirrorTheReference() {
        var c = Configs.override(new DreamerConfig(), List.of("rssm.deter=256", "loss_scales.rep=0.2",
                "train_ratio=512", "retnorm.perclo=10"));
        assertEquals(256, c.rssm().deter());
        assertEquals(0.2, c.lossScales().rep());
        assertEquals(512, c.trainRatio());
        assertEquals(10, c.retnorm().perclo());
        String yaml = Configs.toYaml(c);
        assertTrue(yaml.contains("actor_grad_disc: reinforce"), yaml);
        assertTrue(yaml.contains("slow_critic_fraction: 0.02"), yaml);
        var bad = assertThrows(ConfigException.class, () -> Configs.override(c, List.of("rssm.detr=3")));
        assertTrue(bad.getMessage().contains("rssm.deter"), bad.getMessage());
        assertThrows(ConfigException.class, () -> Configs.override(c, List.of("actor_grad_disc=dynamics")));
        assertThrows(ConfigException.class, () -> Configs.override(c, List.of("image_size=48")));
    }
}
