package io.xenon.toolstack.xenstore;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.abi.xenstore.XsWire;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.xenstore.XsConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import kamon.Kamon;
import kamon.metric.Counter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One client of the XenStore socket: a reader thread that frames requests ({@code xs_wire.h}'s
 * 16-byte header, then {@code len} bytes) and hands them to xenstored, and a writer thread that
 * sends back replies and watch events in the order xenstored produced them.
 *
 * <p>UNTRUSTED: everything the client sends. A {@code len} over {@code XENSTORE_PAYLOAD_MAX}
 * closes the connection, as C xenstored drops such a client; anything else malformed inside a
 * frame gets xenstored's error reply. A client that sends faster than it reads is held back:
 * at most {@link #MAX_IN_FLIGHT} requests await replies before the reader stops reading, and a
 * client that leaves more than {@link #MAX_QUEUED} messages unread is disconnected. Nothing a
 * client does reaches another client or the daemon.
 */
final class XsSocketConnection {

    static final int MAX_IN_FLIGHT = 64;
    static final int MAX_QUEUED = 1024;

    private static final Counter DROPPED = Kamon.counter("xenstore.socket.dropped",
            "XenStore socket clients disconnected for a bad frame or unread output").withoutTags();

    private final SocketChannel channel;
    private final ActorRef<XenStoreActor.Command> xenstored;
    private final Consumer<XsSocketConnection> onClose;
    private final BlockingQueue<XsMessage> output = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicBoolean closed = new AtomicBoolean();
    private XsConnection connection;
    private Thread reader;
    private Thread writer;

    private XsSocketConnection(SocketChannel channel, ActorRef<XenStoreActor.Command> xenstored,
            Consumer<XsSocketConnection> onClose) {
        this.channel = channel;
        this.xenstored = xenstored;
        this.onClose = onClose;
    }

    /** Connects the client to xenstored as Dom0. */
    static XsSocketConnection open(SocketChannel channel, ActorRef<XenStoreActor.Command> xenstored,
            Scheduler scheduler, Consumer<XsSocketConnection> onClose) throws IOException {
        XsSocketConnection c = new XsSocketConnection(channel, xenstored, onClose);
        try {
            c.connection = AskPattern.<XenStoreActor.Command, XenStoreActor.Connected>ask(xenstored,
                    r -> new XenStoreActor.Connect(0, c::enqueue, r), Duration.ofSeconds(10), scheduler)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).connection();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("xenstored did not answer: " + e);
        }
        return c;
    }

    void start() {
        reader = new Thread(this::readLoop, "xenstored-read");
        writer = new Thread(this::writeLoop, "xenstored-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** xenstored's output for this client (called on xenstored's thread: never blocks). */
    private void enqueue(XsMessage m) {
        if (!output.offer(m)) {
            DROPPED.increment();
            close();
        }
    }

    private void readLoop() {
        ByteBuffer header = ByteBuffer.allocate(XsWire.HEADER_SIZE);
        try {
            while (!closed.get()) {
                header.clear();
                if (!readFully(header)) {
                    break;
                }
                XsWire.Header h = XsWire.decodeHeader(header.array(), 0);
                if (h.unsignedLen() > XsWire.XENSTORE_PAYLOAD_MAX) {
                    DROPPED.increment();
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate((int) h.unsignedLen());
                if (!readFully(payload)) {
                    break;
                }
                inFlight.acquire();
                xenstored.tell(new XenStoreActor.Request(connection,
                        new XsMessage(h.type(), h.reqId(), h.txId(), payload.array())));
            }
        } catch (IOException e) {
            // The client went away mid-frame, or the connection was closed: nothing half-read is used.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private boolean readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                return false;
            }
        }
        return true;
    }

    private void writeLoop() {
        try {
            while (!closed.get()) {
                XsMessage m = output.take();
                ByteBuffer out = ByteBuffer.wrap(m.encode());
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                if (m.type() != XsType.XS_WATCH_EVENT) {
                    inFlight.release();
                }
            }
        } catch (IOException e) {
            // The client stopped reading and closed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Closes the socket, stops both threads and tells xenstored; safe to call more than once. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Already gone.
        }
        if (reader != null) {
            reader.interrupt();
        }
        if (writer != null) {
            writer.interrupt();
        }
        xenstored.tell(new XenStoreActor.Disconnect(connection));
        onClose.accept(this);
    }
}
