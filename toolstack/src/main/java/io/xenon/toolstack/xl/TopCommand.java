package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.TopView;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xl top}: {@code xentop}'s live view of the host and its domains. Each round takes one
 * sample from the daemon ({@code GET /v1/top}) and prints the table, CPU(%) from this sample and
 * the last. In batch mode ({@code -b}) it prints plain lines and sleeps between rounds; otherwise
 * it clears the terminal, adds the summary lines, and reads keys while it waits: {@code q},
 * {@code Esc} or {@code Ctrl-C} quits.
 *
 * <p>XEN-DIFF: xl's {@code top} runs {@code xentop} without arguments; Xenon has no separate
 * {@code xentop}, so {@code xl top} takes xentop's options itself.
 */
@Command(name = "xl")
final class TopCommand {

    /** The ANSI sequence that homes the cursor and clears the screen. */
    static final String CLEAR = "\033[H\033[2J";

    private static final int CTRL_C = 3;
    private static final int ESC = 0x1b;

    private final Xl xl;

    TopCommand(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "top", description = "Monitor a host and the domains in real time.",
            customSynopsis = "xl top [-b] [-d SECONDS] [-i N] [-n] [-x] [-r] [-v] [-f] [-z]")
    int top(@Option(names = {"-b", "--batch"}, description = "Output in batch mode, no user input accepted.") boolean batch,
            @Option(names = {"-d", "--delay"}, paramLabel = "SECONDS", description = "Seconds between updates (default 3).")
            String delayText,
            @Option(names = {"-i", "--iterations"}, paramLabel = "N", description = "Number of iterations before exiting.")
            String iterationsText,
            @Option(names = {"-n", "--networks"}, description = "Output vif network data.") boolean networks,
            @Option(names = {"-x", "--vbds"}, description = "Output vbd block device data.") boolean vbds,
            @Option(names = {"-r", "--repeat-header"}, description = "Repeat table header before each domain.")
            boolean repeat,
            @Option(names = {"-v", "--vcpus"}, description = "Output vcpu data.") boolean vcpus,
            @Option(names = {"-f", "--full-name"}, description = "Output the full domain name (not truncated).")
            boolean fullName,
            @Option(names = {"-z", "--dom0-first"}, description = "Display dom0 first (ignore sorting).") boolean dom0First)
            throws Exception {
        int delay = delayText == null ? 3 : positive("-d", delayText);
        int iterations = iterationsText == null ? 0 : positive("-i", iterationsText);
        TopFormat.Options options = new TopFormat.Options(networks, vbds, repeat, vcpus, fullName, dom0First);
        return batch ? batch(delay, iterations, options) : interactive(delay, iterations, options);
    }

    /** A whole number of at least 1, or xl's usage error (exit 2). */
    static int positive(String option, String text) throws XlException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Falls through to the usage error.
        }
        throw new XlException("xl top: " + option + " takes a whole number of at least 1, not '" + text
                + "' (see xl help top)", 2);
    }

    private int batch(int delay, int iterations, TopFormat.Options options) throws Exception {
        TopView previous = null;
        for (int round = 1; ; round++) {
            TopView current = xl.client().get(Api.TOP, TopView.class);
            TopFormat.table(previous, current, options).forEach(xl.out::println);
            xl.out.flush();
            previous = current;
            if (iterations > 0 && round >= iterations) {
                return 0;
            }
            Thread.sleep(delay * 1000L);
        }
    }

    private int interactive(int delay, int iterations, TopFormat.Options options) throws Exception {
        RawTerminal terminal = RawTerminal.enter();
        try {
            TopView previous = null;
            for (int round = 1; ; round++) {
                TopView current = xl.client().get(Api.TOP, TopView.class);
                StringBuilder screen = new StringBuilder(CLEAR);
                List<String> lines = new ArrayList<>(TopFormat.summary(current, ZoneId.systemDefault()));
                lines.addAll(TopFormat.table(previous, current, options));
                // Raw mode: each line needs its carriage return.
                lines.forEach(l -> screen.append(l).append("\r\n"));
                xl.out.print(screen);
                xl.out.flush();
                previous = current;
                if (iterations > 0 && round >= iterations) {
                    return 0;
                }
                if (quitWithin(delay * 1000L)) {
                    return 0;
                }
            }
        } finally {
            terminal.restore();
        }
    }

    /** Waits up to {@code millis}; true if {@code q}, {@code Esc} or {@code Ctrl-C} was typed. */
    private boolean quitWithin(long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            while (xl.in.available() > 0) {
                int c = xl.in.read();
                if (c == 'q' || c == 'Q' || c == ESC || c == CTRL_C) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
