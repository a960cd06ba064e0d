package io.waymark.schemas.evolution;

import java.util.List;

/** A schema edit that would break readers or writers of a released version; the message lists every problem. */
public final class IncompatibleSchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public IncompatibleSchemaException(List<String> problems) {
        super("incompatible schema change:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem. */
    public List<String> problems() {
        return problems;
    }
}
