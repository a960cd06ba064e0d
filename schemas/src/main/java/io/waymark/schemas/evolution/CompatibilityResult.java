package io.waymark.schemas.evolution;

import java.util.List;

/**
 * What {@link SchemaCompatibilityCheck} found: one line per problem, empty when all is compatible.
 *
 * @param problems each names the record, the released version, the direction and the field
 */
public record CompatibilityResult(List<String> problems) {

    public CompatibilityResult {
        problems = List.copyOf(problems);
    }

    /** True when nothing was found. */
    public boolean isCompatible() {
        return problems.isEmpty();
    }

    /**
     * Returns normally when compatible.
     *
     * @throws IncompatibleSchemaException listing every problem
     */
    public void orThrow() {
        if (!isCompatible()) {
            throw new IncompatibleSchemaException(problems);
        }
    }
}
