package io.xenon.toolstack.daemon;

import io.xenon.runtime.console.ConsoleLog;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The {@code xl console} WebSocket: the domain's console history and then its live output as
 * binary frames, ended when the domain dies; frames the client sends are console input. A client too slow to keep up loses the newest output
 * beyond a bounded buffer, never blocking the guest that prints it.
 */
final class ConsoleSocket {

    /** Frames buffered for one slow client before output is dropped. */
    static final int BUFFER_FRAMES = 1024;

    private ConsoleSocket() {
    }

    /**
     * The socket's flow: output from {@code log}; what the client sends goes to {@code input} (the
     * domain's console back end), or nowhere when no back end is connected.
     */
    static Flow<Message, Message, NotUsed> flow(ConsoleLog log, Consumer<byte[]> input) {
        Source<Message, NotUsed> output = Source.<ByteString>queue(BUFFER_FRAMES)
                .mapMaterializedValue(queue -> subscribe(log, queue))
                .map(bytes -> (Message) BinaryMessage.create(bytes));
        Sink<Message, NotUsed> typed = input == null ? Sink.<Message>ignore().mapMaterializedValue(d -> NotUsed.getInstance())
                : Flow.<Message>create()
                        .flatMapConcat(ConsoleSocket::bytes)
                        .to(Sink.<ByteString>foreach(bytes -> input.accept(bytes.toArray())));
        return Flow.fromSinkAndSourceCoupled(typed, output);
    }

    /** The bytes a client's frame carries: binary as it is, text as UTF-8. */
    private static Source<ByteString, NotUsed> bytes(Message m) {
        Source<ByteString, ?> data = m.isText() ? m.asTextMessage().getStreamedText().map(ByteString::fromString)
                : m.asBinaryMessage().getStreamedData();
        return data.mapMaterializedValue(x -> NotUsed.getInstance());
    }

    private static NotUsed subscribe(ConsoleLog log, BoundedSourceQueue<ByteString> queue) {
        ConsoleLog.Listener listener = new ConsoleLog.Listener() {
            @Override
            public void onOutput(byte[] chunk) {
                if (queue.offer(ByteString.fromArray(chunk)) == org.apache.pekko.stream.QueueOfferResult.closed()) {
                    log.unsubscribe(this);
                }
            }

            @Override
            public void onClose() {
                queue.complete();
            }
        };
        log.subscribe(listener);
        return NotUsed.getInstance();
    }
}
