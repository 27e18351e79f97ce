package io.xenon.network.tap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test creates for itself and deletes when closed, and a bounded runner
 * for the {@code ip} and {@code ping} commands that configure and probe it. Creating one fails
 * the test (never skips it) with the reason when the host cannot: not root, no iproute2.
 */
public final class Netns implements AutoCloseable {

    /** The longest any one command may run. */
    static final long COMMAND_SECONDS = 20;

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates the namespace {@code name}; throws AssertionError saying why it could not. */
    public static Netns create(String name) {
        Result r;
        try {
            r = run(List.of("ip", "netns", "add", name));
        } catch (IOException e) {
            throw new AssertionError("cannot run 'ip' to create network namespace " + name
                    + ": " + e.getMessage() + " (apt-get install iproute2)", e);
        }
        if (r.exit() != 0) {
            throw new AssertionError("cannot create network namespace " + name + " (exit " + r.exit() + "): "
                    + r.output().strip() + " (these tests need root, or CAP_NET_ADMIN and CAP_SYS_ADMIN, and iproute2)");
        }
        return new Netns(name);
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n <ns> <args>}; throws AssertionError if it fails. */
    public void ip(String... args) throws IOException {
        String[] command = new String[args.length + 3];
        command[0] = "ip";
        command[1] = "-n";
        command[2] = name;
        System.arraycopy(args, 0, command, 3, args.length);
        check(run(List.of(command)), command);
    }

    /** Moves the interface {@code device} from the caller's namespace into this one. */
    public void adopt(String device) throws IOException {
        String[] command = {"ip", "link", "set", device, "netns", name};
        check(run(List.of(command)), command);
    }

    /** Runs {@code command} inside the namespace and returns its exit code and output. */
    public Result exec(String... command) throws IOException {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = name;
        System.arraycopy(command, 0, full, 4, command.length);
        return run(List.of(full));
    }

    /** Deletes the namespace (and any interface still in it). */
    @Override
    public void close() throws IOException {
        run(List.of("ip", "netns", "del", name));
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    public record Result(int exit, String output) {
    }

    /** Runs {@code command} for at most {@link #COMMAND_SECONDS}, killing it if it runs longer. */
    static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            boolean ended = p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            return new Result(ended ? p.exitValue() : -1, output);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        }
    }

    private static void check(Result r, String[] command) {
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + r.exit() + "): " + r.output());
        }
    }
}
