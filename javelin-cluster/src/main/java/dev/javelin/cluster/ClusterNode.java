package dev.javelin.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;

/** The Pekko settings of one node: javelin-cluster.conf with this node's address, role and seed node. */
final class ClusterNode {
    static final String SYSTEM = "javelin";
    static final String LEARNER_ROLE = "learner";
    static final String WORKER_ROLE = "worker";

    private ClusterNode() {
    }

    /**
     * @param host  the canonical host name other nodes reach this one at (also bound)
     * @param port  the Artery TCP port, 0 for any free one
     * @param seeds addresses to join ("HOST:PORT"); empty for the learner, which joins itself
     */
    static Config config(String host, int port, String role, List<String> seeds) {
        // -Dpekko.* on the command line wins over all of this (e.g. pekko.remote.artery.bind.hostname=0.0.0.0)
        return ConfigFactory.systemProperties()
                .withFallback(ConfigFactory.parseMap(Map.of(
                        "pekko.remote.artery.canonical.hostname", host,
                        "pekko.remote.artery.canonical.port", port,
                        "pekko.cluster.roles", List.of(role),
                        // a learner leaves the cluster after the checkpoint of its orderly stop (ClusterLearner), not
                        // at once when the JVM is asked to stop
                        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", !role.equals(LEARNER_ROLE),
                        "pekko.cluster.seed-nodes", seeds.stream().map(ClusterNode::address).toList())))
                .withFallback(ConfigFactory.parseResources(ClusterNode.class.getClassLoader(), "javelin-cluster.conf"))
                .withFallback(ConfigFactory.load(ClusterNode.class.getClassLoader()))
                .resolve();
    }

    /** "HOST:PORT" as a Pekko address of the javelin actor system. */
    static String address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("learner address '" + hostPort + "': expected HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("learner address '" + hostPort + "': port '" + hostPort.substring(colon + 1)
                    + "' is not a number", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("learner address '" + hostPort + "': port must be in 1..65535, got " + port);
        }
        return "pekko://" + SYSTEM + "@" + hostPort.substring(0, colon) + ":" + port;
    }
}
