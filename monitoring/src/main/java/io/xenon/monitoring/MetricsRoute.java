package io.xenon.monitoring;

import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/** The Prometheus scrape endpoint: {@code GET /metrics} in the text exposition format 0.0.4. */
public final class MetricsRoute {

    private static final ContentType PROMETHEUS =
            ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

    private MetricsRoute() {
    }

    public static Route route() {
        return Directives.path("metrics", () -> Directives.get(
                () -> Directives.complete(HttpEntities.create(PROMETHEUS,
                        Monitoring.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }

    /** The content type Prometheus expects, for tests. */
    public static ContentType contentType() {
        return PROMETHEUS;
    }
}
