package io.waymark.embedded.internal.pebble;

import io.waymark.embedded.AcmeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ports and files of one Pebble + pebble-challtestsrv pair: Pebble's ACME and management
 * listeners, the HTTP-01 and TLS-ALPN-01 ports its validator connects to, and challtestsrv's DNS
 * (which answers 127.0.0.1 for every name) and management ports. Writes
 * {@code pebble-config.json} and the TLS files into the run directory. The config forbids
 * {@link AcmeServer#FORBIDDEN_HOST} by policy, so tests can meet a real permanent refusal. With
 * {@code externalAccountKeys} (key id → base64url MAC key) Pebble requires external account
 * binding (RFC 8555 §7.3.4) and accepts exactly those keys.
 */
public record PebbleSetup(Path directory, int acmePort, int managementPort, int http01Port, int tlsAlpnPort,
        int dnsPort, int challengeManagementPort, Map<String, String> externalAccountKeys) {

    public PebbleSetup {
        externalAccountKeys = Map.copyOf(externalAccountKeys);
    }

    /** A setup without external account binding. */
    public PebbleSetup(Path directory, int acmePort, int managementPort, int http01Port, int tlsAlpnPort,
                       int dnsPort, int challengeManagementPort) {
        this(directory, acmePort, managementPort, http01Port, tlsAlpnPort, dnsPort, challengeManagementPort, Map.of());
    }

    public Path configFile() {
        return directory.resolve("pebble-config.json");
    }

    /** Writes the config (paths as seen at {@code filesRoot}, which differs inside a container). */
    public void writeConfig(TlsCertificates certificates, String filesRoot) {
        certificates.writeTo(directory);
        String json = "{\n  \"pebble\": {\n"
                + "    \"listenAddress\": \"127.0.0.1:" + acmePort + "\",\n"
                + "    \"managementListenAddress\": \"127.0.0.1:" + managementPort + "\",\n"
                + "    \"certificate\": \"" + filesRoot + "/" + TlsCertificates.certificateFile(directory).getFileName() + "\",\n"
                + "    \"privateKey\": \"" + filesRoot + "/" + TlsCertificates.keyFile(directory).getFileName() + "\",\n"
                + "    \"httpPort\": " + http01Port + ",\n"
                + "    \"tlsPort\": " + tlsAlpnPort + ",\n"
                + "    \"ocspResponderURL\": \"\",\n"
                + "    \"externalAccountBindingRequired\": " + !externalAccountKeys.isEmpty() + ",\n"
                + "    \"externalAccountMACKeys\": {" + externalAccountKeys.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"").collect(Collectors.joining(", ")) + "},\n"
                + "    \"domainBlocklist\": [\"" + AcmeServer.FORBIDDEN_HOST + "\"]\n"
                + "  }\n}\n";
        try {
            Files.writeString(configFile(), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
    }

    /** Arguments of {@code pebble-challtestsrv}: only DNS and management, all on loopback. */
    public List<String> challengeServerArguments() {
        return List.of("-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + challengeManagementPort);
    }

    /** Arguments of {@code pebble}, given the config file path as the process sees it. */
    public List<String> pebbleArguments(String configPath) {
        return List.of("-config", configPath, "-dnsserver", "127.0.0.1:" + dnsPort);
    }
}
