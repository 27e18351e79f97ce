package io.xenon.drivers.net.back;

import static io.xenon.abi.netif.Netif.NETIF_RSP_ERROR;
import static io.xenon.abi.netif.Netif.NETIF_RSP_NULL;
import static io.xenon.abi.netif.Netif.NETIF_RSP_OKAY;
import static io.xenon.abi.netif.Netif.NETTXF_extra_info;
import static io.xenon.abi.netif.Netif.NETTXF_more_data;
import static io.xenon.abi.netif.Netif.XEN_NETIF_NR_SLOTS_MIN;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.drivers.net.NetifTx;
import io.xenon.runtime.gnttab.GrantCopyBatch;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.mm.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transmit half of one vif's data path, as Linux netback's {@code xenvif_tx_build_gops} and
 * {@code xenvif_tx_submit}: the requests of one packet (its first request, any extra-info slots,
 * the fragments chained by {@code NETTXF_more_data}) are gathered by an {@link Assembler}, then
 * {@link #process} checks them, grant-copies the frames out of the guest's pages (one batch per
 * ring kick, as {@code xenvif_tx_action} issues one {@code gnttab_batch_copy}), hands them on and
 * answers every slot.
 *
 * <p>UNTRUSTED: every field is the front end's. The total must hold an Ethernet header, the
 * fragments must add up to it, each fragment must lie inside its page, and each grant must be the
 * front end's, granted to Domain-0; a packet of more than {@code XEN_NETIF_NR_SLOTS_MIN} slots is
 * refused. A refused packet is answered {@code NETIF_RSP_ERROR} on each of its slots and counted,
 * and the vif keeps working.
 *
 * <p>XEN-DIFF: netback treats a fragment crossing its page or an over-long chain as fatal and
 * disables the vif ({@code xenvif_fatal_tx_err}); Xenon only refuses that packet. It grant-copies
 * into an skb; Xenon copies into a byte array ({@link GrantCopyBatch}). Extra-info slots are answered {@code NETIF_RSP_NULL} and otherwise ignored,
 * since no GSO or multicast feature is offered.
 *
 * <p>Confined to the vif's tx stream: it keeps the {@link Assembler} of packets that span kicks.
 */
final class NetBackTx {

    /** The shortest frame: an Ethernet header ({@code ETH_HLEN}). */
    static final int ETH_HLEN = 14;

    /** One slot of a packet: a request, or an extra-info slot that rode in a request's slot. */
    record Slot(NetifTx.Request request, boolean extra) {
    }

    /** The slots of one packet, with the reason it was refused while being gathered, or null. */
    record Packet(List<Slot> slots, String refused) {
    }

    /**
     * Gathers slots into packets, one per tx path, across ring kicks. A packet that
     * reaches {@code XEN_NETIF_NR_SLOTS_MIN} slots is let go at once, refused, so the ring never
     * waits on responses for slots it has not answered; the rest of that packet is refused as it
     * arrives.
     */
    static final class Assembler {

        private final NetBackTxChain chain = new NetBackTxChain();
        private List<Slot> slots = new ArrayList<>();
        private boolean overlong;

        /** Whether no packet is partly gathered, so the next slot starts one. */
        boolean idle() {
            return slots.isEmpty() && !overlong;
        }

        /** Adds one slot; the packets it finishes (none, or one). */
        List<Packet> apply(NetifTx.Request req) {
            slots.add(new Slot(req, chain.next(req) == NetBackTxChain.Kind.EXTRA));
            if (chain.complete()) {
                Packet p = new Packet(slots, overlong ? "too-many-slots" : null);
                slots = new ArrayList<>();
                overlong = false;
                return List.of(p);
            }
            if (slots.size() >= XEN_NETIF_NR_SLOTS_MIN) {
                Packet p = new Packet(slots, "too-many-slots");
                slots = new ArrayList<>();
                overlong = true;
                return List.of(p);
            }
            return List.of();
        }
    }

    private final GrantTables grants;
    private final DomId backend;
    private final DomId frontend;
    private final NetBackMetrics metrics;
    private final Consumer<List<byte[]>> out;
    private final Assembler assembler = new Assembler();
    private final GrantCopyBatch copies = new GrantCopyBatch();

    /** The tx path of a vif of {@code frontend}, served by {@code backend}; frames go to {@code out}. */
    NetBackTx(GrantTables grants, DomId backend, DomId frontend, NetBackMetrics metrics, Consumer<List<byte[]>> out) {
        this.grants = grants;
        this.backend = backend;
        this.frontend = frontend;
        this.metrics = metrics;
        this.out = out;
    }

