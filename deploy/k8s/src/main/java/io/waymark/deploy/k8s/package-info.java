/**
 * Deployment artefacts generated from the code they deploy. Today: the Strimzi
 * {@code KafkaTopic} resources and the compose file's topic script, both rendered from the
 * topic catalog of {@code schemas} ({@link io.waymark.deploy.k8s.KafkaTopicManifests}). The
 * manifests themselves live beside this module's sources ({@code deploy/k8s/base},
 * {@code overlays}, {@code infra}, {@code components}) and its tests check them, and
 * {@code deploy/compose}, against the services' own configuration.
 */
package io.waymark.deploy.k8s;
