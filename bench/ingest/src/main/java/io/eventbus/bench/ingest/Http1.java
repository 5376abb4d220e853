package io.eventbus.bench.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client on one plain socket: one request at a time, Content-Length or chunked
 * responses. Cheaper on CPU than java.net.http, which matters when client and server share two cores. Not
 * thread-safe: one per client thread.
 */
final class Http1 implements Closeable {

    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Http1(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.hostHeader = host + ":" + port;
    }

    /** Sends one request; reconnects first when the previous response closed the connection. */
    Response send(String method, String path, String bearer, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            StringBuilder head = new StringBuilder(256)
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader).append("\r\n")
                    .append("Accept: application/json\r\n");
            if (bearer != null) {
                head.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[h.length + (body == null ? 0 : body.length)];
            System.arraycopy(h, 0, all, 0, h.length);
            if (body != null) {
                System.arraycopy(body, 0, all, h.length, body.length);
            }
            out.write(all); // one write: headers and body in one segment
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Like {@link #send}, retrying once on a fresh connection (for idempotent set-up calls). */
    Response sendRetrying(String method, String path, String bearer, byte[] body) throws IOException {
        try {
            return send(method, path, bearer, body);
        } catch (IOException e) {
            return send(method, path, bearer, body);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        s.setSoTimeout(120_000);
        s.connect(new InetSocketAddress(host, port), 5_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (;;) {
                String size = line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                buf.write(exactly(n));
                line();
            }
            body = buf.toByteArray();
        } else if (length >= 0) {
            body = exactly((int) length);
        } else {
            body = in.readAllBytes(); // no length: the body runs to the end of the connection
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(code, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] exactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("connection closed inside a response body");
        }
        return b;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (;;) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
