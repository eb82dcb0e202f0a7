package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * DOC-21: LibreOffice converts untrusted files in a sandbox. Caught while it runs, the conversion's processes hold
 * none of the server's secrets in their environment and live in a network namespace of their own; a document that
 * links a file of the server renders without it; /health no longer says where soffice is.
 */
class OfficeSandboxIT {

    /** The server's secrets: the SMTP password of its environment and the database roles' generated passwords. */
    static List<String> secrets(Path home) throws java.io.IOException {
        List<String> secrets = new ArrayList<>(List.of(System.getProperty("it.secret.smtp", "it-smtp-secret")));
        try (var files = Files.list(home.resolve("db"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".secret")).toList()) {
                secrets.add(Files.readString(f).strip());
            }
        }
        return secrets;
    }

    /** An OpenDocument text whose image is a link to {@code linked} (a file URL) and whose text names a marker. */
    static byte[] odtLinking(String linked, String text) throws Exception {
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:"
                + "names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" xmlns:xlink=\"http://www.w3.org/"
                + "1999/xlink\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version="
                + "\"1.2\"><office:body><office:text><text:p>" + text + "</text:p><text:p><draw:frame draw:name=\"img1\""
                + " text:anchor-type=\"as-char\" svg:width=\"5cm\" svg:height=\"5cm\"><draw:image xlink:href=\""
                + linked + "\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/></draw:frame>"
                + "</text:p><text:section text:name=\"S1\"><text:section-source xlink:href=\"file:///etc/hostname\""
                + " text:filter-name=\"Text\"/></text:section></office:text></office:body></office:document-content>";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:"
                + "names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:"
                + "full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/><manifest:file-entry"
                + " manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] type = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry mimetype = new ZipEntry("mimetype");
            mimetype.setMethod(ZipEntry.STORED);
            mimetype.setSize(type.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type);
            mimetype.setCrc(crc.getValue());
            zip.putNextEntry(mimetype);
            zip.write(type);
            zip.closeEntry();
            PreviewsIT.put(zip, "META-INF/manifest.xml", manifest);
            PreviewsIT.put(zip, "content.xml", content);
        }
        return bytes.toByteArray();
    }

    /** What was seen of one process of the conversion while it ran. */
    record Seen(long pid, String command, Map<String, String> environment, String netNamespace) {
    }

    @Test
    void doc21_libreOfficeRunsWithoutTheServersSecretsOrNetworkAndLoadsNoLinkedFile() throws Exception {
        Path home = Path.of(System.getProperty("it.coffer.home"));
        Files.createDirectories(home);
        boolean libreOffice = "available".equals(previews().getJsonObject("data").getString("officeConverter"));
        Path marker = home.resolve("linked-marker-" + UUID.randomUUID() + ".png");
        BufferedImage red = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                red.setRGB(x, y, 0xFF0000);
            }
        }
        ImageIO.write(red, "png", marker.toFile());
        List<String> secrets = secrets(home);
        String ownNet = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();

        UUID tenant = ItDatabase.tenant("sandbox");
        String token = Tokens.login(ItDatabase.user(tenant, "o-" + UUID.randomUUID().toString().substring(0, 6)
                + "@s.test", "OWNER"));
        String room = DataRoomsIT.createRoom(token, "Sandbox").getString("id");

        Map<Long, Seen> seen = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                watch(seen, "coffer-office");
            }
        });
        watcher.start();
        HttpResponse<String> created;
        try {
            created = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=Linked.odt")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(odtLinking(marker.toUri().toString(),
                            "Sandboxed text"))));
        } finally {
            watching.set(false);
            watcher.join();
        }
        assertEquals(201, created.statusCode(), created.body());
        JsonObject doc = Http.json(created);
        if (!libreOffice) { // a machine without LibreOffice (see .ci/run): office files are download-only (DOC-19)
            PreviewsIT.assertDownloadOnlyMayBeChecked(previews().getJsonObject("data").getString("officeConverter"));
            assertTrue(doc.isNull("pageCount"), doc.toString());
            assertEquals(List.of(), List.copyOf(seen.values()), "no conversion ran");
            return;
        }
        assertEquals(1, doc.getInt("pageCount"), "the document was converted: " + doc);

        List<Seen> soffice = seen.values().stream().filter(s -> s.command().contains("soffice")).toList();
        assertFalse(soffice.isEmpty(), "the conversion's processes were caught while running: " + seen.keySet());
        List<String> failures = new ArrayList<>();
        for (Seen s : soffice) {
            for (Map.Entry<String, String> e : s.environment().entrySet()) {
                if (e.getKey().startsWith("COFFER_") || e.getKey().startsWith("WLP_")
                        || e.getKey().startsWith("JAVA_") || secrets.stream().anyMatch(e.getValue()::contains)) {
                    failures.add("pid " + s.pid() + " holds " + e.getKey());
                }
            }
            String processHome = s.environment().getOrDefault("HOME", "");
            if (!processHome.contains("coffer-office")) {
                failures.add("pid " + s.pid() + " has HOME " + processHome + ", not a throw-away directory");
            }
            if (s.netNamespace() == null || s.netNamespace().equals(ownNet)) {
                failures.add("pid " + s.pid() + " shares the host's network namespace " + s.netNamespace());
            }
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));

        // The PDF the pages are made from holds the document's own text, no image (the link stayed unresolved),
        // and nothing of the linked /etc/hostname.
        String hostname = Files.readString(Path.of("/etc/hostname")).strip();
        try (PDDocument pdf = Loader.loadPDF(rendition(home, tenant, UUID.fromString(doc.getString("id"))))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Sandboxed text"), text);
            assertFalse(!hostname.isEmpty() && text.contains(hostname), "the linked file's text is not in the PDF");
            int images = 0;
            for (PDPage page : pdf.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
            assertEquals(0, images, "the linked image of the server's file was not loaded into the PDF");
        }
        Files.deleteIfExists(marker);
        // nothing of the conversion stays behind in the temporary directory
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            List<Path> dirs = left.filter(p -> p.getFileName().toString().startsWith("coffer-office"))
                    .filter(p -> soffice.stream().anyMatch(s -> s.command().contains(p.toString()))).toList();
            assertEquals(List.of(), dirs, "the conversion's working directory was deleted");
        }
    }

    static JsonObject previews() {
        JsonObject health = Http.json(Http.get("/health/ready"));
        return health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("previews")).findFirst().orElseThrow();
    }

    @Test
    void doc21_healthSaysWhetherOfficeFilesConvertButNotWhereSofficeIs() {
        JsonObject previews = previews();
        String body = previews.toString();
        assertFalse(body.contains("/soffice") || body.contains("program/") || body.contains("/usr/"), body);
        String converter = previews.getJsonObject("data").getString("officeConverter");
        if (converter.startsWith("none")) {
            assertEquals("none", previews.getJsonObject("data").getString("officeSandbox"), body);
        } else {
            assertEquals("available", converter, body);
            assertEquals("no network", previews.getJsonObject("data").getString("officeSandbox"),
                    "this machine runs the IT server as root: the network namespace must be there: " + body);
        }
        assertNotEquals(null, previews.getJsonObject("data").getString("pdfRendering", null));
    }

    /** The page-render JVM reads untrusted PDFs too: caught while it renders, it holds no secret and no network. */
    @Test
    void doc21_thePageRenderProcessRunsWithoutTheServersSecretsOrNetwork() throws Exception {
        Path home = Path.of(System.getProperty("it.coffer.home"));
        List<String> secrets = secrets(home);
        String ownNet = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        UUID tenant = ItDatabase.tenant("render");
        String token = Tokens.login(ItDatabase.user(tenant, "o-" + UUID.randomUUID().toString().substring(0, 6)
                + "@r.test", "OWNER"));
        String room = DataRoomsIT.createRoom(token, "Render").getString("id");
        Map<Long, Seen> seen = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                watch(seen, "io.coffer.documents.internal.RenderMain");
            }
        });
        watcher.start();
        try {
            HttpResponse<String> created = Http.send(Http.request("/api/v1/datarooms/" + room
                            + "/documents?name=render.pdf").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(3, 612, 792))));
            assertEquals(201, created.statusCode(), created.body());
            String id = Http.json(created).getString("id");
            for (int page = 1; page <= 3; page++) {
                assertEquals(200, Http.CLIENT.send(Http.request("/api/v1/documents/" + id + "/pages/" + page)
                        .header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            }
        } finally {
            watching.set(false);
            watcher.join();
        }
        assertFalse(seen.isEmpty(), "a render process was caught while it ran");
        List<String> failures = new ArrayList<>();
        for (Seen s : seen.values()) {
            for (Map.Entry<String, String> e : s.environment().entrySet()) {
                if (e.getKey().startsWith("COFFER_") || e.getKey().startsWith("WLP_")
                        || secrets.stream().anyMatch(e.getValue()::contains)) {
                    failures.add("pid " + s.pid() + " holds " + e.getKey());
                }
            }
            if (s.netNamespace() == null || s.netNamespace().equals(ownNet)) {
                failures.add("pid " + s.pid() + " shares the host's network namespace " + s.netNamespace());
            }
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    private static void watch(Map<Long, Seen> seen, String marker) {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    String command = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (!command.contains(marker) || !startedByThisServer(pid)) {
                        continue; // other Coffer servers on this machine convert and render too
                    }
                    String program = Path.of(command.split(" ")[0]).getFileName().toString();
                    if (program.equals("unshare") || program.equals("prlimit")) {
                        continue; // the wrappers, caught before they enter the namespace and exec the helper
                    }
                    Map<String, String> env = new LinkedHashMap<>();
                    for (String entry : new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8)
                            .split("\0")) {
                        int eq = entry.indexOf('=');
                        if (eq > 0) {
                            env.put(entry.substring(0, eq), entry.substring(eq + 1));
                        }
                    }
                    String net = Files.readSymbolicLink(p.resolve("ns").resolve("net")).toString();
                    seen.put(pid, new Seen(pid, command, env, net));
                } catch (java.io.IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The IT server's Liberty installation: its JVM's command line names it (e.g. its java agent). */
    static final String WLP = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp/usr/servers/cofferIT"))
            .getParent().getParent().getParent().toAbsolutePath() + "/";

    /** Whether the process descends from this test run's server (not another worktree's, nor a stranger's). */
    private static boolean startedByThisServer(long pid) {
        java.util.Optional<ProcessHandle> p = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
        for (int depth = 0; depth < 8 && p.isPresent(); depth++) {
            try {
                String command = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.get().pid()),
                        "cmdline")), StandardCharsets.UTF_8);
                if (command.contains(WLP)) {
                    return true;
                }
            } catch (java.io.IOException e) {
                return false;
            }
            p = p.get().parent();
        }
        return false;
    }

    private static byte[] rendition(Path home, UUID tenant, UUID document) throws Exception {
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
                s.setString(1, tenant.toString());
                s.executeQuery().close();
            }
            try (PreparedStatement p = c.prepareStatement("select rendition_blob_id from document_versions"
                    + " where document_id = ?")) {
                p.setObject(1, document);
                try (ResultSet r = p.executeQuery()) {
                    assertTrue(r.next(), "a version");
                    String blob = r.getString(1);
                    assertTrue(blob != null, "an office file keeps its PDF rendition");
                    c.commit();
                    return Files.readAllBytes(home.resolve("blobs").resolve(tenant.toString())
                            .resolve(blob.substring(0, 2)).resolve(blob));
                }
            }
        }
    }
}
