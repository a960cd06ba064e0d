package io.waymark.rewriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden messages in src/test/resources/golden: input, options and expected output. */
record GoldenMessages(String name, byte[] input, MessageOptions options, Path expected) {

    static final Path DIR = Path.of("src/test/resources/golden");

    static List<GoldenMessages> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml"))
                    .filter(p -> !p.getFileName().toString().endsWith(".expected.eml"))
                    .sorted()
                    .map(GoldenMessages::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GoldenMessages load(Path eml) {
        String name = eml.getFileName().toString().replaceFirst("\\.eml$", "");
        try {
            Path optionsFile = DIR.resolve(name + ".options");
            String options = Files.exists(optionsFile) ? Files.readString(optionsFile) : "clicks opens";
            MessageOptions parsed = new MessageOptions(options.contains("clicks"), options.contains("opens"),
                    options.contains("text"));
            return new GoldenMessages(name, Files.readAllBytes(eml), parsed, DIR.resolve(name + ".expected.eml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URLs the rewriter signed, one a line, in link order. */
    Path expectedUrls() {
        return DIR.resolve(name + ".expected-urls.txt");
    }

    @Override
    public String toString() {
        return name;
    }
}
