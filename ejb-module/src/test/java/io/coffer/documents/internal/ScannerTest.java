package io.coffer.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.platform.CofferSettings;
import io.coffer.platform.StartupFailure;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scanner's strict reading of clamd (FR-7, FR-9) and its configuration (FR-13). clamd itself is real in
 * FileRequestsIT; here the replies and the failures a real clamd can produce (no answer, a closed port, an error).
 */
class ScannerTest {

    private static Scanner.Result read(String reply) {
        return Scanner.read(reply.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void fr7_onlyStreamOkIsCleanAndOnlyFoundIsAFinding() {
        assertEquals(Scanner.Verdict.CLEAN, read("stream: OK\0").verdict());
        Scanner.Result found = read("stream: Coffer-Test-EICAR.UNOFFICIAL FOUND\0");
        assertEquals(Scanner.Verdict.INFECTED, found.verdict());
        assertEquals("Coffer-Test-EICAR.UNOFFICIAL", found.finding());
        assertNull(read("stream: OK").finding());
    }

    @Test
    void fr9_anythingUnclearIsNoVerdict() {
        for (String reply : new String[] {"INSTREAM size limit exceeded. ERROR\0", "stream: ERROR\0", "", "OK",
                "stream: FOUND", "stream:  FOUND", "stream: OK trailing", "PONG\0"}) {
            assertEquals(Scanner.Verdict.UNAVAILABLE, read(reply).verdict(), "reply " + reply);
        }
    }

    @Test
    void fr9_aClosedPortIsNoVerdict() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Scanner scanner = new Scanner(Optional.of(new CofferSettings.Scanner("127.0.0.1", port)), 2_000);
        assertEquals(Scanner.Verdict.UNAVAILABLE, scanner.scan(bytes()).verdict());
    }

    @Test
    void fr9_aScannerThatNeverAnswersIsNoVerdictAfterTheTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread silent = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream()); // reads everything, answers nothing
                } catch (Exception ignored) {
                    // the client gave up
                }
            });
            silent.setDaemon(true);
            silent.start();
            Scanner scanner = new Scanner(Optional.of(new CofferSettings.Scanner("127.0.0.1", server.getLocalPort())),
                    1_000);
            long start = System.nanoTime();
            assertEquals(Scanner.Verdict.UNAVAILABLE, scanner.scan(bytes()).verdict());
            assertTrue(System.nanoTime() - start < 30_000_000_000L, "gave up after its timeout");
        }
    }

    @Test
    void fr9_noScannerConfiguredIsNoVerdict() {
        assertEquals(Scanner.Verdict.UNAVAILABLE, new Scanner(Optional.empty(), 1_000).scan(bytes()).verdict());
    }

    private static CofferSettings settings(Map<String, String> values) {
        return new CofferSettings(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void fr13_theScannerAndTheSwitchAreReadStrictly() {
        assertEquals(Optional.of(new CofferSettings.Scanner("clamd.internal", 3310)),
                settings(Map.of("COFFER_CLAMAV", "clamd.internal:3310")).scanner());
        assertEquals(Optional.of(new CofferSettings.Scanner("::1", 3310)),
                settings(Map.of("COFFER_CLAMAV", "[::1]:3310")).scanner());
        assertEquals(Optional.empty(), settings(Map.of()).scanner());
        assertEquals(Optional.empty(), settings(Map.of("COFFER_CLAMAV", " ")).scanner());
        for (String bad : new String[] {"clamd", "clamd:", ":3310", "clamd:0", "clamd:70000", "clamd:port"}) {
            assertThrows(StartupFailure.class, () -> settings(Map.of("COFFER_CLAMAV", bad)).scanner(), bad);
        }
        assertTrue(settings(Map.of("COFFER_SCAN", "off")).scanningOff());
        assertTrue(settings(Map.of("COFFER_SCAN", "OFF")).scanningOff());
        assertEquals(false, settings(Map.of("COFFER_SCAN", "on")).scanningOff());
        assertEquals(false, settings(Map.of()).scanningOff());
        assertThrows(StartupFailure.class, () -> settings(Map.of("COFFER_SCAN", "no")).scanningOff());
    }

    private static InputStream bytes() {
        return new ByteArrayInputStream("a harmless file".getBytes(StandardCharsets.US_ASCII));
    }
}
