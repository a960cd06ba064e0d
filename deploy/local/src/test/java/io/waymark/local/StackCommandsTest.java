package io.waymark.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StackCommandsTest {

    @Test
    void upAndDemoTakeFreshAndHome() {
        // Given
        UpCommand up = new UpCommand();
        DemoCommand demo = new DemoCommand();

        // When
        new CommandLine(up).parseArgs("--fresh", "--home", "some/dir");
        new CommandLine(demo).parseArgs("--home", "/tmp/elsewhere");

        // Then
        assertThat(up.options.fresh).isTrue();
        assertThat(up.options.home()).isEqualTo(Path.of("some/dir").toAbsolutePath().normalize());
        assertThat(demo.options.fresh).isFalse();
        assertThat(demo.options.home()).isEqualTo(Path.of("/tmp/elsewhere"));
    }

    @Test
    void withoutHomeTheDefaultHomeIsUsed() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs();

        assertThat(up.options.home()).isEqualTo(LocalEndpoints.defaultHome());
    }

    @Test
    void theCommandsAreNamedAndDocumentedForTheCommandLine() {
        CommandLine up = new CommandLine(new UpCommand());
        CommandLine demo = new CommandLine(new DemoCommand());

        assertThat(up.getCommandName()).isEqualTo("up");
        assertThat(demo.getCommandName()).isEqualTo("demo");
        assertThat(up.getUsageMessage()).contains("--fresh", "--home", "--help");
        assertThat(demo.getUsageMessage()).contains("--fresh", "--home", "--help");
        assertThat(demo.execute("--help")).isZero();
    }
}
