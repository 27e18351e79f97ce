package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.ApiException;
import io.xenon.toolstack.api.Requests;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The memory commands ({@code xl_mem.c}): mem-set and mem-max. Messages are xl's. */
@Command(name = "xl")
final class MemoryCommands {

    private final Xl xl;

    MemoryCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "mem-set", description = "Set the current memory usage for a domain.",
            customSynopsis = "xl mem-set <Domain> <MemMB['b'[bytes]|'k'[KB]|'m'[MB]|'g'[GB]|'t'[TB]]>")
    int memSet(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "Mem") String mem) throws Exception {
        long kib = parseMemSizeKb(mem);
        if (kib == -1) {
            xl.err.println("invalid memory size: " + mem);
            return 1;
        }
        xl.client().post(Api.domain(dom, "memory/target"), new Requests.MemoryRequest(kib), Requests.Message.class);
        return 0;
    }

    @Command(name = "mem-max", description = "Set the maximum amount reservation for a domain.",
            customSynopsis = "xl mem-max <Domain> <MemMB['b'[bytes]|'k'[KB]|'m'[MB]|'g'[GB]|'t'[TB]]>")
    int memMax(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "Mem") String mem) throws Exception {
        long kib = parseMemSizeKb(mem);
        if (kib == -1) {
            xl.err.println("invalid memory size: " + mem);
            return 1;
        }
        try {
            xl.client().post(Api.domain(dom, "memory/max"), new Requests.MemoryRequest(kib), Requests.Message.class);
        } catch (ApiException e) {
            xl.err.println(e.getMessage());
            xl.err.println("cannot set domid " + dom + " static max memory to : " + mem);
            return 1;
        }
        return 0;
    }

    /**
     * xl's {@code parse_mem_size_kb}: a number ({@code strtoll}) and at most one suffix,
     * {@code t}, {@code g}, {@code m}, {@code k} or {@code b}. With no suffix the number is in
     * MiB: the code falls through from {@code '\0'} to {@code 'm'}, whatever the man page says.
     *
     * @return KiB, or -1 if {@code mem} is not a size
     */
    static long parseMemSizeKb(String mem) {
        int i = 0;
        while (i < mem.length() && Character.isWhitespace(mem.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < mem.length() && (mem.charAt(i) == '+' || mem.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < mem.length() && mem.charAt(i) >= '0' && mem.charAt(i) <= '9') {
            i++;
        }
        long kbytes;
        String rest;
        if (i == digits) {
            kbytes = 0;
            rest = mem;
        } else {
            try {
                kbytes = Long.parseLong(mem.substring(start, i));
            } catch (NumberFormatException e) {
                return -1;
            }
            rest = mem.substring(i);
        }
        if (rest.length() > 1) {
            return -1;
        }
        return switch (rest.isEmpty() ? "" : rest.toLowerCase(Locale.ROOT)) {
            case "t" -> kbytes << 30;
            case "g" -> kbytes << 20;
            case "", "m" -> kbytes << 10;
            case "k" -> kbytes;
            case "b" -> kbytes >> 10;
            default -> -1;
        };
    }
}
