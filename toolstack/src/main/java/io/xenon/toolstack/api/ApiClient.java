package io.xenon.toolstack.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A client of the daemon's REST API, found through the state directory: it reads the port and the
 * token there and speaks JSON over loopback.
 */
public final class ApiClient {

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Duration timeout;

    public ApiClient(int port, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.base = URI.create("http://127.0.0.1:" + port);
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * A client for the daemon whose state directory is {@code dir}.
     *
     * @throws ApiException if the daemon has not written its port and token there
     */
    public static ApiClient of(StateDir dir, Duration timeout) throws ApiException {
        try {
            int port = Integer.parseInt(dir.readFile(StateDir.PORT_FILE));
            String token = dir.readFile(StateDir.TOKEN_FILE);
            return new ApiClient(port, token, timeout);
        } catch (NoSuchFileException e) {
            throw new ApiException(0, "the Xenon daemon is not running (no " + e.getFile()
                    + "); start it with bin/xenon up, or set XENON_STATE_DIR");
        } catch (IOException | NumberFormatException e) {
            throw new ApiException(0, "cannot read the daemon's address in " + dir.root() + ": " + e.getMessage());
        }
    }

    public URI base() {
        return base;
    }

    public <T> T get(String path, Class<T> type) throws ApiException {
        return send(request(path).GET().build(), Json.mapper().constructType(type));
    }

    public <T> T get(String path, TypeReference<T> type) throws ApiException {
        return send(request(path).GET().build(), Json.mapper().constructType(type));
    }

    public <T> T post(String path, Object body, Class<T> type) throws ApiException {
        return post(path, body, type, timeout);
    }

    /** A POST that may take {@code wait} to be answered (a capture that runs for a while). */
    public <T> T post(String path, Object body, Class<T> type, Duration wait) throws ApiException {
        String json;
        try {
            json = Json.mapper().writeValueAsString(body == null ? java.util.Map.of() : body);
        } catch (IOException e) {
            throw new ApiException(0, "cannot encode request: " + e.getMessage());
        }
        HttpRequest req = request(path).timeout(wait).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return send(req, Json.mapper().constructType(type));
    }

    /** Opens the console WebSocket of {@code dom}. */
    public CompletableFuture<WebSocket> console(String dom, WebSocket.Listener listener) {
        URI uri = URI.create("ws://127.0.0.1:" + base.getPort() + Api.domain(dom, "console"));
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, listener);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Authorization", "Bearer " + token);
    }

    private <T> T send(HttpRequest req, JavaType type) throws ApiException {
        HttpResponse<String> rsp;
        try {
            rsp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new ApiException(0, "cannot reach the Xenon daemon at " + base + ": is it running?");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ApiException(0, "the Xenon daemon did not answer within " + timeout.toSeconds() + "s");
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach the Xenon daemon at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
        if (rsp.statusCode() / 100 != 2) {
            throw new ApiException(rsp.statusCode(), errorText(rsp));
        }
        try {
            return Json.mapper().readValue(rsp.body(), type);
        } catch (IOException e) {
            throw new ApiException(rsp.statusCode(), "unexpected answer from the daemon: " + e.getMessage());
        }
    }

    private static String errorText(HttpResponse<String> rsp) {
        try {
            Requests.ApiError err = Json.mapper().readValue(rsp.body(), Requests.ApiError.class);
            if (err.error() != null) {
                return err.error();
            }
        } catch (IOException e) {
            // Not our JSON: fall through to the raw body.
        }
        String body = rsp.body() == null ? "" : rsp.body().strip();
        return "HTTP " + rsp.statusCode() + (body.isEmpty() ? "" : ": " + body);
    }
}
