package io.lakegate.lake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on loopback in front of an S3 endpoint that breaks things the way a network and a busy S3
 * do: it cuts the body of large GETs after some bytes (alternately with a connection reset and with a clean
 * close, which the HTTP client reports as a premature end of the Content-Length delimited body) and answers
 * {@code 503 SlowDown} to PUTs. Everything else passes byte for byte. Each connection carries one request
 * ({@code Connection: close} is put on the way), so the forwarder never has to find where a body ends.
 */
public final class FaultProxy implements AutoCloseable {

    private static final byte[] SLOW_DOWN = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message><RequestId>fault-proxy</RequestId></Error>")
            .getBytes(StandardCharsets.US_ASCII);

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Cut> cuts = new ArrayList<>();
    private final List<SlowDown> slowDowns = new ArrayList<>();
    private final AtomicInteger bodiesCut = new AtomicInteger();
    private final AtomicInteger putsRefused = new AtomicInteger();
    private final Map<String, Integer> putsByPath = new HashMap<>();

    private record Cut(String pathPrefix, long longerThan, long afterBytes, AtomicInteger timesLeft) {
    }

    private record SlowDown(String pathPrefix, int paths, int timesEach, Map<String, Integer> refusedByPath) {
    }

    public FaultProxy(URI upstream) {
        this.upstream = upstream;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::accept);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * GETs of paths starting with {@code pathPrefix} whose body is longer than {@code longerThan} lose their
     * connection after {@code afterBytes} of body, {@code times} times. Rules apply in the order given, each
     * until its times are used up.
     */
    public synchronized FaultProxy cutBodies(String pathPrefix, long longerThan, long afterBytes, int times) {
        cuts.add(new Cut(pathPrefix, longerThan, afterBytes, new AtomicInteger(times)));
        return this;
    }

    /** The first {@code timesEach} PUTs of each of the first {@code paths} paths starting with {@code pathPrefix} get a 503 SlowDown. */
    public synchronized FaultProxy slowDownPuts(String pathPrefix, int paths, int timesEach) {
        slowDowns.add(new SlowDown(pathPrefix, paths, timesEach, new HashMap<>()));
        return this;
    }

    /** No more faults; the counts stay. */
    public synchronized void heal() {
        cuts.clear();
        slowDowns.clear();
    }

    public int bodiesCut() {
        return bodiesCut.get();
    }

    public int putsRefused() {
        return putsRefused.get();
    }

    /** How many PUTs reached the proxy for each path, refused or not. */
    public synchronized Map<String, Integer> putsByPath() {
        return new HashMap<>(putsByPath);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> forward(client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void forward(Socket client) {
        try (client; Socket upstreamSocket = new Socket(upstream.getHost(), upstream.getPort())) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            String request = readHead(fromClient);
            if (request == null) {
                return;
            }
            String[] line = request.substring(0, request.indexOf("\r\n")).split(" ");
            String method = line[0];
            String path = line[1].contains("?") ? line[1].substring(0, line[1].indexOf('?')) : line[1];
            if (method.equals("PUT") && refusePut(path)) {
                toClient.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + SLOW_DOWN.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                toClient.write(SLOW_DOWN);
                toClient.flush();
                // Read what the client still sends, so closing does not reset the connection before it saw the answer.
                client.shutdownOutput();
                fromClient.transferTo(OutputStream.nullOutputStream());
                return;
            }
            OutputStream toUpstream = upstreamSocket.getOutputStream();
            toUpstream.write(withConnectionClose(request).getBytes(StandardCharsets.ISO_8859_1));
            toUpstream.flush();
            threads.submit(() -> pump(fromClient, toUpstream));

            InputStream fromUpstream = new BufferedInputStream(upstreamSocket.getInputStream());
            String response;
            do {
                response = readHead(fromUpstream);
                if (response == null) {
                    return;
                }
                toClient.write(response.getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
            } while (response.startsWith("HTTP/1.1 1"));
            long cutAfter = method.equals("GET") ? cutAfter(path, contentLength(response)) : -1;
            if (cutAfter < 0) {
                fromUpstream.transferTo(toClient);
                return;
            }
            copy(fromUpstream, toClient, cutAfter);
            toClient.flush();
            if (bodiesCut.incrementAndGet() % 2 == 1) {
                client.setSoLinger(true, 0); // closing now sends a reset
            }
        } catch (IOException e) {
            // the client or the server went away; that is theirs to report
        }
    }

    private synchronized boolean refusePut(String path) {
        putsByPath.merge(path, 1, Integer::sum);
        for (SlowDown rule : slowDowns) {
            if (!path.startsWith(rule.pathPrefix())) {
                continue;
            }
            Integer refused = rule.refusedByPath().get(path);
            if (refused == null && rule.refusedByPath().size() < rule.paths()) {
                refused = 0;
            }
            if (refused != null && refused < rule.timesEach()) {
                rule.refusedByPath().put(path, refused + 1);
                putsRefused.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    private synchronized long cutAfter(String path, long contentLength) {
        for (Cut cut : cuts) {
            if (cut.timesLeft().get() > 0 && path.startsWith(cut.pathPrefix()) && contentLength > cut.longerThan()) {
                cut.timesLeft().decrementAndGet();
                return cut.afterBytes();
            }
        }
        return -1;
    }

    private static String withConnectionClose(String head) {
        StringBuilder rewritten = new StringBuilder();
        for (String header : head.split("\r\n")) {
            if (!header.isEmpty() && !header.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                rewritten.append(header).append("\r\n");
            }
        }
        return rewritten.append("Connection: close\r\n\r\n").toString();
    }

    private static long contentLength(String head) {
        for (String header : head.split("\r\n")) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(header.substring(header.indexOf(':') + 1).trim());
            }
        }
        return -1;
    }

    // A request or status line with its headers, up to and including the blank line; null at end of stream.
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        long left = bytes;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void pump(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the exchange ended
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
