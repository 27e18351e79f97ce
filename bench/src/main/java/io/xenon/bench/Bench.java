package io.xenon.bench;

import java.io.PrintStream;

/** One named benchmark of {@code xenon bench}: it measures, then prints its figures. */
interface Bench {

    String name();

    /** One line: what it measures and against what reference. */
    String description();

    void run(PrintStream out) throws Exception;
}
