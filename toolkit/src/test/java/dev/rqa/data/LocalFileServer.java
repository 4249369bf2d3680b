package dev.rqa.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on the loopback interface that serves one byte array at {@code /file}, with switches for
 * the misbehaviours a downloader must survive.
 */
final class LocalFileServer implements AutoCloseable {

    /** Response behaviour of the server. */
    enum Mode {
        /** Honour {@code Range: bytes=N-} with 206 and Content-Range. */
        NORMAL,
        /** Ignore Range and always send the whole file with 200. */
        IGNORE_RANGE,
        /** Declare the full length, send {@code cutAfter} bytes, then drop the connection. */
        DROP_CONNECTION,
        /** Send {@code cutAfter} bytes, then stop sending until {@link #release()} or ten minutes pass. */
        STALL,
        /** Answer 404. */
        NOT_FOUND
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-file-server");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private volatile byte[] content;
    private volatile Mode mode = Mode.NORMAL;
    private volatile int cutAfter;

    LocalFileServer(byte[] content) throws IOException {
        this.content = content;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/file";
    }

    void mode(Mode newMode) {
        mode = newMode;
    }

    void cutAfter(int bytes) {
        cutAfter = bytes;
    }

    void content(byte[] newContent) {
        content = newContent;
    }

    /** Lets a stalled response finish sending. */
    void release() {
        released.countDown();
    }

    int requests() {
        return requests.get();
    }

    /** Returns the Range header of every request, or "" where a request had none. */
    List<String> rangeHeaders() {
        return rangeHeaders;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String range = exchange.getRequestHeaders().getFirst("Range");
        rangeHeaders.add(range == null ? "" : range);
        byte[] body = content;
        try (exchange) {
            if (mode == Mode.NOT_FOUND) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int start = 0;
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (mode != Mode.IGNORE_RANGE && matcher != null && matcher.matches()) {
                start = Integer.parseInt(matcher.group(1));
                if (start >= body.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - start);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            OutputStream out = exchange.getResponseBody();
            int length = body.length - start;
            if (mode == Mode.DROP_CONNECTION || mode == Mode.STALL) {
                int sent = Math.min(cutAfter, length);
                out.write(body, start, sent);
                out.flush();
                if (mode == Mode.STALL) {
                    awaitRelease();
                    out.write(body, start + sent, length - sent);
                }
                // With DROP_CONNECTION, closing short of the declared length makes the server drop the connection.
                return;
            }
            out.write(body, start, length);
        } catch (IOException e) {
            // The client went away or the connection was dropped on purpose.
        }
    }

    private void awaitRelease() {
        try {
            released.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
