package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Previews (DOC-14, DOC-19): how they are made is reported by /health; office files are converted when possible. */
class PreviewsIT {

    /** A minimal Word document: the three parts a .docx needs, with "[Content_Types].xml" first as Word writes it. */
    static byte[] docx(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://"
                    + "schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType="
                    + "\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\""
                    + " ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\""
                    + "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml"
                    + "\"/></Relationships>");
            put(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://"
                    + "schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" + text
                    + "</w:t></w:r></w:p><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:p><w:r><w:t>Page two"
                    + "</w:t></w:r></w:p></w:body></w:document>");
        }
        return bytes.toByteArray();
    }

    static void put(ZipOutputStream zip, String name, String content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /**
     * Whether this run may take the download-only path of a server without LibreOffice: never under {@code CI=true}
     * ({@code .ci/run} installs LibreOffice and fails when it cannot), where a missing converter fails the test
     * instead of letting DOC-19 (and DOC-21's sandbox) pass without converting anything.
     */
    static void assertDownloadOnlyMayBeChecked(String converter) {
        assertFalse("true".equals(System.getenv("CI")), "CI=true and the server found no office converter ("
                + converter + "): LibreOffice must be installed for the run to prove office previews");
    }

    @Test
    void doc19_officeFilesAreConvertedWhenLibreOfficeIsInstalledAndHealthSaysSo() throws Exception {
        JsonObject health = Http.json(Http.get("/health/ready"));
        JsonObject previews = health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("previews")).findFirst().orElseThrow();
        assertEquals("UP", previews.getString("status"));
        String converter = previews.getJsonObject("data").getString("officeConverter");
        assertEquals("separate process", previews.getJsonObject("data").getString("pdfRendering"),
                "the IT server runs the EAR expanded, so pages render in a process of their own");

        UUID tenant = ItDatabase.tenant("prev");
        String token = Tokens.login(ItDatabase.user(tenant, "o-" + UUID.randomUUID().toString().substring(0, 6)
                + "@p.test", "OWNER"));
        String room = DataRoomsIT.createRoom(token, "Previews").getString("id");
        HttpResponse<String> created = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=Memo.docx")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(docx("Coffer memo"))));
        assertEquals(201, created.statusCode(), created.body());
        JsonObject doc = Http.json(created);
        HttpResponse<byte[]> page = Http.CLIENT.send(Http.request("/api/v1/documents/" + doc.getString("id")
                + "/pages/1").header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (converter.startsWith("none")) {
            assertDownloadOnlyMayBeChecked(converter);
            assertTrue(doc.isNull("pageCount"), "without LibreOffice an office file is download-only");
            assertEquals(404, page.statusCode());
        } else {
            assertEquals(2, doc.getInt("pageCount"), "converted to PDF at upload: " + converter);
            assertEquals(200, page.statusCode());
            assertEquals("image/png", page.headers().firstValue("Content-Type").orElseThrow());
            assertEquals((byte) 0x89, page.body()[0], "a PNG");
        }
        HttpResponse<byte[]> original = Http.CLIENT.send(Http.request("/api/v1/documents/" + doc.getString("id")
                + "/content").header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, original.statusCode(), "the original bytes stay what is downloaded");
        assertEquals(doc.getString("sha256"), DocumentsIT.sha256(original.body()));
    }
}
