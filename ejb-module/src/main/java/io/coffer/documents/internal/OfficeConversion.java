package io.coffer.documents.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Office files (Word, Excel, PowerPoint, OpenDocument, RTF) converted to PDF with LibreOffice headless, when
 * {@code soffice} is installed (looked for once, at start, on the PATH and where Debian and the LibreOffice packages
 * put it; /health reports the result). Each conversion runs in its own temporary profile, one at a time, and is
 * killed with its children after {@link #TIME_LIMIT_SECONDS}. Without LibreOffice, office files are download-only.
 */
@ApplicationScoped
public class OfficeConversion {

    static final long TIME_LIMIT_SECONDS = 120;
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
    private final Semaphore oneAtATime = new Semaphore(1);

    @PostConstruct
    void find() {
        soffice = locate();
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

    /** Where soffice is, if it was found. */
    public Optional<Path> soffice() {
        return soffice;
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
        Files.copy(input, source);
        Path out = Files.createDirectories(work.resolve("out"));
        List<String> command = List.of(soffice.get().toString(), "-env:UserInstallation=" + work.resolve("profile")
                        .toUri(), "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                "--convert-to", "pdf", "--outdir", out.toString(), source.toString());
        try {
            if (!oneAtATime.tryAcquire(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                deleteTree(work);
                return Optional.empty();
            }
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    LOG.warning("LibreOffice overran " + TIME_LIMIT_SECONDS + " s converting a document; killed");
                    deleteTree(work);
                    return Optional.empty();
                }
            } finally {
                oneAtATime.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteTree(work);
            return Optional.empty();
        }
        Path pdf = out.resolve("document.pdf");
        if (Files.isRegularFile(pdf) && Files.size(pdf) > 0) {
            return Optional.of(pdf);
        }
        deleteTree(work);
        return Optional.empty();
    }

    /** Removes the directory of a conversion. */
    public static void cleanUp(Path pdf) {
        deleteTree(pdf.getParent().getParent());
    }

    private static void deleteTree(Path work) {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
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
