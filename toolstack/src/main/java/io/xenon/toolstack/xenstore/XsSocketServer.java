package io.xenon.toolstack.xenstore;

import io.xenon.actors.xenstore.XenStoreActor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XenStore's Unix socket ({@code <state-dir>/xenstored/socket}), as C xenstored serves
 * {@code /var/run/xenstored/socket}: Xen's own clients ({@code xenstore-read} and friends, with
 * {@code XENSTORED_PATH} pointing here) connect and speak {@code xs_wire.h} framing. Each client
 * is a privileged (Dom0) connection, since the socket is the control domain's.
 *
 * <p>At most {@link #MAX_CONNECTIONS} clients at once; one more is closed at once. The socket
 * file is readable and writable by the daemon's user only.
 */
public final class XsSocketServer implements AutoCloseable {

    /** Clients served at once. */
    public static final int MAX_CONNECTIONS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(XsSocketServer.class);

    private final Path path;
    private final ActorRef<XenStoreActor.Command> xenstored;
    private final Scheduler scheduler;
    private final Set<XsSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server;
    private Thread acceptor;

    public XsSocketServer(Path path, ActorRef<XenStoreActor.Command> xenstored, Scheduler scheduler) {
        this.path = path.toAbsolutePath();
        this.xenstored = xenstored;
        this.scheduler = scheduler;
    }

    /** The socket's path, for {@code XENSTORED_PATH}. */
    public Path path() {
        return path;
    }

    /**
     * Binds the socket (replacing a stale one left by a daemon that was killed) and starts
     * accepting clients.
     *
     * @throws IOException if the socket cannot be bound (e.g. its path is longer than the 107
     *                     bytes a Unix socket address allows)
     */
    public synchronized void start() throws IOException {
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException | IllegalArgumentException e) {
            server.close();
            throw new IOException("cannot bind the XenStore socket " + path + ": " + e.getMessage(), e);
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        acceptor = new Thread(this::acceptLoop, "xenstored-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("XenStore socket: accept failed: {}", e.toString());
                }
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                LOG.warn("XenStore socket: {} clients already; refusing one more", MAX_CONNECTIONS);
                closeQuietly(channel);
                continue;
            }
            try {
                XsSocketConnection c = XsSocketConnection.open(channel, xenstored, scheduler, connections::remove);
                connections.add(c);
                c.start();
            } catch (IOException e) {
                LOG.warn("XenStore socket: cannot serve a client: {}", e.toString());
                closeQuietly(channel);
            }
        }
    }

    /** Clients connected now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops accepting, closes every client, and removes the socket file. */
    @Override
    public synchronized void close() {
        if (server != null) {
            closeQuietly(server);
        }
        for (XsSocketConnection c : connections) {
            c.close();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", path, e.toString());
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing: nothing to do about it.
        }
    }
}
