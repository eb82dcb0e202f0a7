package io.coffer.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The IT server's own heap, read over JMX through the local connector that only the test server has
 * ({@code localConnector-1.0} in it.xml; Liberty writes the address into {@code logs/state}). The JVM keeps a peak
 * for every memory pool; the pools that hold what outlives a young collection (G1's old generation, where arrays of
 * half a region and more are allocated directly as humongous objects, or a tenured space) grow when the server keeps
 * a body in memory, whatever the timing: a short-lived 200 MB {@code byte[]} raises their peak as a long-lived one
 * does, which sampling the used heap could miss.
 */
final class ServerHeap implements AutoCloseable {
    private final JMXConnector connector;
    private final List<MemoryPoolMXBean> tenured = new ArrayList<>();

    private ServerHeap(JMXConnector connector) throws IOException {
        this.connector = connector;
        MBeanServerConnection server = connector.getMBeanServerConnection();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
                MemoryPoolMXBean pool = ManagementFactory.newPlatformMXBeanProxy(server, name.toString(),
                        MemoryPoolMXBean.class);
                if (pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden")
                        && !pool.getName().contains("Survivor")) {
                    tenured.add(pool);
                }
            }
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        if (tenured.isEmpty()) {
            throw new IllegalStateException("the server's JVM shows no old-generation heap pool");
        }
    }

    /** Connects to the running cofferIT server. */
    static ServerHeap connect() throws IOException {
        Path address = Path.of(System.getProperty("it.server.dir"), "logs", "state", "com.ibm.ws.jmx.local.address");
        return new ServerHeap(JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(address).trim())));
    }

    /** Starts a measurement: every old-generation pool's peak is set back to what it holds now; answers that sum. */
    long resetPeak() {
        long used = 0;
        for (MemoryPoolMXBean pool : tenured) {
            pool.resetPeakUsage();
            used += pool.getUsage().getUsed();
        }
        return used;
    }

    /** The sum of the old-generation pools' peaks since {@link #resetPeak}. */
    long peak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : tenured) {
            peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }

    /** The pools measured, for messages. */
    String pools() {
        return tenured.stream().map(MemoryPoolMXBean::getName).toList().toString();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