    /**
     * Gathers one ring kick's requests into packets (a packet may span kicks; a lone request
     * with no chain or extras is its own packet and skips the assembler), checks them, copies
     * every fragment out of the guest's pages in one batch of grant copies, hands the frames on
     * (one list per batch) and answers each slot of each finished packet, in order.
     */
    List<NetifTx.Response> process(List<NetifTx.Request> requests) {
        // A unit is a packet: one request alone (singles[u]) or what the assembler gathered.
        int max = requests.size();
        NetifTx.Request[] singles = new NetifTx.Request[max];
        Packet[] packets = new Packet[max];
        int n = 0;
        for (NetifTx.Request r : requests) {
            if (assembler.idle() && (r.flags() & (NETTXF_more_data | NETTXF_extra_info)) == 0) {
                singles[n++] = r;
            } else {
                for (Packet p : assembler.apply(r)) {
                    packets[n++] = p;
                }
            }
        }
        String[] refused = new String[n];
        byte[][] frames = new byte[n][];
        int[] firstCopy = new int[n];
        int[] endCopy = new int[n];
        copies.clear();
        for (int k = 0; k < n; k++) {
            firstCopy[k] = copies.size();
            if (singles[k] != null) {
                NetifTx.Request f = singles[k];
                if (f.size() < ETH_HLEN || f.offset() + f.size() > Page.SIZE) {
                    refused[k] = "bad-sizes";
                    continue;
                }
                frames[k] = new byte[f.size()];
                copies.fromGrant(frontend, f.gref(), f.offset(), frames[k], 0, f.size());
                endCopy[k] = copies.size();
                continue;
            }
            Packet packet = packets[k];
            refused[k] = packet.refused();
            if (refused[k] != null) {
                continue;
            }
            List<NetifTx.Request> fragments = new ArrayList<>(packet.slots().size());
            for (Slot s : packet.slots()) {
                if (!s.extra()) {
                    fragments.add(s.request());
                }
            }
            int[] sizes = sizes(fragments);
            if (sizes == null) {
                refused[k] = "bad-sizes";
                continue;
            }
            frames[k] = new byte[fragments.get(0).size()];
            int at = 0;
            for (int i = 0; i < sizes.length; i++) {
                NetifTx.Request f = fragments.get(i);
                copies.fromGrant(frontend, f.gref(), f.offset(), frames[k], at, sizes[i]);
                at += sizes[i];
            }
            endCopy[k] = copies.size();
        }
        if (copies.size() > 0) {
            grants.copyBatch(backend, copies);
        }
        List<NetifTx.Response> responses = new ArrayList<>(max);
        List<byte[]> accepted = new ArrayList<>(n);
        int sent = 0;
        long bytes = 0;
        for (int k = 0; k < n; k++) {
            if (refused[k] == null) {
                refused[k] = copied(firstCopy[k], endCopy[k]) ? null : "bad-grant";
            }
            if (refused[k] != null) {
                metrics.error(refused[k]);
            } else {
                sent++;
                bytes += frames[k].length;
                accepted.add(frames[k]);
            }
            int status = refused[k] == null ? NETIF_RSP_OKAY : NETIF_RSP_ERROR;
            if (singles[k] != null) {
                responses.add(new NetifTx.Response(singles[k].id(), status));
            } else {
                for (Slot s : packets[k].slots()) {
                    responses.add(new NetifTx.Response(s.request().id(), s.extra() ? NETIF_RSP_NULL : status));
                }
            }
        }
        metrics.sent(sent, bytes);
        copies.clear();
        if (!accepted.isEmpty()) {
            out.accept(accepted);
        }
        return responses;
    }

    /** Whether the copies {@code [from, to)} of one packet all succeeded. */
    private boolean copied(int from, int to) {
        for (int i = from; i < to; i++) {
            if (copies.status(i) != GrantStatus.GNTST_okay) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each fragment's length (the first is the total less the others, netif.h's wire format),
     * or null if they do not add up, a fragment is empty or crosses its page, or the frame is
     * shorter than an Ethernet header.
     */
    private static int[] sizes(List<NetifTx.Request> fragments) {
        int total = fragments.get(0).size();
        int rest = 0;
        for (int i = 1; i < fragments.size(); i++) {
            rest += fragments.get(i).size();
        }
        if (total < ETH_HLEN || rest >= total) {
            return null;
        }
        int[] sizes = new int[fragments.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = i == 0 ? total - rest : fragments.get(i).size();
            if (sizes[i] == 0 || fragments.get(i).offset() + sizes[i] > Page.SIZE) {
                return null;
            }
        }
        return sizes;
    }
}
