package io.coffer.documents.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * How a helper process that reads untrusted files (LibreOffice, the page-render JVM) is started: with an environment
 * of its own that holds none of the server's (no {@code COFFER_*} secret reaches it), in a network namespace of its
 * own with no interface but a down loopback ({@code unshare -n} of util-linux), and under resource limits
 * ({@code prlimit}: address space, CPU seconds, file size, no core dumps). Where the kernel or the tools refuse, the
 * process still runs without that part, and {@link #probe} has said so once, at start (DOC-21).
 */
final class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());
    /** The PATH a sandboxed process gets: the system's directories only. */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** What the machine allows, found once. */
    record Support(List<String> isolateNetwork, boolean limits) {
        boolean networkIsolated() {
            return !isolateNetwork.isEmpty();
        }
    }

    /** Resource limits of one process. */
    record Limits(long addressSpaceBytes, long cpuSeconds, long fileSizeBytes) {
    }

    private Sandbox() {
    }

    private static Support found;

    /** What this machine allows, probed once for every helper process (so at most one warning each at start). */
    static synchronized Support support() {
        if (found == null) {
            found = probe("Helper processes that read untrusted files (LibreOffice, page rendering)");
        }
        return found;
    }

    /**
     * Finds how this machine isolates a process: {@code unshare -n} (root, or CAP_SYS_ADMIN), else
     * {@code unshare -r -n} (an unprivileged user namespace), checked by reading the interfaces a process sees inside
     * (only {@code lo}). Logs one warning for what is not available.
     */
    static Support probe(String what) {
        List<String> network = List.of();
        for (List<String> candidate : List.of(List.of("unshare", "-n", "--"), List.of("unshare", "-r", "-n", "--"))) {
            if (seesOnlyLoopback(candidate)) {
                network = candidate;
                break;
            }
        }
        boolean limits = exitsZero(List.of("prlimit", "--as=2147483648", "--", "true"));
        if (network.isEmpty()) {
            LOG.warning(what + " run WITHOUT network isolation: this kernel or user may not create a network"
                    + " namespace (unshare -n); they still run with an environment of their own and resource limits");
        }
        if (!limits) {
            LOG.warning(what + " run without prlimit's memory and CPU limits (util-linux prlimit not usable);"
                    + " only their time limits hold");
        }
        return new Support(network, limits);
    }

    /** The command wrapped in the network namespace and the limits the machine allows. */
    static List<String> wrap(Support support, Limits limits, List<String> command) {
        List<String> wrapped = new ArrayList<>(support.isolateNetwork());
        if (support.limits()) {
            wrapped.addAll(List.of("prlimit", "--as=" + limits.addressSpaceBytes(), "--cpu=" + limits.cpuSeconds(),
                    "--fsize=" + limits.fileSizeBytes(), "--core=0", "--"));
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** Replaces the inherited environment with the few variables a helper needs; {@code home} is throw-away. */
    static ProcessBuilder isolated(ProcessBuilder builder, Path home, Path tmp) {
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("LANG", "C.UTF-8");
        return builder;
    }

    private static boolean seesOnlyLoopback(List<String> prefix) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("cat", "/proc/net/dev"));
        try {
            Path out = Files.createTempFile("coffer-sandbox-probe", ".txt");
            try {
                Process p = isolated(new ProcessBuilder(command), Path.of("/"), Path.of(System.getProperty(
                        "java.io.tmpdir"))).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return false;
                }
                if (p.exitValue() != 0) {
                    return false;
                }
                List<String> interfaces = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains(":")).map(l -> l.substring(0, l.indexOf(':')).strip())
                        .filter(n -> !n.isEmpty() && !n.contains("|")).toList();
                return interfaces.equals(List.of("lo"));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean exitsZero(List<String> command) {
        try {
            Process p = isolated(new ProcessBuilder(command), Path.of("/"), Path.of(System.getProperty(
                    "java.io.tmpdir"))).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
