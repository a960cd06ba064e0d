/**
 * Schema evolution: the released versions shipped in the jar ({@link io.waymark.schemas.evolution.SchemaHistory})
 * and the check that the current schemas stay backward- and forward-compatible with them
 * ({@link io.waymark.schemas.evolution.SchemaCompatibilityCheck}). See {@code schemas/README.md}
 * for how to release a new version.
 */
package io.waymark.schemas.evolution;
