package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart uploads, the storage quota and the trash purge (docs/features/documents.md, DOC-16 … DOC-18, DOC-20). */
class DocumentLifecycleIT {

    UUID tenant;
    ItDatabase.User owner;
    String token;
    String room;

    @BeforeEach
    void room() {
        tenant = ItDatabase.tenant("life");
        owner = ItDatabase.user(tenant, "owner-" + UUID.randomUUID().toString().substring(0, 6) + "@l.test", "OWNER");
        token = Tokens.login(owner);
        room = DataRoomsIT.createRoom(token, "Lifecycle").getString("id");
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A multipart/form-data body as a browser's form sends it: a text field first, then the file part. */
    static byte[] multipart(String boundary, String fileName, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nfirst field\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    HttpResponse<String> uploadMultipart(String path, String fileName, byte[] file) {
        String boundary = "----coffer" + UUID.randomUUID();
        return Http.send(Http.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, file))));
    }

    HttpResponse<String> uploadRaw(String name, byte[] bytes) {
        return Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=" + name)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    byte[] download(String id) throws Exception {
        HttpResponse<byte[]> r = Http.CLIENT.send(Http.request("/api/v1/documents/" + id + "/content")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void doc16_aMultipartUploadStoresThePartNamedFileUnderItsFileName() throws Exception {
        byte[] file = random(300_000, 16);
        HttpResponse<String> created = uploadMultipart("/api/v1/datarooms/" + room + "/documents",
                "C:\\Users\\me\\Board deck.bin", file);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject doc = Http.json(created);
        assertEquals("Board deck.bin", doc.getString("name"), "the client's path is not part of the name");
        assertEquals(file.length, doc.getJsonNumber("size").longValue(), "the framing is not part of the file");
        assertEquals(DocumentsIT.sha256(file), doc.getString("sha256"));
        assertArrayEquals(file, download(doc.getString("id")));

        HttpResponse<String> named = uploadMultipart("/api/v1/datarooms/" + room + "/documents?name=Chosen.bin",
                "ignored.bin", random(10, 17));
        assertEquals("Chosen.bin", Http.json(named).getString("name"), "the query's name wins");

        byte[] second = random(1000, 18);
        HttpResponse<String> version = uploadMultipart("/api/v1/documents/" + doc.getString("id") + "/versions",
                "whatever.bin", second);
        assertEquals(201, version.statusCode(), version.body());
        assertEquals(2, Http.json(version).getInt("version"));
        assertArrayEquals(second, download(doc.getString("id")));
    }

    @Test
    void doc16_aMultipartBodyWithoutAFilePartOrWithAHostileFileNameIsRefused() {
        String boundary = "b" + UUID.randomUUID();
        byte[] noFile = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> missing = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(noFile)));
        assertProblem(missing, 400, "validation");

        HttpResponse<String> malformed = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("this is not multipart at all")));
        assertProblem(malformed, 400, "validation");

        HttpResponse<String> hostile = uploadMultipart("/api/v1/datarooms/" + room + "/documents",
                "evil\u202Egpj.exe", random(10, 19));
        assertProblem(hostile, 400, "validation");
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from document_versions"), "nothing was recorded");
    }

    @Test
    void doc16_aMultipartUploadIsAuthorizedBeforeItsBodyIsRead() {
        ItDatabase.User member = ItDatabase.user(tenant, "m-" + UUID.randomUUID().toString().substring(0, 6)
                + "@l.test", "MEMBER");
        String memberToken = Tokens.login(member);
        String boundary = "b" + UUID.randomUUID();
        HttpResponse<String> refused = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents")
                .header("Authorization", "Bearer " + memberToken)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("garbage")));
        assertProblem(refused, 404, "not-found");
    }

    @Test
    void doc17_theQuotaHoldsUnderTwentyParallelUploads() throws Exception {
        int size = 100_000;
        ItDatabase.execute(tenant, "insert into storage_usage (tenant_id, used_bytes, quota_bytes) values (?, 0, ?)",
                tenant, 10L * size);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                int n = i;
                answers.add(pool.submit((Callable<Integer>) () -> uploadRaw("part-" + n + ".bin",
                        random(size, 1000 + n)).statusCode()));
            }
            int created = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 201) {
                    created++;
                } else if (status == 413) {
                    refused++;
                }
            }
            assertEquals(10, created, "exactly what fits is accepted");
            assertEquals(10, refused, "the rest is refused with 413");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10L * size, ItDatabase.number(tenant, "select used_bytes from storage_usage"));
        assertEquals(10, ItDatabase.number(tenant, "select count(*) from document_versions"));

        HttpResponse<String> declared = uploadRaw("one-more.bin", random(10, 7));
        assertProblem(declared, 413, "payload-too-large");
        assertTrue(declared.body().contains("quota"), declared.body());
    }

    @Test
    void doc18_aDocumentThirtyDaysInTheTrashIsPurgedWithItsBytesButSharedBytesStay() throws Exception {
        byte[] unique = random(50_000, System.nanoTime());
        byte[] shared = random(40_000, System.nanoTime() + 1);
        String gone = Http.json(uploadRaw("gone.bin", unique)).getString("id");
        String twinTrashed = Http.json(uploadRaw("twin-a.bin", shared)).getString("id");
        String twinKept = Http.json(uploadRaw("twin-b.bin", shared)).getString("id");
        Path uniqueBlob = blob(DocumentsIT.sha256(unique));
        Path sharedBlob = blob(DocumentsIT.sha256(shared));
        assertTrue(Files.exists(uniqueBlob) && Files.exists(sharedBlob), "blobs are where the test expects them");
        assertEquals(204, Http.send(Http.request("/api/v1/documents/" + gone).header("Authorization", "Bearer "
                + token).DELETE()).statusCode());
        assertEquals(204, Http.send(Http.request("/api/v1/documents/" + twinTrashed).header("Authorization",
                "Bearer " + token).DELETE()).statusCode());
        long usedBefore = ItDatabase.number(tenant, "select used_bytes from storage_usage");
        assertEquals(unique.length + 2L * shared.length, usedBefore, "the trash counts until it is purged");

        // a trashed folder with a grant on it and a document inside goes too, grant included (PERM grants name it)
        String folder = DataRoomsIT.createFolder(token, room, "Old drafts", null).getString("id");
        ItDatabase.User member = ItDatabase.user(tenant, "m-" + UUID.randomUUID().toString().substring(0, 6)
                + "@l.test", "MEMBER");
        HttpResponse<String> granted = Http.send(Http.request("/api/v1/datarooms/" + room + "/grants")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("[{\"principal\": {\"type\": \"USER\", \"id\": \""
                        + member.id() + "\"}, \"folderId\": \"" + folder + "\", \"permission\": \"VIEW\"}]")));
        assertEquals(200, granted.statusCode(), granted.body());
        String inFolder = Http.json(Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=draft.bin"
                        + "&folderId=" + folder).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(random(1000, 99))))).getString("id");
        assertEquals(204, Http.send(Http.request("/api/v1/folders/" + folder).header("Authorization", "Bearer "
                + token).DELETE()).statusCode());

        Thread.sleep(6_000); // a purge round with the real clock: nothing is due yet
        assertEquals(4, ItDatabase.number(tenant, "select count(*) from items where kind = 'DOCUMENT'"));

        ItClock.advance(Duration.ofDays(31));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ItDatabase.number(tenant, "select count(*) from items where kind = 'DOCUMENT'") > 1
                    || Files.exists(uniqueBlob)) {
                assertTrue(System.nanoTime() < deadline, "the purge ran within a minute");
                Thread.sleep(500);
            }
        } finally {
            ItClock.reset();
        }
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from document_versions"));
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from items where kind = 'FOLDER'"),
                "the trashed folder is gone");
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from grants where folder_id is not null"),
                "with the grant that named it");
        assertTrue(inFolder != null);
        assertEquals(shared.length, ItDatabase.number(tenant, "select used_bytes from storage_usage"),
                "the quota got the purged bytes back");
        assertFalse(Files.exists(uniqueBlob), "unused bytes are deleted");
        assertTrue(Files.exists(sharedBlob), "bytes another document uses stay");
        assertArrayEquals(shared, download(twinKept));
        assertProblem(Http.send(Http.request("/api/v1/documents/" + gone + "/restore")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody())), 404,
                "not-found");
    }

    /**
     * DOC-20: a ticketed document (a visitor's single-use download ticket names it) is purged like any other, and
     * each tenant's purge stands alone: the tenant purged first holds the ticket, the second one's trash goes too.
     */
    @Test
    void doc20_aVisitorsDownloadTicketBlocksNoPurgeAndEachTenantsPurgeStandsAlone() throws Exception {
        UUID other = ItDatabase.tenant("life-b");
        ItDatabase.User otherOwner = ItDatabase.user(other, "owner-" + UUID.randomUUID().toString().substring(0, 6)
                + "@l.test", "OWNER");
        // the tenants are purged in the order of their ids: the ticketed one comes first
        boolean thisFirst = tenant.toString().compareTo(other.toString()) < 0;
        UUID ticketedTenant = thisFirst ? tenant : other;
        UUID plainTenant = thisFirst ? other : tenant;
        String ticketedToken = thisFirst ? token : Tokens.login(otherOwner);
        String plainToken = thisFirst ? Tokens.login(otherOwner) : token;
        String ticketedRoom = thisFirst ? room : DataRoomsIT.createRoom(ticketedToken, "Ticketed").getString("id");
        String plainRoom = thisFirst ? DataRoomsIT.createRoom(plainToken, "Plain").getString("id") : room;

        String ticketed = Http.json(Http.send(Http.request("/api/v1/datarooms/" + ticketedRoom
                + "/documents?name=ticketed.bin").header("Authorization", "Bearer " + ticketedToken)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(random(3000, System.nanoTime()))))).getString("id");
        HttpResponse<String> link = Http.postJson("/api/v1/share-links", ticketedToken, "{\"target\": {\"type\":"
                + " \"DOCUMENT\", \"id\": \"" + ticketed + "\"}, \"allowDownload\": true}");
        assertEquals(201, link.statusCode(), link.body());
        String linkToken = Http.json(link).getString("token");
        HttpResponse<String> session = Http.postJson("/api/v1/public/links/" + linkToken + "/sessions", null, "{}");
        assertEquals(201, session.statusCode(), session.body());
        HttpResponse<String> ticket = Http.send(Http.request("/api/v1/public/links/" + linkToken + "/documents/"
                        + ticketed + "/download-ticket").header("X-Visitor-Token", Http.json(session)
                        .getString("visitorToken")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(201, ticket.statusCode(), ticket.body());
        assertEquals(1, ItDatabase.number(ticketedTenant, "select count(*) from download_tickets where document_id = ?"
                + " and link_id is not null",
                UUID.fromString(ticketed)));
        String plain = Http.json(Http.send(Http.request("/api/v1/datarooms/" + plainRoom
                + "/documents?name=plain.bin").header("Authorization", "Bearer " + plainToken)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(random(2000, System.nanoTime()))))).getString("id");
        assertEquals(204, Http.send(Http.request("/api/v1/documents/" + ticketed).header("Authorization", "Bearer "
                + ticketedToken).DELETE()).statusCode());
        assertEquals(204, Http.send(Http.request("/api/v1/documents/" + plain).header("Authorization", "Bearer "
                + plainToken).DELETE()).statusCode());

        ItClock.advance(Duration.ofDays(31));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (ItDatabase.number(ticketedTenant, "select count(*) from items where id = ?",
                    UUID.fromString(ticketed)) > 0 || ItDatabase.number(plainTenant,
                    "select count(*) from items where id = ?", UUID.fromString(plain)) > 0) {
                assertTrue(System.nanoTime() < deadline, "both tenants' trash was purged within 40 s: ticketed "
                        + ItDatabase.number(ticketedTenant, "select count(*) from items where id = ?",
                        UUID.fromString(ticketed)) + ", other tenant " + ItDatabase.number(plainTenant,
                        "select count(*) from items where id = ?", UUID.fromString(plain)) + " left");
                Thread.sleep(500);
            }
        } finally {
            ItClock.reset();
        }
        assertEquals(0, ItDatabase.number(ticketedTenant, "select count(*) from download_tickets where document_id = ?",
                UUID.fromString(ticketed)), "the ticket went with its document");
        assertEquals(0, ItDatabase.number(ticketedTenant, "select count(*) from document_versions"
                + " where document_id = ?", UUID.fromString(ticketed)));
    }

    /** {@code tenancy.EachTenant}'s lock keys, as it computes them: the job's name, and the tenant. */
    static int jobKey(String job) {
        int h = 0x436f6666;
        for (byte b : job.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }

    @Test
    void fd36_aTenantAnotherInstanceIsPurgingIsSkippedAndTheOthersArePurged() throws Exception {
        UUID other = ItDatabase.tenant("life-free");
        String otherToken = Tokens.login(ItDatabase.user(other, "owner-" + UUID.randomUUID().toString()
                .substring(0, 6) + "@l.test", "OWNER"));
        String otherRoom = DataRoomsIT.createRoom(otherToken, "Free").getString("id");
        String held = Http.json(uploadRaw("held.bin", random(2000, System.nanoTime()))).getString("id");
        String free = Http.json(Http.send(Http.request("/api/v1/datarooms/" + otherRoom + "/documents?name=free.bin")
                .header("Authorization", "Bearer " + otherToken).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(random(2000, System.nanoTime()))))).getString("id");
        assertEquals(204, Api.delete("/api/v1/documents/" + held, token).statusCode());
        assertEquals(204, Api.delete("/api/v1/documents/" + free, otherToken).statusCode());

        // "another instance" purging this tenant: the test holds the job's lock for it
        try (java.sql.Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement p = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                p.setInt(1, jobKey("Trash purge"));
                p.setInt(2, Long.hashCode(tenant.getMostSignificantBits() ^ tenant.getLeastSignificantBits()));
                p.executeQuery().close();
            }
            ItClock.advance(Duration.ofDays(31));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (ItDatabase.number(other, "select count(*) from items where kind = 'DOCUMENT'") > 0) {
                    assertTrue(System.nanoTime() < deadline, "the round purged the free tenant within a minute");
                    Thread.sleep(500);
                }
                Thread.sleep(6_000); // another round
                assertEquals(1, ItDatabase.number(tenant, "select count(*) from items where id = ?",
                        UUID.fromString(held)), "the tenant another instance holds is skipped, not purged twice");
                c.rollback(); // that instance is done (or died): the lock goes with its transaction
                deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (ItDatabase.number(tenant, "select count(*) from items where id = ?", UUID.fromString(held)) > 0) {
                    assertTrue(System.nanoTime() < deadline, "purged in a round after the lock went");
                    Thread.sleep(500);
                }
            } finally {
                ItClock.reset();
            }
        }
    }

    Path blob(String sha) {
        return ItBlobs.file(tenant, sha);
    }
}
