import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cpjudge.api.observe.AccessLog;
import org.cpjudge.api.observe.ServerMetrics;

/**
 * Three HTTP servers in one JVM, the same trivial GET /ping on each: plain Vert.x; Vert.x reporting to the judge's
 * metrics registry (ServerMetrics.newVertx, route labels); and that plus the access log. Also GET /metrics on the
 * second, scraped off the event loop as MetricsRoutes does, after 40 route templates were each hit with three
 * statuses so that the scrape has about as many HTTP series as the real API. Prints the three ports, then waits
 * for its standard input to close. Driven by metrics-overhead.sh.
 */
public final class MetricsOverhead {

    public static void main(String[] args) throws Exception {
        Vertx plain = Vertx.vertx();
        ServerMetrics metrics = ServerMetrics.create();
        Vertx metered = metrics.newVertx();
        ServerMetrics logged = ServerMetrics.create();
        Vertx meteredAndLogged = logged.newVertx();

        int a = listen(plain, router(plain, false, null));
        int b = listen(metered, router(metered, false, metrics));
        int c = listen(meteredAndLogged, router(meteredAndLogged, true, logged));

        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 40; i++) {
            for (int status : new int[] {200, 404, 409}) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b + "/api/r" + i + "/x?status="
                        + status)).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
        System.out.println(a + " " + b + " " + c);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        plain.close();
        metered.close();
        meteredAndLogged.close();
    }

    private static Router router(Vertx vertx, boolean accessLog, ServerMetrics metrics) {
        Router router = Router.router(vertx);
        if (accessLog) {
            router.route().handler(new AccessLog());
        }
        router.get("/ping").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
        for (int i = 0; i < 40; i++) {
            router.get("/api/r" + i + "/:id").handler(ctx -> ctx.response()
                    .setStatusCode(Integer.parseInt(ctx.request().getParam("status"))).end());
        }
        if (metrics != null) {
            router.get("/metrics").handler(ctx -> vertx.executeBlocking(metrics::scrape, false)
                    .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(text)));
        }
        return router;
    }

    private static int listen(Vertx vertx, Router router) throws Exception {
        return vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get().actualPort();
    }
}
