package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless chromium kept open, driven over the Chrome DevTools protocol (a WebSocket): load a page, then
 * ask the live page questions while its scripts keep running. Just the three commands the tests need.
 */
public final class DevTools implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process browser;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private DevTools(Process browser, Path profile, WebSocket page) {
        this.browser = browser;
        this.profile = profile;
        this.page = page;
    }

    public static DevTools open() throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process browser = new ProcessBuilder(Chromium.command(profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "about:blank")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI browserSocket = URI.create(listeningAddress(browser));
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browserSocket.getAuthority() + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageSocket = null;
            for (Object o : new JsonArray(list)) {
                JsonObject target = (JsonObject) o;
                if ("page".equals(target.getString("type"))) {
                    pageSocket = target.getString("webSocketDebuggerUrl");
                }
            }
            if (pageSocket == null) {
                throw new IllegalStateException("chromium shows no page target: " + list);
            }
            DevTools[] self = new DevTools[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        self[0].received(new JsonObject(message.toString()));
                        message.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new DevTools(browser, profile, socket);
            return self[0];
        } catch (Exception e) {
            browser.destroyForcibly();
            Chromium.deleteTree(profile);
            throw e;
        }
    }

    /** Chromium prints where its DevTools endpoint listens on standard error once it is up. */
    private static String listeningAddress(Process browser) throws Exception {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
                address.completeExceptionally(new IllegalStateException("chromium exited without a DevTools endpoint"));
            } catch (Exception e) {
                address.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return address.get(60, TimeUnit.SECONDS);
    }

    private void received(JsonObject message) {
        Integer id = message.getInteger("id");
        if (id != null) {
            CompletableFuture<JsonObject> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.complete(message);
            }
        }
    }

    private JsonObject call(String method, JsonObject params) throws Exception {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        page.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true)
                .get(30, TimeUnit.SECONDS);
        JsonObject reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + reply.encode());
        }
        return reply.getJsonObject("result");
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", new JsonObject().put("url", url));
    }

    /**
     * The page as a screen of this size shows it (CSS pixels); {@code mobile} also makes the browser honour the
     * page's viewport meta tag as a phone does.
     */
    public void viewport(int width, int height, boolean mobile) throws Exception {
        call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** A PNG of the whole page (beyond the viewport too), at the viewport's width. */
    public byte[] screenshot() throws Exception {
        JsonObject metrics = call("Page.getLayoutMetrics", new JsonObject());
        JsonObject size = metrics.getJsonObject("cssContentSize", metrics.getJsonObject("contentSize"));
        JsonObject clip = new JsonObject().put("x", 0).put("y", 0).put("width", size.getNumber("width"))
                .put("height", Math.min(4000, size.getNumber("height").doubleValue())).put("scale", 1);
        String data = call("Page.captureScreenshot", new JsonObject().put("format", "png").put("clip", clip)
                .put("captureBeyondViewport", true)).getString("data");
        return java.util.Base64.getDecoder().decode(data);
    }

    /** Evaluates an expression whose value is a promise; the value it settles to, as a string. */
    public String evaluatePromise(String expression) throws Exception {
        JsonObject reply = call("Runtime.evaluate", new JsonObject().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (reply.containsKey("exceptionDetails")) {
            throw new IllegalStateException("the page's promise failed: " + reply.getJsonObject("exceptionDetails").encode());
        }
        Object value = reply.getJsonObject("result").getValue("value");
        return value == null ? null : String.valueOf(value);
    }

    /** Evaluates a JavaScript expression in the page; its value as a string (null for undefined). */
    public String evaluate(String expression) throws Exception {
        JsonObject result = call("Runtime.evaluate", new JsonObject().put("expression", expression)
                .put("returnByValue", true)).getJsonObject("result");
        Object value = result.getValue("value");
        return value == null ? null : String.valueOf(value);
    }

    /**
     * Asks the page the same question until the answer satisfies the condition, or fails after the deadline;
     * the deadline only guards against a hang, the test is about what the page eventually shows.
     */
    public String await(String expression, Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = null;
        while (System.nanoTime() < deadline) {
            last = evaluate(expression);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page never showed " + what + "; last: " + last);
    }

    @Override
    public void close() throws Exception {
        page.abort();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            browser.waitFor(10, TimeUnit.SECONDS);
        }
        Chromium.deleteTree(profile);
    }
}
