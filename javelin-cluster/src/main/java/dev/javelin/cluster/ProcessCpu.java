package dev.javelin.cluster;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM has used (all its threads, user and system), from the OS through JMX: what a process costs
 * on a machine whose cores are shared, where wall-clock rates say more about the neighbours than about it.
 */
final class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU time used by this process so far. */
    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
