package io.lakegate;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;

/**
 * Every AWS call any SDK client of the test JVM makes, as the service makes it: registered for all clients by
 * the SDK's global interceptor list (src/test/resources/software/amazon/awssdk/global/handlers/), so it sees
 * exactly the calls that would reach AWS and need its permission.
 */
public final class RecordedAwsCalls implements ExecutionInterceptor {

    /** One call: the service, the operation, its bucket and key (or prefix), a copy's source key, the thread. */
    public record Call(String service, String operation, String bucket, String key, String sourceKey, String thread) {
    }

    private static final Queue<Call> CALLS = new ConcurrentLinkedQueue<>();

    public static void clear() {
        CALLS.clear();
    }

    public static List<Call> all() {
        return List.copyOf(CALLS);
    }

    // The SDK may already have folded the source bucket and key into the copy-source header's form.
    @SuppressWarnings("deprecation")
    private static String sourceKey(CopyObjectRequest copy) {
        if (copy.sourceKey() != null) {
            return copy.sourceKey();
        }
        String source = URLDecoder.decode(copy.copySource(), StandardCharsets.UTF_8);
        return source.substring(source.indexOf('/', source.startsWith("/") ? 1 : 0) + 1);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        var request = context.request();
        String bucket = request.getValueForField("Bucket", String.class)
                .or(() -> request.getValueForField("DestinationBucket", String.class)).orElse(null);
        String key = request.getValueForField("Key", String.class)
                .or(() -> request.getValueForField("DestinationKey", String.class))
                .or(() -> request.getValueForField("Prefix", String.class)).orElse(null);
        String sourceKey = request instanceof CopyObjectRequest copy ? sourceKey(copy) : null;
        CALLS.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), bucket, key, sourceKey,
                Thread.currentThread().getName()));
    }
}
