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

    /** {@code xl sched-credit -d DOM -w W -c C}: a null leaves that value as it is. */
    public record SchedParamsRequest(Integer weight, Integer cap) {
    }

    /** One domain's credit parameters ({@code libxl_domain_sched_params}). */
    public record SchedParamsView(String name, int domid, int weight, int cap) {
    }

    /** {@code xl sched-credit -s -t T -r R -m M}: a null leaves that value as it is. */
    public record PoolParamsRequest(Integer tsliceMs, Integer ratelimitUs, Integer migrationDelayUs) {
    }

    /**
     * A pool's name and scheduler parameters ({@code libxl_sched_credit_params}).
     *
     * @param migrationDelayUs {@code vcpu_migr_delay_us}; 0 for a scheduler that has none
     */
    public record PoolParamsView(String pool, String scheduler, int tsliceMs, int ratelimitUs, int migrationDelayUs) {
    }

    /**
     * {@code xl vcpu-pin}: the hard and soft affinity as CPULISTs ({@code "0-1,3"}, {@code "all"});
     * a null leaves that one as it is.
     */
    public record AffinityRequest(String hard, String soft) {
    }

    /** {@code xl vcpu-set}: how many vCPUs may be online. */
    public record VcpusRequest(int count) {
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
