package io.coffer.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The IT server's process as the operating system sees it: its resident memory, and transfer figures to record. */
final class ServerProcess {
    private ServerProcess() {
    }

    static long pid() throws IOException {
        Path server = Path.of(System.getProperty("it.server.dir"));
        return Long.parseLong(Files.readString(server.getParent().resolve(".pid").resolve("cofferIT.pid")).trim());
    }

    /** The server's resident set size in KiB ({@code VmRSS}), or -1 where /proc is not there. */
    static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Appends one line of figures to {@code target/benchmark-transfer.txt}: the upload and download through Coffer next
     * to {@code sha256sum} and {@code cp} of the stored blob on the same disk, and the server's RSS before and after.
     */
    static void recordTransfer(long size, long upNanos, long downNanos, long rssBefore, long rssAfter, Path blob)
            throws Exception {
        long shaNanos = time("sha256sum", blob.toString());
        Path copy = blob.resolveSibling(blob.getFileName() + ".bench-copy");
        long cpNanos;
        try {
            cpNanos = time("cp", blob.toString(), copy.toString());
        } finally {
            Files.deleteIfExists(copy);
        }
        double mib = size / 1048576.0;
        String line = String.format(java.util.Locale.ROOT, "%s size=%.0fMiB upload=%.1fMiB/s download=%.1fMiB/s"
                        + " sha256sum=%.1fMiB/s cp=%.1fMiB/s serverRssBefore=%dMiB serverRssAfter=%dMiB heavy=%s%n",
                Instant.now(), mib, mib / (upNanos / 1e9), mib / (downNanos / 1e9), mib / (shaNanos / 1e9),
                mib / (cpNanos / 1e9), rssBefore / 1024, rssAfter / 1024, Boolean.getBoolean("coffer.heavy"));
        Path out = Path.of(System.getProperty("it.server.dir")).getParent().getParent().getParent().getParent()
                .getParent().resolve("benchmark-transfer.txt");
        Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print("BENCHMARK transfer " + line);
    }

    private static long time(String... command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return System.nanoTime() - start;
    }
}
