package io.coffer.documents.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Office files (Word, Excel, PowerPoint, OpenDocument, RTF) converted to PDF with LibreOffice headless, when
 * {@code soffice} is installed (looked for once, at start, on the PATH and where Debian and the LibreOffice packages
 * put it; /health says whether it is available, never where). LibreOffice reads untrusted files, so each conversion
 * runs in a {@link Sandbox}: an environment of its own (no server secret), no network, memory, CPU and file-size
 * limits, a throw-away working directory, home and profile deleted afterwards, and a profile that loads no linked
 * content (a document's links to outside files or URLs stay unresolved) and runs no macro (DOC-21). One conversion at
 * a time; killed with its children after {@link #TIME_LIMIT_SECONDS}. Without LibreOffice, office files are
 * download-only.
 */
@ApplicationScoped
public class OfficeConversion {

    static final long TIME_LIMIT_SECONDS = 120;
    static final Sandbox.Limits LIMITS = new Sandbox.Limits(2L << 30, TIME_LIMIT_SECONDS, 512L << 20);
    /**
     * The profile's settings: links to anything outside the document are blocked (linked images, OLE objects,
     * sections), never updated on load, and macros never run.
     */
    static final String PROFILE_SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks"             oor:op="fuse"><value>true</value></prop></item>
            <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel"             oor:op="fuse"><value>3</value></prop></item>
            <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution"             oor:op="fuse"><value>true</value></prop></item>
            <item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">            <value>0</value></prop></item>
            <item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Field" oor:op="fuse">            <value>false</value></prop></item>
            <item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse">            <value>1</value></prop></item>
            <item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse">            <value>false</value></prop></item>
            </oor:items>
            """;
    private static final Logger LOG = Logger.getLogger(OfficeConversion.class.getName());

    /** What Tika's core detector says of office files (it tells containers apart, not Word from Excel inside them). */
    static final Set<String> OFFICE_TYPES = Set.of("application/x-tika-ooxml", "application/x-tika-msoffice",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/msword",
            "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.presentation",
            "application/rtf");

    private Optional<Path> soffice = Optional.empty();
    private Sandbox.Support sandbox = new Sandbox.Support(List.of(), false);
    private final Semaphore oneAtATime = new Semaphore(1);

    @PostConstruct
    void find() {
        soffice = locate();
        if (soffice.isPresent()) {
            sandbox = Sandbox.support();
            removeLeftovers(Path.of(System.getProperty("java.io.tmpdir")), java.time.Instant.now()
                    .minusSeconds(5 * TIME_LIMIT_SECONDS));
        }
        LOG.info(soffice.map(p -> "Office files are converted to PDF with " + p)
                .orElse("LibreOffice (soffice) not found: office files are download-only"));
    }

    static Optional<Path> locate() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "soffice"));
        Stream<Path> usual = Stream.of("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                "/usr/local/bin/soffice").map(Path::of);
        return Stream.concat(onPath, usual).filter(Files::isExecutable).findFirst();
    }

    /** OPS-12: registers this instance's queue (called once at start by {@link RenderQueueGauges}). */
    void gauges(MetricRegistry registry) {
        registry.gauge(RenderQueueGauges.WAITING, this::waiting, new Tag("queue", "office"));
        registry.gauge(RenderQueueGauges.RUNNING, this::running, new Tag("queue", "office"));
    }

    /** Conversions waiting for the one LibreOffice slot (OPS-12's render queue; in memory, per instance). */
    int waiting() {
        return oneAtATime.getQueueLength();
    }

    /** Conversions running now: 0 or 1. */
    int running() {
        return 1 - oneAtATime.availablePermits();
    }

    /** Whether soffice was found (where it is is no one's business but the log's). */
    public boolean available() {
        return soffice.isPresent();
    }

    /** Whether conversions run without network (the kernel allowed a network namespace). */
    public boolean networkIsolated() {
        return sandbox.networkIsolated();
    }

    public boolean converts(String detectedType) {
        return soffice.isPresent() && OFFICE_TYPES.contains(detectedType);
    }

    /**
     * Converts {@code input} to a PDF in a fresh directory (the caller deletes it with {@link #cleanUp}); empty when
     * LibreOffice fails or overruns. {@code nameHint} (the display name) only lends its extension to the input file.
     */
    public Optional<Path> toPdf(Path input, String nameHint) throws IOException {
        if (soffice.isEmpty()) {
            return Optional.empty();
        }
        String extension = extension(nameHint);
        Path work = Files.createTempDirectory("coffer-office");
        Path source = work.resolve("document" + extension);
        Path out = work.resolve("out");
        Path profile = work.resolve("profile");
        Path home = work.resolve("home");
        Path tmp = work.resolve("tmp");
        try {
            Files.copy(input, source);
            for (Path dir : List.of(out, profile.resolve("user"), home, tmp)) {
                Files.createDirectories(dir);
            }
            Files.writeString(profile.resolve("user").resolve("registrymodifications.xcu"), PROFILE_SETTINGS);
            List<String> command = Sandbox.wrap(sandbox, LIMITS, List.of(soffice.get().toString(),
                    "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore", "--nolockcheck",
                    "--nodefault", "--nologo", "--convert-to", "pdf", "--outdir", out.toString(), source.toString()));
            if (!oneAtATime.tryAcquire(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                deleteTree(work);
                return Optional.empty();
            }
            try {
                Process process = Sandbox.isolated(new ProcessBuilder(command), home, tmp).directory(work.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                boolean finished = process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
                process.descendants().forEach(ProcessHandle::destroyForcibly); // nothing of it outlives the job
                if (!finished) {
                    process.destroyForcibly();
                    LOG.warning("LibreOffice overran " + TIME_LIMIT_SECONDS + " s converting a document; killed");
                    deleteTree(work);
                    return Optional.empty();
                }
            } finally {
                oneAtATime.release();
            }
            deleteTree(profile); // what LibreOffice kept of the untrusted file goes at once; the PDF stays
            deleteTree(home);
            deleteTree(tmp);
            Files.deleteIfExists(source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteTree(work);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            deleteTree(work); // nothing of an untrusted file stays behind when the start fails either
            throw e;
        }
        Path pdf = out.resolve("document.pdf");
        if (Files.isRegularFile(pdf) && Files.size(pdf) > 0) {
            return Optional.of(pdf);
        }
        deleteTree(work);
        return Optional.empty();
    }

    /**
     * Removes what conversions of a server that was killed mid-way left behind: working directories older than any
     * conversion can take (a younger one may belong to another instance converting now).
     */
    static void removeLeftovers(Path tmp, java.time.Instant before) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("coffer-office")).toList()) {
                if (Files.isDirectory(dir) && Files.getLastModifiedTime(dir).toInstant().isBefore(before)) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            LOG.warning("Could not look for leftover conversion directories: " + e.getMessage());
        }
    }

    /** Removes the directory of a conversion. */
    public static void cleanUp(Path pdf) {
        deleteTree(pdf.getParent().getParent());
    }

    private static void deleteTree(Path work) {
        try {
            org.apache.commons.io.file.PathUtils.deleteDirectory(work);
        } catch (java.nio.file.NoSuchFileException gone) {
            // nothing left to remove
        } catch (IOException e) {
            LOG.warning("Could not remove a conversion's temporary files: " + e.getMessage());
        }
    }

    static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,5}") ? ext : ".bin";
    }
}
