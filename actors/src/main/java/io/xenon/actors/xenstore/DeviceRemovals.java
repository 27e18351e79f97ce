package io.xenon.actors.xenstore;

import io.xenon.abi.xenbus.XenbusState;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.Reply;
import io.xenon.runtime.xenstore.XenStore;
import io.xenon.runtime.xenstore.XsConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Device removal as libxl does it (xen-abi.md §4.5): for a device whose back end is up, write
 * {@code online = 0} and {@code state = 5} (Closing), wait for the back end to reach Closed (6)
 * as the front end closes, then delete the directories; a device no back end took up goes at
 * once. After {@code LIBXL_DESTROY_TIMEOUT} the directories go anyway.
 *
 * <p>Confined to the XenStore actor.
 */
final class DeviceRemovals {

    private record Pending(int domid, DeviceInfo device, ActorRef<Reply> replyTo) {
    }

    private final XenStore store;
    private final XsConnection watcher;
    private final Map<String, Pending> pending = new HashMap<>();
    private int nextReqId = 1;

    DeviceRemovals(XenStore store, XsConnection watcher) {
        this.store = store;
        this.watcher = watcher;
    }

    /**
     * Starts removing {@code d}.
     *
     * @return true if it waits for the back end to close (the caller starts the timeout)
     */
    boolean start(int domid, DeviceInfo d, ActorRef<Reply> replyTo) {
        int backState = d.backState();
        boolean active = backState >= XenbusState.XenbusStateInitWait.value()
                && backState < XenbusState.XenbusStateClosed.value() && !pending.containsKey(d.backend());
        if (!active) {
            remove(domid, d);
            replyTo.tell(new Reply.Done(""));
            return false;
        }
        pending.put(d.backend(), new Pending(domid, d, replyTo));
        store.inTransaction(txn -> {
            txn.write(d.backend() + "/online", "0");
            txn.write(d.backend() + "/state", XenbusState.XenbusStateClosing.node());
        });
        store.handle(watcher, XsMessage.of(XsType.XS_WATCH, nextReqId++, 0, d.backend() + "/state", d.backend()));
        return true;
    }

    /** A watched back-end state changed: finishes the removal once it reads Closed. */
    void stateChanged(String statePath, Consumer<Object> cancelTimer) {
        String backPath = statePath.endsWith("/state") ? statePath.substring(0, statePath.length() - 6) : statePath;
        Pending p = pending.get(backPath);
        if (p != null && store.read(statePath).map(XenbusState::parse).orElse(XenbusState.XenbusStateUnknown)
                == XenbusState.XenbusStateClosed) {
            cancelTimer.accept(backPath);
            finish(backPath, "");
        }
    }

    /** The back end did not close in time: the directories go anyway, as libxl's forced removal. */
    void timedOut(String backPath) {
        if (pending.containsKey(backPath)) {
            finish(backPath, "the back end did not close within 10 s; the device was removed");
        }
    }

    private void finish(String backPath, String message) {
        Pending p = pending.remove(backPath);
        store.handle(watcher, XsMessage.of(XsType.XS_UNWATCH, nextReqId++, 0, backPath + "/state", backPath));
        remove(p.domid(), p.device());
        p.replyTo().tell(new Reply.Done(message));
    }

    private void remove(int domid, DeviceInfo d) {
        String fe = "/local/domain/" + domid + "/device/" + d.kind() + "/" + d.devid();
        String libxl = "/libxl/" + domid + "/device/" + d.kind() + "/" + d.devid();
        store.inTransaction(txn -> {
            for (String path : List.of(fe, d.backend(), libxl)) {
                if (!path.isEmpty() && txn.read(path).isPresent()) {
                    txn.rm(path);
                }
            }
        });
    }
}
