package io.xenon.toolstack.api;

import java.util.List;
import java.util.Map;

/** Request and response bodies of the REST API. */
public final class Requests {

    private Requests() {
    }

    /**
     * {@code xl create}: the config file's text, its name for messages, the command line's
     * {@code key=value} overrides (appended to the text as xl does), and {@code -p}.
     */
    public record CreateRequest(String config, String source, List<String> overrides, boolean paused) {
    }

    /** A created domain, with what the parser warned about. */
    public record CreateResponse(int domid, String name, List<String> warnings) {
    }

    /** {@code xl shutdown [-w]}. */
    public record ShutdownRequest(boolean waitForShutdown) {
    }

    /** {@code xl rename}. */
    public record RenameRequest(String name) {
    }

    /** {@code xl dump-core}: null file means {@code <state-dir>/dump/<name>}. */
    public record DumpRequest(String file) {
    }

    /** {@code xl block-attach} / {@code xl network-attach}: the spec words as given on the command line. */
    public record AttachRequest(List<String> spec) {
    }

    /** {@code xl mem-set} / {@code xl mem-max}: the new target or maximum in KiB. */
    public record MemoryRequest(long kib) {
    }

    /** A success with an optional message. */
    public record Message(String message) {
    }

    /** A failure: what to print. */
    public record ApiError(String error) {
    }

    /** {@code xl dmesg}. */
    public record DmesgText(String text) {
    }

    /** {@code xl network-capture}: where to write and for how long. */
    public record CaptureRequest(String file, int seconds) {
    }

    /** What a capture wrote. */
    public record CaptureResponse(String port, String file, long frames, long missed) {
    }

    /** {@code xl cpupool-create}: a pool's name, scheduler (null: the host's) and free pCPUs. */
    public record CpupoolCreateRequest(String name, String sched, List<Integer> cpus) {
    }

    /** {@code xl cpupool-cpu-add} and {@code cpupool-cpu-remove}: the pCPUs. */
    public record CpusRequest(List<Integer> cpus) {
    }

    /** {@code xl cpupool-migrate}: the pool the domain moves to. */
    public record PoolRequest(String pool) {
    }

    /** {@code GET /v1/cpupools}: the pools, Pool-0 first, and each domain's pool by domid. */
    public record CpupoolList(List<CpupoolView> pools, Map<Integer, String> domainPools) {
    }
}
