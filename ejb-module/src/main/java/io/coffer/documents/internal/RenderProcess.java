package io.coffer.documents.internal;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link RenderMain} in a JVM of its own and kills it when its time is up. It reads untrusted PDFs, so it gets
 * an environment of its own (none of the server's secrets) and, where the kernel allows, no network (DOC-21); its
 * memory is bounded by its heap (an address-space limit would stop a JVM from starting).
 */
final class RenderProcess {
    /** What {@link PdfPages} found at start; without it the process runs with its own environment only. */
    static volatile Sandbox.Support sandbox = new Sandbox.Support(List.of(), false);
    private RenderProcess() {
    }

    /** The class path of the given classes when each comes from a plain file or directory; empty otherwise. */
    static Optional<String> classpathOf(Class<?>... classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                var source = c.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null
                        || !"file".equals(source.getLocation().getProtocol())) {
                    return Optional.empty();
                }
                Path path = Path.of(source.getLocation().toURI());
                if (!Files.exists(path)) {
                    return Optional.empty();
                }
                entries.add(path.toString());
            } catch (URISyntaxException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(String.join(File.pathSeparator, entries));
    }

    /** Runs one job; answers its exit code (0 or 2), or fails when it exits otherwise or overruns and is killed. */
    static int run(String classpath, String heap, long seconds, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), heap, "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", classpath, RenderMain.class.getName()));
        command.addAll(List.of(args));
        List<String> wrapped = new ArrayList<>(sandbox.isolateNetwork());
        wrapped.addAll(command);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Process child = Sandbox.isolated(new ProcessBuilder(wrapped), tmp, tmp).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!child.waitFor(seconds, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IOException("the render process overran " + seconds + " s and was killed");
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int code = child.exitValue();
        if (code == 0 || code == 2) {
            return code;
        }
        throw new IOException(code == 3 ? "the page would have too many pixels" : "the render process failed (exit "
                + code + ")");
    }
}
