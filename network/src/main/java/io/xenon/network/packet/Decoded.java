package io.xenon.network.packet;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of decoding untrusted bytes: either the value ({@link Ok}) or the reason it was
 * dropped ({@link Bad}). Decoders answer this instead of throwing, so one bad frame from a guest
 * costs a counter, never a stack unwind through the data path.
 *
 * @param <T> the decoded value's type
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Bad {

    /** A decoded value. */
    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A drop and its reason. */
    record Bad<T>(Malformed reason) implements Decoded<T> {
        public Bad {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> bad(Malformed reason) {
        return new Bad<>(reason);
    }

    /** Whether this holds a value. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or {@code null} when dropped. */
    default T orNull() {
        return this instanceof Ok<T> ok ? ok.value() : null;
    }

    /** The drop reason, or {@code null} when decoded. */
    default Malformed reasonOrNull() {
        return this instanceof Bad<T> bad ? bad.reason() : null;
    }

    /** Decodes the next layer from this value; a drop passes through unchanged. */
    @SuppressWarnings("unchecked")
    default <U> Decoded<U> then(Function<? super T, Decoded<U>> next) {
        return this instanceof Ok<T> ok ? next.apply(ok.value()) : (Decoded<U>) this;
    }
}
