/**
 * Waymark renewer service. See ../shared/DESIGN.md for its place in the flow; the service is
 * built by its own issue on top of the schemas and common modules.
 */
package io.waymark.renewer;
