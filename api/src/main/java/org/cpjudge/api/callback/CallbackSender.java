package org.cpjudge.api.callback;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one callback body to one checked address. The TCP connection goes to {@code address} (never to what the
 * host name might resolve to by now); the Host header, TLS server name and certificate check use the URL's host.
 * Redirects are never followed (a 3xx is a failed attempt): a redirect could point anywhere, past every check.
 * Connecting and waiting for the answer each time out after {@link #TIMEOUT}.
 */
public final class CallbackSender implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The receiver's status, or null with the reason it could not be reached. */
    public record Outcome(Integer status, String error) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClientAgent client;

    public CallbackSender(Vertx vertx) {
        // one connection per callback, closed after the status line: a receiver's answer body is never read
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setMaxRedirects(0)
                .setConnectTimeout((int) TIMEOUT.toMillis()).setVerifyHost(true));
    }

    /** Sends and waits (at most about twice {@link #TIMEOUT}); call it off the event loop. */
    public Outcome send(CallbackUrl url, InetAddress address, byte[] body, String signature, long callbackId) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setHost(url.host()).setPort(url.port()).setSsl(url.https()).setURI(url.target())
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(TIMEOUT.toMillis()).setIdleTimeout(TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("User-Agent", "cpjudge-callback")
                .putHeader(Signature.HEADER, signature)
                .putHeader("X-Callback-Id", Long.toString(callbackId));
        try {
            int status = client.request(request)
                    .compose(r -> r.send(Buffer.buffer(body)))
                    .map(response -> {
                        response.request().connection().close();
                        return response.statusCode();
                    })
                    .toCompletionStage().toCompletableFuture()
                    .get(3 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(status, status >= 200 && status < 300 ? null : "answered " + status);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            return new Outcome(null, "no answer within " + 3 * TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
