package io.coffer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IT server's embedded PostgreSQL as the operating system sees it: the postmaster named by
 * {@code COFFER_HOME/db/pgdata/postmaster.pid} and its children (backends, checkpointer, WAL writer...). Only this
 * server's processes: other PostgreSQL servers on the machine (another helper's, the developer's) are never touched.
 */
final class ItPostgres {
    static final Path PID_FILE = Path.of(System.getProperty("it.coffer.home"), "db", "pgdata", "postmaster.pid");

    private ItPostgres() {
    }

    static long postmaster() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(PID_FILE).get(0).trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
        String command = handle.info().command().orElse("");
        if (!command.endsWith("postgres")) {
            throw new AssertionError("pid " + pid + " of " + PID_FILE + " is not a postgres: " + command);
        }
        return pid;
    }

    /** The postmaster first, then its descendants (listed after it cannot fork any more, when it is stopped). */
    static List<Long> processes(long postmaster) {
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> command.add(Long.toString(p)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes());
        if (kill.waitFor() != 0 && !"CONT".equals(signal)) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    /** Sends SIGSTOP to the postmaster and then to every process it has; answers them all, for {@link #resume}. */
    static List<Long> freeze() throws IOException, InterruptedException {
        long postmaster = postmaster();
        signal("STOP", List.of(postmaster));
        try {
            List<Long> all = processes(postmaster);
            signal("STOP", all);
            return all;
        } catch (IOException | InterruptedException | RuntimeException e) {
            resume(processes(postmaster)); // never leave a half-stopped database behind
            throw e;
        }
    }

    /** SIGCONT to the children, then the postmaster (a process already gone is no error). */
    static void resume(List<Long> pids) throws IOException, InterruptedException {
        List<Long> reversed = new ArrayList<>(pids);
        java.util.Collections.reverse(reversed);
        signal("CONT", reversed);
    }

    /** Whether the process is stopped (state T in /proc/pid/stat). */
    static boolean stopped(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    }
}
