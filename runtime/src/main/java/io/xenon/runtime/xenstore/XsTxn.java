package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A XenStore transaction opened by the toolstack as Dom0 ({@link XenStore#inTransaction}), as
 * libxl writes a domain's nodes inside {@code xs_transaction_start}/{@code _end}: reads see the
 * transaction's own writes, nothing is visible to others and no watch fires until it commits.
 * Valid only inside the body it was given to; errors are thrown as {@link XsException}.
 */
public final class XsTxn {

    private final XsOperations ops;
    private final XsConnection tools;
    private final XsTransaction t;
    private boolean open = true;

    XsTxn(XsOperations ops, XsConnection tools, XsTransaction t) {
        this.ops = ops;
        this.tools = tools;
        this.t = t;
    }

    public void write(String path, String value) {
        write(path, value.getBytes(StandardCharsets.UTF_8));
    }

    public void write(String path, byte[] value) {
        ops.write(tools, live(), path, value.clone());
    }

    /** The value as UTF-8 text, or empty if there is no such node. */
    public Optional<String> read(String path) {
        try {
            return Optional.of(new String(ops.read(tools, live(), path), StandardCharsets.UTF_8));
        } catch (XsException e) {
            if (e.error() == XsError.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void mkdir(String path) {
        ops.mkdir(tools, live(), path);
    }

    public void rm(String path) {
        ops.rm(tools, live(), path);
    }

    public List<String> directory(String path) {
        return ops.directory(tools, live(), path);
    }

    public XsPerms getPerms(String path) {
        return ops.getPerms(tools, live(), path);
    }

    public void setPerms(String path, XsPerms perms) {
        ops.setPerms(tools, live(), path, perms);
    }

    void close() {
        open = false;
    }

    private XsTransaction live() {
        if (!open) {
            throw new IllegalStateException("transaction already ended");
        }
        return t;
    }
}
