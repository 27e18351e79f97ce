package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.DomainView;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xl console}: streams the domain's console (its history, then live output) to stdout and
 * sends what is typed to the guest. On a terminal, the terminal is put in raw mode and
 * {@code Ctrl-]} detaches, as {@code xenconsole} does. The command ends with exit code 0 when the
 * domain dies.
 */
@Command(name = "xl")
final class ConsoleCommand {

    /** {@code Ctrl-]}, xenconsole's escape character. */
    static final int ESCAPE = 0x1d;

    private final Xl xl;

    ConsoleCommand(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "console", description = "Attach to domain's console.",
            customSynopsis = "xl console [options] <Domain>")
    int console(@Option(names = "-t", paramLabel = "TYPE", description = "Console type, pv or serial.") String type,
            @Option(names = "-n", paramLabel = "NUM", description = "Console number.") Integer number,
            @Parameters(paramLabel = "Domain") String dom) throws Exception {
        if (type != null && !type.equals("pv") && !type.equals("serial")) {
            throw new XlException("console type must be \"pv\" or \"serial\", not \"" + type + "\"", 2);
        }
        if (number != null && number != 0) {
            throw new XlException("domain " + dom + " has no console number " + number);
        }
        return attach(dom);
    }

    /** Attaches to {@code dom}'s console until it dies or the user detaches. */
    int attach(String dom) throws Exception {
        DomainView d = xl.client().get(Api.domain(dom), DomainView.class);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket;
        try {
            socket = xl.client().console(String.valueOf(d.domid()), new Output(closed)).get();
        } catch (ExecutionException e) {
            throw new XlException("cannot attach to the console of domain " + dom + ": " + e.getCause().getMessage());
        }
        RawTerminal terminal = RawTerminal.enter();
        try {
            Thread input = new Thread(() -> forwardInput(socket, closed), "xl-console-input");
            input.setDaemon(true);
            input.start();
            closed.get();
        } finally {
            terminal.restore();
        }
        return 0;
    }

    private void forwardInput(WebSocket socket, CompletableFuture<Void> closed) {
        byte[] buf = new byte[256];
        try {
            int n;
            while (!closed.isDone() && (n = xl.in.read(buf)) > 0) {
                int escape = indexOf(buf, n, ESCAPE);
                if (escape >= 0) {
                    if (escape > 0) {
                        socket.sendBinary(ByteBuffer.wrap(buf, 0, escape), true).join();
                    }
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "detached");
                    closed.complete(null);
                    return;
                }
                socket.sendBinary(ByteBuffer.wrap(buf, 0, n).asReadOnlyBuffer(), true).join();
            }
        } catch (IOException | RuntimeException e) {
            // Input gone (end of file or closed): keep showing output until the domain dies.
        }
    }

    private static int indexOf(byte[] buf, int len, int b) {
        for (int i = 0; i < len; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Copies console frames to stdout; completes {@code closed} when the daemon ends the stream. */
    private final class Output implements WebSocket.Listener {

        private final CompletableFuture<Void> closed;

        Output(CompletableFuture<Void> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            xl.out.write(bytes, 0, bytes.length);
            xl.out.flush();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(null);
        }
    }
}
