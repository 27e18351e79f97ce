package io.xenon.toolstack.api;

/**
 * The REST API's paths. {@code {dom}} is a domain id or name, as xl accepts.
 *
 * <pre>
 *   GET  /v1/host                      HostView                       xl info
 *   GET  /v1/top                       TopView                        xl top (one xentop sample)
 *   GET  /v1/domains                   [DomainView]                   xl list, vcpu-list, uptime
 *   GET  /v1/domains/{dom}             DomainView
 *   GET  /v1/domains/{dom}/config      {"domid": N, "config": {...}}  xl list -l (libxl JSON)
 *   POST /v1/domains                   CreateRequest -> CreateResponse  xl create
 *   POST /v1/domains/{dom}/pause       -> Message
 *   POST /v1/domains/{dom}/unpause     -> Message
 *   POST /v1/domains/{dom}/shutdown    ShutdownRequest -> Message
 *   POST /v1/domains/{dom}/reboot      -> Message
 *   POST /v1/domains/{dom}/destroy     -> Message                     (answers once it is gone)
 *   POST /v1/domains/{dom}/rename      RenameRequest -> Message
 *   POST /v1/domains/{dom}/dump-core   DumpRequest -> Message
 *   POST /v1/domains/{dom}/memory/target  MemoryRequest -> Message  xl mem-set (409 above max or host)
 *   POST /v1/domains/{dom}/memory/max     MemoryRequest -> Message  xl mem-max (409 below target or above host)
 *   GET  /v1/domains/{dom}/devices/{kind}          [DeviceView]  xl block-list (vbd), network-list (vif)
 *   POST /v1/domains/{dom}/devices/{kind}          AttachRequest -> Message (the devid)
 *   POST /v1/domains/{dom}/devices/{kind}/{dev}/detach  -> Message  (dev: devid, vdev or MAC)
 *   GET  /v1/domains/{dom}/sched       SchedParamsView                xl sched-credit -d DOM
 *   POST /v1/domains/{dom}/sched       SchedParamsRequest -> Message  xl sched-credit -d DOM -w -c (400 out of range)
 *   POST /v1/domains/{dom}/vcpus       VcpusRequest -> Message        xl vcpu-set (400 beyond maxvcpus)
 *   POST /v1/domains/{dom}/vcpus/{vcpu|all}/affinity  AffinityRequest -> Message  xl vcpu-pin
 *   GET  /v1/sched/credit              [SchedParamsView]              xl sched-credit
 *   GET  /v1/sched/credit/pool[?pool=P]  PoolParamsView               xl sched-credit -s [-p P] (no P: Pool-0;
 *                                                                      404 unknown pool)
 *   POST /v1/sched/credit/pool[?pool=P]  PoolParamsRequest -> PoolParamsView  xl sched-credit -s [-p P] -t -r -m
 *                                                                      (400 out of range, 404 unknown pool)
 *   POST /v1/domains/{dom}/cpupool     PoolRequest -> Message         xl cpupool-migrate
 *   GET  /v1/cpupools                  CpupoolList                    xl cpupool-list, list -c
 *   POST /v1/cpupools                  CpupoolCreateRequest -> Message  xl cpupool-create
 *   POST /v1/cpupools/{pool}/rename    RenameRequest -> Message       xl cpupool-rename (409 name taken)
 *   POST /v1/cpupools/{pool}/destroy   -> Message                     xl cpupool-destroy (409 with domains)
 *   POST /v1/cpupools/{pool}/cpus/add     CpusRequest -> Message      xl cpupool-cpu-add (409 if not free)
 *   POST /v1/cpupools/{pool}/cpus/remove  CpusRequest -> Message      xl cpupool-cpu-remove
 *   GET  /v1/dmesg?clear=true|false    {"text": "..."}
 *   GET  /v1/domains/{dom}/console     WebSocket: binary frames of console output (history
 *                                      first); frames the client sends are console input
 * </pre>
 */
public final class Api {

    private Api() {
    }

    public static final String PREFIX = "/v1";
    public static final String HOST = PREFIX + "/host";
    public static final String DOMAINS = PREFIX + "/domains";
    public static final String DMESG = PREFIX + "/dmesg";
    public static final String TOP = PREFIX + "/top";
    public static final String SCHED_CREDIT = PREFIX + "/sched/credit";
    public static final String SCHED_CREDIT_POOL = SCHED_CREDIT + "/pool";

    public static final String CPUPOOLS = PREFIX + "/cpupools";

    /** {@code /v1/sched/credit/pool?pool=P}: pool {@code pool}'s parameters; null for Pool-0's. */
    public static String schedCreditPool(String pool) {
        return pool == null ? SCHED_CREDIT_POOL : SCHED_CREDIT_POOL + "?pool="
                + java.net.URLEncoder.encode(pool, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code /v1/cpupools/{pool}/{action}} with {@code pool} path-encoded. */
    public static String cpupool(String pool, String action) {
        return CPUPOOLS + "/" + java.net.URLEncoder.encode(pool, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + "/" + action;
    }

    /** {@code /v1/domains/{dom}} with {@code dom} path-encoded. */
    public static String domain(String dom) {
        return DOMAINS + "/" + java.net.URLEncoder.encode(dom, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** {@code /v1/domains/{dom}/{action}}. */
    public static String domain(String dom, String action) {
        return domain(dom) + "/" + action;
    }
}
