package io.xenon.network.tap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A network namespace a test creates for itself and deletes when closed, and a bounded runner
 * for the {@code ip} and {@code ping} commands that configure and probe it. Creating one fails
 * the test (never skips it) with the reason when the host cannot: not root, no iproute2.
 * {@link Scope} is the rest of an interop test's set-up: its actor system and what to close.
 */
public final class Netns implements AutoCloseable {

    /** The longest any one command may run. */
    static final long COMMAND_SECONDS = 20;

    /** This JVM's pid, which the tests' namespace and device names carry so parallel builds do not clash. */
    public static final long PID = ProcessHandle.current().pid();

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

    /** Moves {@code device} in, gives it the address {@code cidr} and brings it up. */
    public void adopt(String device, String cidr) throws IOException {
        adopt(device);
        ip("addr", "add", cidr, "dev", device);
        ip("link", "set", device, "up");
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

    /**
     * What an interop test class needs around its namespaces, as a JUnit extension registered
     * in a static field: an actor system for the class, and everything a test opens
     * (namespaces, devices, networks, processes) closed after it, latest first, even when it
     * failed.
     */
    public static final class Scope implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

        private final String systemName;
        private final List<AutoCloseable> opened = new ArrayList<>();
        private ActorSystem system;

        /** A scope whose actor system is named {@code systemName}. */
        public Scope(String systemName) {
            this.systemName = systemName;
        }

        public ActorSystem system() {
            return system;
        }

        /** Closes {@code resource} after the test, before anything opened earlier. */
        public <T extends AutoCloseable> T add(T resource) {
            opened.add(resource);
            return resource;
        }

        /** Creates the namespace {@code prefix} and this JVM's {@link #PID}, deleted after the test. */
        public Netns netns(String prefix) {
            return add(create(prefix + PID));
        }

        /**
         * Opens the device {@code name} of {@code kind}, closed after the test, and moves it into
         * {@code ns} at {@code cidr}, up.
         */
        public LinuxTun openIn(Netns ns, String name, DeviceKind kind, String cidr) throws IOException {
            LinuxTun device = add(LinuxTun.open(name, kind));
            ns.adopt(device.name(), cidr);
            return device;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            system = ActorSystem.create(systemName);
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
            opened.clear();
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
