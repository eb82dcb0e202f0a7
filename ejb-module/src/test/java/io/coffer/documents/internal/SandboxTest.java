package io.coffer.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOC-21 on the sandbox itself: what a helper process sees of its environment and network, here, for real. */
class SandboxTest {

    @TempDir
    Path work;

    String run(Sandbox.Support support, String... command) throws Exception {
        Path out = work.resolve("out-" + System.nanoTime());
        Process p = Sandbox.isolated(new ProcessBuilder(Sandbox.wrap(support, OfficeConversion.LIMITS,
                List.of(command))), work, work).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(out));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void doc21_aHelperProcessSeesOnlyItsOwnFewVariables() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : run(new Sandbox.Support(List.of(), false), "env").split("\n")) {
            if (line.contains("=")) {
                names.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertEquals(Set.of("HOME", "LANG", "PATH", "TMPDIR"), names, "nothing of this JVM's environment");
    }

    @Test
    void doc21_whereTheKernelAllowsItTheProcessHasNoNetworkAndRunsUnderLimits() throws Exception {
        Sandbox.Support support = Sandbox.support();
        // this machine and CI run as root: the namespace and prlimit must be there
        assertTrue(support.networkIsolated(), "unshare -n works here");
        assertTrue(support.limits(), "prlimit works here");
        String inside = run(support, "cat", "/proc/net/dev");
        List<String> interfaces = new ArrayList<>();
        for (String line : inside.split("\n")) {
            if (line.contains(":")) {
                interfaces.add(line.substring(0, line.indexOf(':')).strip());
            }
        }
        assertEquals(List.of("lo"), interfaces, inside);
        assertFalse(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString()
                .equals(run(support, "readlink", "/proc/self/ns/net").strip()), "a network namespace of its own");
        String limits = run(support, "cat", "/proc/self/limits");
        assertTrue(limits.matches("(?s).*Max address space\\s+" + OfficeConversion.LIMITS.addressSpaceBytes()
                + "\\s.*"), limits);
        assertTrue(limits.matches("(?s).*Max cpu time\\s+" + OfficeConversion.LIMITS.cpuSeconds() + "\\s.*"), limits);
    }

    @Test
    void doc21_leftoverConversionDirectoriesOfAKilledServerAreRemovedYoungOnesStay() throws Exception {
        Path old = Files.createDirectories(work.resolve("coffer-office123"));
        Files.writeString(old.resolve("document.docx"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        Path young = Files.createDirectories(work.resolve("coffer-office456"));
        Path other = Files.createDirectories(work.resolve("someone-else"));
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minusSeconds(3600)));
        OfficeConversion.removeLeftovers(work, Instant.now().minusSeconds(600));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young), "may belong to a conversion running now");
        assertTrue(Files.exists(other), "not ours");
    }
}
