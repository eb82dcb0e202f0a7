package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile files as documents (docs/features/abuse.md, AB-12, AB-13): malformed and oversized PDFs, a zip bomb, a
 * billion-laughs document and (under {@code -Pheavy}) a Word file that inflates to gigabytes. Each upload is answered
 * 201 or a 4xx problem, never a 5xx; its pages are served or refused, never a 500; the server's own heap stays bounded
 * (rendering and conversion run in separate, limited processes) and it stays ready.
 */
class AbuseDocumentsIT {

    static final boolean HEAVY = Boolean.getBoolean("coffer.heavy");
    String token;
    String room;

    @BeforeEach
    void setUp() {
        UUID tenant = ItDatabase.tenant("abuse-docs");
        token = Tokens.login(ItDatabase.user(tenant, "o-" + UUID.randomUUID().toString().substring(0, 8) + "@ad.test",
                "OWNER"));
        room = DataRoomsIT.createRoom(token, "Hostile " + UUID.randomUUID()).getString("id");
    }

    static String pdf(String... objects) {
        StringBuilder s = new StringBuilder("%PDF-1.7\n");
        StringBuilder xref = new StringBuilder();
        for (int i = 0; i < objects.length; i++) {
            xref.append(String.format("%010d 00000 n \n", s.length()));
            s.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int at = s.length();
        s.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n").append(xref)
                .append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(at).append("\n%%EOF\n");
        return s.toString();
    }

    /** Malformed and hostile PDFs, by name. */
    static Map<String, byte[]> hostilePdfs() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("garbage.pdf", ("%PDF-1.7\n" + "\u0000\u00ff garbage ".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1));
        byte[] real = DocumentsIT.pdf(3, 612, 792);
        files.put("truncated.pdf", Arrays.copyOf(real, real.length / 2));
        files.put("page-tree-loop.pdf", pdf("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>").getBytes(StandardCharsets.ISO_8859_1));
        files.put("huge-page.pdf", pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /UserUnit 75000 >>")
                .getBytes(StandardCharsets.ISO_8859_1));
        files.put("count-lies.pdf", pdf("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>").getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(100_000)).append("]".repeat(100_000));
        files.put("deep-nesting.pdf", pdf("<< /Type /Catalog /Pages 2 0 R /X " + deep + " >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>").getBytes(StandardCharsets.ISO_8859_1));
        return files;
    }

    /** A zip whose one entry inflates to {@code size} bytes of zeros. */
    static byte[] zipBomb(String entry, long size, byte[] prefix) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(prefix);
            byte[] zeros = new byte[1 << 20];
            for (long n = 0; n < size; n += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static final String LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
            + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
            + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
            + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
            + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
            + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";

    /** A .docx whose document part is {@code documentXml}. */
    static byte[] docx(String documentXml) throws Exception {
        byte[] normal = PreviewsIT.docx("x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(normal));
             ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals("word/document.xml") ? documentXml.getBytes(StandardCharsets.UTF_8)
                        : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    HttpResponse<String> upload(String name, byte[] bytes) {
        return Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=" + name)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** Uploads a hostile file and asks for its first pages: no 5xx but a 503 problem, the server ready after. */
    String hostile(String name, byte[] bytes) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> up = upload(name, bytes);
        assertTrue(up.statusCode() == 201 || up.statusCode() >= 400 && up.statusCode() < 500,
                name + ": " + up.statusCode() + " " + up.body());
        assertFalse(up.body().contains("Exception") || up.body().contains("at io.coffer"), "no stack trace: " + up.body());
        String outcome = name + ": " + up.statusCode();
        if (up.statusCode() == 201) {
            JsonObject doc = Http.json(up);
            outcome += ", pageCount " + (doc.isNull("pageCount") ? "none (download only)" : doc.getInt("pageCount"));
            if (name.equals("count-lies.pdf")) {
                assertEquals(1, doc.getInt("pageCount"), "the pages it has, not the 2^31-1 its /Count claims");
            }
            for (int page = 1; page <= 2; page++) {
                HttpResponse<byte[]> p = Http.CLIENT.send(Http.request("/api/v1/documents/" + doc.getString("id")
                        + "/pages/" + page).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertTrue(p.statusCode() < 500 || p.statusCode() == 503, name + " page " + page + ": "
                        + p.statusCode() + " " + new String(p.body(), StandardCharsets.UTF_8));
                if (p.statusCode() != 200) {
                    assertTrue(p.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                            name + " page " + page + " refused with a problem answer");
                }
                outcome += ", page " + page + " → " + p.statusCode();
            }
        }
        assertEquals(200, Http.get("/health/ready").statusCode(), "ready after " + name);
        return outcome + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)";
    }

    @Test
    void ab12_malformedAndHostilePdfsAreAnsweredWithoutA500AndTheServerHeapStaysBounded() throws Exception {
        try (ServerHeap heap = ServerHeap.connect()) {
            long before = heap.resetPeak();
            for (Map.Entry<String, byte[]> f : hostilePdfs().entrySet()) {
                System.out.println("AB-12: " + hostile(f.getKey(), f.getValue()));
            }
            long growth = heap.peak() - before;
            System.out.printf("AB-12: server heap peak growth %d MiB%n", growth >> 20);
            assertTrue(growth < (256L << 20), "the server's heap stays bounded: +" + (growth >> 20) + " MiB");
        }
    }

    @Test
    void ab13_aZipBombAndBillionLaughsAreStoredOrRefusedWithoutHarmToTheServer() throws Exception {
        try (ServerHeap heap = ServerHeap.connect()) {
            long before = heap.resetPeak();
            byte[] bomb = zipBomb("zeros.bin", HEAVY ? 4L << 30 : 256L << 20, new byte[0]);
            System.out.println("AB-13: " + hostile("bomb.zip", bomb) + ", " + bomb.length + " bytes inflating to "
                    + (HEAVY ? "4 GiB" : "256 MiB"));
            String laughs = LAUGHS + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
                    + "main\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
            System.out.println("AB-13: " + hostile("laughs.docx", docx(laughs)));
            byte[] svg = (LAUGHS.replace("lolz", "svg") + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lol9;</text>"
                    + "</svg>").getBytes(StandardCharsets.UTF_8);
            System.out.println("AB-13: " + hostile("laughs.svg", svg));
            if (HEAVY) {
                // a Word file whose document part inflates to 1 GiB: the converter's limits end it
                byte[] wordBomb = zipBomb("word/document.xml", 1L << 30, ("<?xml version=\"1.0\"?><w:document xmlns:w="
                        + "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
                        .getBytes(StandardCharsets.UTF_8));
                System.out.println("AB-13: " + hostile("word-bomb.docx", wordBomb));
            }
            long growth = heap.peak() - before;
            System.out.printf("AB-13: server heap peak growth %d MiB%n", growth >> 20);
            assertTrue(growth < (256L << 20), "the server's heap stays bounded: +" + (growth >> 20) + " MiB");
        }
    }
}
