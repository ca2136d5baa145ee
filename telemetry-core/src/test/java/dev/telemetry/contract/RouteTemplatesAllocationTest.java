package dev.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The recording path calls {@link RouteTemplates#isNormalised(String)} for every route label;
 * it must not allocate. Measured with the JVM's per-thread allocation counter.
 */
class RouteTemplatesAllocationTest {

    private static final String[] ROUTES = {
            "/", "/api/v2/users", "/users/{id}/orders/{uuid}", "/static/app.js", "/users/123",
            "/reset/AbCdEf0123456789XyZ_-q", "/users/jane@example.com", "/a//b", "/v1/items?id=5",
    };

    @Test
    void isNormalisedAllocatesNothingWithTheDefaultRules() {
        com.sun.management.ThreadMXBean threads = threadBean();
        RouteTemplates routes = RouteTemplates.defaults();
        long threadId = Thread.currentThread().getId();
        int normalised = 0;
        for (int i = 0; i < 20_000; i++) {
            normalised += routes.isNormalised(ROUTES[i % ROUTES.length]) ? 1 : 0;
        }

        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 100_000; i++) {
            normalised += routes.isNormalised(ROUTES[i % ROUTES.length]) ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(normalised).isPositive();
        // The counter itself may cost a few bytes; one allocation per call would be megabytes.
        assertThat(allocated).isLessThan(1024);
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");
        return threads;
    }
}
