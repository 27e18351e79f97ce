package io.xenon.toolstack.xenstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.abi.xenstore.XsWire;
import io.xenon.actors.xenstore.DomainNodes;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.xenstore.XsQuota;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket's framing and its defences, with a client that speaks xs_wire.h byte for byte. */
class XsSocketServerTest {

    @TempDir
    Path dir;

    private ActorTestKit kit;
    private XsSocketServer server;

    @BeforeEach
    void start() throws IOException {
        kit = ActorTestKit.create();
        var xenstored = kit.spawn(XenStoreActor.create(XsQuota.defaults(),
                new DomainNodes(0, new UUID(0, 0), "Domain-0", "pv", 1024, 1024, 1, 1, 0, 0)), "xenstored");
        server = new XsSocketServer(dir.resolve("xenstored/socket"), xenstored, kit.system().scheduler());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        kit.shutdownTestKit();
    }

    @Test
    void aClientReadsWritesAndListsOverTheSocket() throws IOException {
        try (Client c = new Client()) {
            assertEquals("OK\0", c.call(XsMessage.of(XsType.XS_WRITE, 7, 0, "/a/b\0v".getBytes())).payloadString());
            XsMessage read = c.call(XsMessage.of(XsType.XS_READ, 8, 0, "/a/b"));
            assertEquals(XsType.XS_READ, read.type());
            assertEquals(8, read.reqId());
            assertEquals("v", read.payloadString());
            assertEquals("b\0", c.call(XsMessage.of(XsType.XS_DIRECTORY, 9, 0, "/a")).payloadString());
            assertEquals("Domain-0", c.call(XsMessage.of(XsType.XS_READ, 10, 0, "/local/domain/0/name")).payloadString());
        }
    }

    @Test
    void aWatchRepliesOkBeforeItsFirstEvent() throws IOException {
        try (Client c = new Client()) {
            c.send(XsMessage.of(XsType.XS_WATCH, 1, 0, "/w", "tok"));
            XsMessage ok = c.receive();
            assertEquals(XsType.XS_WATCH, ok.type());
            XsMessage event = c.receive();
            assertEquals(XsType.XS_WATCH_EVENT, event.type());
            assertEquals("/w\0tok\0", event.payloadString());
        }
    }

    @Test
    void malformedRequestsGetXensErrorsAndTheConnectionGoesOn() throws IOException {
        try (Client c = new Client()) {
            assertEquals("ENOSYS\0", c.call(new XsMessage(999, 1, 0, new byte[0])).payloadString());
            assertEquals("EINVAL\0", c.call(XsMessage.of(XsType.XS_READ, 2, 0, "/bad//path")).payloadString());
            assertEquals("EINVAL\0", c.call(XsMessage.of(XsType.XS_READ, 3, 0, "/no-nul".getBytes())).payloadString());
            assertEquals("ENOENT\0", c.call(XsMessage.of(XsType.XS_READ, 4, 0, "/missing")).payloadString());
            assertEquals(XsType.XS_ERROR, c.call(XsMessage.of(XsType.XS_READ, 5, 0, "/" + "x".repeat(3100))).type());
        }
    }

    @Test
    void anOversizedFrameClosesOnlyThatConnection() throws IOException {
        try (Client good = new Client(); Client bad = new Client()) {
            ByteBuffer header = ByteBuffer.allocate(XsWire.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(XsType.XS_WRITE.number()).putInt(1).putInt(0).putInt(XsWire.XENSTORE_PAYLOAD_MAX + 1).flip();
            bad.channel.write(header);
            assertTrue(bad.closedByServer(), "the server keeps a client that announced an oversized payload");
            assertEquals("Domain-0", good.call(XsMessage.of(XsType.XS_READ, 1, 0, "/local/domain/0/name")).payloadString());
        }
    }

    @Test
    void aClientThatLeavesMidFrameDisturbsNobody() throws Exception {
        try (Client leaver = new Client()) {
            leaver.channel.write(ByteBuffer.wrap(new byte[] {11, 0, 0}));
        }
        try (Client c = new Client()) {
            assertEquals("OK\0", c.call(XsMessage.of(XsType.XS_WRITE, 1, 0, "/after\0x".getBytes())).payloadString());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.connectionCount());
    }

    @Test
    void aFloodingClientStallsOnlyItself() throws Exception {
        Client flooder = new Client();
        Thread flood = new Thread(() -> {
            try {
                for (int i = 0; i < 100_000; i++) {
                    flooder.send(XsMessage.of(XsType.XS_READ, i, 0, "/local/domain/0/name"));
                }
            } catch (IOException e) {
                // Closed by the server or by the test: the flood ends.
            }
        });
        flood.setDaemon(true);
        flood.start();
        Thread.sleep(300);
        try (Client c = new Client()) {
            for (int i = 0; i < 100; i++) {
                assertEquals("Domain-0", c.call(XsMessage.of(XsType.XS_READ, i, 0, "/local/domain/0/name"))
                        .payloadString());
            }
        }
        flooder.close();
        flood.join(5_000);
    }

    /** A blocking xs_wire client. */
    private final class Client implements AutoCloseable {
        final SocketChannel channel;

        Client() throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(server.path()));
        }

        void send(XsMessage m) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(m.encode());
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        XsMessage receive() throws IOException {
            ByteBuffer header = ByteBuffer.allocate(XsWire.HEADER_SIZE);
            readFully(header);
            XsWire.Header h = XsWire.decodeHeader(header.array(), 0);
            ByteBuffer payload = ByteBuffer.allocate(h.len());
            readFully(payload);
            return new XsMessage(h.type(), h.reqId(), h.txId(), payload.array());
        }

        XsMessage call(XsMessage m) throws IOException {
            send(m);
            XsMessage reply = receive();
            assertEquals(m.reqId(), reply.reqId());
            return reply;
        }

        boolean closedByServer() throws IOException {
            return channel.read(ByteBuffer.allocate(1)) < 0;
        }

        private void readFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (channel.read(b) < 0) {
                    throw new IOException("closed by the server");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
