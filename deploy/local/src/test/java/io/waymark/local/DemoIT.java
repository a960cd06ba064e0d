package io.waymark.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.eventsink.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local stack (real Pebble, Kafka, Cassandra and every service in child JVMs) on free
 * loopback ports in a temporary home, the demo scenario against it, then a stop that leaves no
 * process behind.
 */
class DemoIT {

    private static final String SALE = "https://shop.example.com/spring-sale?utm_source=newsletter&utm_campaign=spring";

    @TempDir
    Path home;

    @Test
    void theDemoScenarioPassesEndToEndAndNothingOutlivesTheStack() throws Exception {
        // Given a local stack on free ports, its console captured and shown
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(console, System.out), true, StandardCharsets.UTF_8);
        DemoReport report;
        List<ProcessHandle> processes;
        try (LocalStack stack = LocalStack.start(home, LocalPorts.free(), true, out)) {
            assertThat(LocalEndpoints.running(home)).contains(stack.endpoints());
            processes = stack.processes();

            // When the demo runs against it
            report = new DemoScenario(stack.endpoints(), out).run();
        }

        // Then every step passed, in order, and was printed with PASS
        assertThat(report.steps()).hasSize(9)
                .allSatisfy(step -> assertThat(step.passed()).as(step.title() + ": " + step.detail()).isTrue());
        assertThat(report.passed()).isTrue();
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("  pebble ", "  kafka ", "  cassandra ", "  edge ", "  rewriter ",
                "  provisioner ", "  event-sink ", "ready", "PASS", "Demo PASSED: 9 of 9 steps passed");

        // and the enabled domain's links go through its tracking host over https, the rest stay as written
        assertThat(report.enabledLinks()).hasSameSizeAs(report.originalLinks());
        for (int i = 0; i < report.originalLinks().size(); i++) {
            String original = report.originalLinks().get(i);
            String rewritten = report.enabledLinks().get(i);
            if (original.startsWith("mailto:") || original.contains("/privacy") || original.contains("/unsubscribe")) {
                assertThat(rewritten).isEqualTo(original);
            } else {
                assertThat(rewritten).startsWith("https://email.demo-one.test/c/");
            }
        }
        assertThat(report.enabledPixels()).singleElement().asString().startsWith("https://email.demo-one.test/o/");
        assertThat(report.plainLinks().stream().filter(link -> link.contains("/c/")))
                .hasSize(5).allSatisfy(link -> assertThat(link).startsWith("http://email.demo-three.test/c/"));

        // and the click was a 302 to the original URL
        assertThat(report.expectedLocation()).isEqualTo(SALE);
        assertThat(report.clickStatus()).isEqualTo(302);
        assertThat(report.clickLocation()).isEqualTo(SALE);

        // and Cassandra holds the click and the open of that message
        assertThat(report.storedEvents()).extracting(StoredEvent::kind).contains("CLICK", "OPEN");
        assertThat(report.storedEvents()).filteredOn(event -> event.kind().equals("CLICK")).singleElement()
                .satisfies(click -> {
                    assertThat(click.url()).isEqualTo(SALE);
                    assertThat(click.messageId()).isEqualTo(report.messageId());
                    assertThat(click.sendingDomain()).isEqualTo("demo-one.test");
                    assertThat(click.trackingHost()).isEqualTo("email.demo-one.test");
                    assertThat(click.bot()).isFalse();
                });

        // and after close nothing is left: no endpoints file, no process of the stack
        assertThat(LocalEndpoints.running(home)).isEmpty();
        assertThat(processes).hasSizeGreaterThanOrEqualTo(8);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
    }

    /** Writes to two streams: the captured console and the test's output. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
