package io.lakegate.http;

import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LogSafe;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON body of a refused HTTP request, {"error": "..."}. Written by Lakegate's JSON mapper from a map,
 * never pasted together as text, so whatever the request carried (a date, a Host) is echoed only escaped.
 */
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    public static String body(String message) {
        return LakeJson.line(Map.of("error", message));
    }

    /** Answers a request refused before it reached a route or an endpoint. */
    static void write(HttpServletResponse response, int status, String message) throws IOException {
        byte[] json = body(message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        // Sent now: a refused body may still be on its way, and the client need not finish sending it to hear no.
        response.flushBuffer();
    }

    /**
     * For a route's doCatch: one WARN line (escaped, as the message may echo the request; no stack trace: the
     * request was refused, nothing failed) and the body to answer with.
     */
    public String refused(@Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_URI) String path,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception reason) {
        log.warn("{} {} refused: {}", method, LogSafe.key(path), LogSafe.key(reason.getMessage()));
        return body(reason.getMessage());
    }
}
