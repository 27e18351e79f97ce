package io.xenon.toolstack.xl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal in raw mode (no echo, no line editing, no signals), as
 * {@code xenconsole} sets it, and restored afterwards. Does nothing when stdin is not a
 * terminal.
 */
final class RawTerminal {

    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    static RawTerminal enter() {
        if (System.console() == null) {
            return new RawTerminal(null);
        }
        try {
            String saved = stty("-g").strip();
            stty("raw", "-echo");
            return new RawTerminal(saved);
        } catch (IOException e) {
            return new RawTerminal(null);
        }
    }

    void restore() {
        if (saved != null) {
            try {
                stty(saved);
            } catch (IOException e) {
                // The terminal is gone; nothing to restore.
            }
        }
    }

    private static String stty(String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (p.waitFor() != 0) {
                throw new IOException("stty failed");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
