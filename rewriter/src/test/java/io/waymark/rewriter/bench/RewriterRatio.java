package io.waymark.rewriter.bench;

import io.waymark.rewriter.RewriteException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Paired measurement of {@link RewriterBenchmark#waymarkHtml} against its peer
 * {@link RewriterBenchmark#jsoupParseSerialize}. Each runs in its own JVM (as in a JMH fork:
 * sharing one would let one's profile and garbage slow the other), and the two take turns of a
 * fixed time, one JVM idle and blocked while the other runs, each turn after one untimed
 * operation (the other's turn leaves the caches cold); each round's ratio is the waymark
 * turn against the mean of the jsoup turns either side of it. This machine has a slow mode that
 * lasts from seconds to minutes and hits whichever benchmark runs then; JMH runs one benchmark's
 * iterations after the other's, so a mode change between them skews its ratio, while neighbouring
 * turns of half a second see the same mode. Prints each round and the median, minimum and
 * maximum ratio.
 *
 * Each pair of JVMs compiles its own code, and their speeds differ from one pair to the next
 * (jsoup's by up to a quarter here), so PAIRS fresh pairs run ROUNDS rounds each, one pair after
 * the other. {@code RATIO_JVM_OPTS} in the environment gives both sides' JVM options;
 * {@code RATIO_BASELINE_CLASSES=<another checkout>/rewriter/target/classes} makes the peer that
 * build's {@code waymarkHtml}, printed as "baseline", to measure a change.
 *
 * <p>{@code ./mvnw -B -o -pl rewriter -Pbench test -Dbench.main=io.waymark.rewriter.bench.RewriterRatio -Djmh.args="ROUNDS MILLIS PAIRS"}
 */
public final class RewriterRatio {

    // another build's main classes: the peer is then waymarkHtml of that build (an A/B of two builds)
    private static final String BASELINE = System.getenv("RATIO_BASELINE_CLASSES");
    private static final String PEER = BASELINE == null ? "jsoupParseSerialize" : "baseline";
    private static final int WARM_UP_TURNS = 10;
    private static final long WARM_UP_MILLIS = 1000;

    private RewriterRatio() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("turns")) {
            takeTurns(args[1]);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 500;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<Double> ratios = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            List<Double> pairRatios = new ArrayList<>();
            double[] waymarkRates = new double[rounds];
            double[] jsoupRates = new double[rounds];
            try (Side waymark = new Side("waymarkHtml"); Side jsoup = new Side(PEER)) {
                for (int i = 0; i < WARM_UP_TURNS; i++) {
                    waymark.turn(WARM_UP_MILLIS);
                    jsoup.turn(WARM_UP_MILLIS);
                }
                double previousJsoup = jsoup.turn(millis);
                for (int round = 1; round <= rounds; round++) {
                    double w = waymark.turn(millis);
                    double j = jsoup.turn(millis);
                    double ratio = w / ((previousJsoup + j) / 2);
                    pairRatios.add(ratio);
                    waymarkRates[round - 1] = w;
                    jsoupRates[round - 1] = j;
                    System.out.printf("pair %d round %2d: waymarkHtml %7.1f ops/s, %s %6.1f ops/s, ratio %.2f%n",
                            pair, round, w, PEER, j, ratio);
                    previousJsoup = j;
                }
            }
            Arrays.sort(waymarkRates);
            Arrays.sort(jsoupRates);
            System.out.printf("pair %d: median waymarkHtml %.1f ops/s, %s %.1f ops/s, %s%n", pair,
                    median(waymarkRates), PEER, median(jsoupRates), summary(pairRatios));
            ratios.addAll(pairRatios);
        }
        System.out.printf("all %d pairs: %s%n", pairs, summary(ratios));
    }

    private static String summary(List<Double> ratios) {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("ratio over %d rounds: median %.2f, min %.2f, max %.2f, rounds >= 5.0: %d",
                sorted.length, median(sorted), sorted[0], sorted[sorted.length - 1],
                Arrays.stream(sorted).filter(r -> r >= 5.0).count());
    }

    /** One benchmark in a child JVM that runs a turn per line on its standard input. */
    private static final class Side implements AutoCloseable {
        private final Process process;
        private final Writer commands;
        private final BufferedReader results;

        Side(String benchmark) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java));
            String options = System.getenv("RATIO_JVM_OPTS"); // the same for both sides
            if (options != null && !options.isBlank()) {
                command.addAll(List.of(options.trim().split("\\s+")));
            }
            String classPath = System.getProperty("java.class.path");
            if (benchmark.equals("baseline")) {
                classPath = BASELINE + File.pathSeparator + classPath; // its classes win
                benchmark = "waymarkHtml";
            }
            command.addAll(List.of("-cp", classPath, RewriterRatio.class.getName(), "turns", benchmark));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            commands = process.outputWriter(StandardCharsets.UTF_8);
            results = process.inputReader(StandardCharsets.UTF_8);
        }

        /** Runs the benchmark for about {@code millis} and returns its operations per second. */
        double turn(long millis) throws IOException {
            commands.write(millis + "\n");
            commands.flush();
            String line = results.readLine();
            if (line == null) {
                throw new IOException("benchmark JVM ended");
            }
            return Double.parseDouble(line);
        }

        @Override
        public void close() throws Exception {
            commands.close();
            process.waitFor();
        }
    }

    /** The child: reads a turn's length per line, answers the rate; ends at end of input. */
    private static void takeTurns(String benchmark) throws Exception {
        PrintStream out = System.out;
        System.setOut(System.err); // set-up chatter must not be read as a rate
        RewriterBenchmark bench = new RewriterBenchmark();
        bench.setUp();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            long nanos = Long.parseLong(line.trim()) * 1_000_000L;
            // one untimed operation first: the other JVM's turn left the caches cold for this one
            run(bench, benchmark, bh);
            long start = System.nanoTime();
            long ops = 0;
            long elapsed;
            do {
                run(bench, benchmark, bh);
                ops++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < nanos);
            out.println(ops * 1e9 / elapsed);
            out.flush();
        }
    }

    private static void run(RewriterBenchmark bench, String benchmark, Blackhole bh) throws RewriteException {
        if (benchmark.equals("waymarkHtml")) {
            bench.waymarkHtml(bh);
        } else {
            bench.jsoupParseSerialize(bh);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
