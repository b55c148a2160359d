package io.github.h3spring.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, generated with
 * the JDK's {@code keytool} for a test run, in the forms servers take: a PKCS#12 key
 * store for {@code server.ssl.key-store} (Tomcat, Jetty, Reactor Netty) and PEM files for
 * a proxy such as nginx. Clients trust it with
 * {@link H3TestClient#trusting(X509Certificate)}. <pre class="code">
 * TestCertificate certificate = TestCertificate.generate(Path.of("target/tls"));
 * // server.ssl.key-store=file:${certificate.keyStore()}, server.ssl.key-store-password=...
 * H3TestClient client = H3TestClient.forBaseUrl("wss://localhost:" + port).trusting(certificate.certificate());
 * </pre>
 */
public final class TestCertificate {

	private static final String ALIAS = "h3-test";

	private static final String PASSWORD = "h3-test-secret";

	private final Path keyStore;

	private final X509Certificate certificate;

	private final Path certificatePem;

	private final Path privateKeyPem;

	private TestCertificate(Path keyStore, X509Certificate certificate, Path certificatePem, Path privateKeyPem) {
		this.keyStore = keyStore;
		this.certificate = certificate;
		this.certificatePem = certificatePem;
		this.privateKeyPem = privateKeyPem;
	}

	/**
	 * Generates a certificate valid for two days, or reuses the one already in the
	 * directory.
	 * @param directory where the key store and the PEM files are written
	 * @return the certificate
	 * @throws IllegalStateException when {@code keytool} fails
	 */
	public static synchronized TestCertificate generate(Path directory) {
		Path keyStore = directory.resolve("localhost.p12");
		try {
			Files.createDirectories(directory);
			if (!Files.exists(keyStore)) {
				runKeytool(keyStore);
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore)) {
				store.load(in, PASSWORD.toCharArray());
			}
			X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
			Key key = store.getKey(ALIAS, PASSWORD.toCharArray());
			Path certificatePem = write(directory.resolve("localhost.crt"), "CERTIFICATE", certificate.getEncoded());
			Path privateKeyPem = write(directory.resolve("localhost.key"), "PRIVATE KEY", key.getEncoded());
			return new TestCertificate(keyStore, certificate, certificatePem, privateKeyPem);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not generate a test certificate in " + directory, ex);
		}
	}

	private static void runKeytool(Path keyStore) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while keytool ran", ex);
		}
		finally {
			process.destroy();
		}
	}

	private static Path write(Path file, String type, byte[] der) throws IOException {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
		return file;
	}

	/**
	 * Returns the PKCS#12 key store that holds the key and the certificate.
	 * @return the key store file
	 */
	public Path keyStore() {
		return this.keyStore;
	}

	/**
	 * Returns the password of the key store and of its key.
	 * @return the password
	 */
	public String password() {
		return PASSWORD;
	}

	/**
	 * Returns the alias of the key in the key store.
	 * @return the alias
	 */
	public String alias() {
		return ALIAS;
	}

	/**
	 * Returns the certificate, for clients to trust.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * Returns the certificate as a PEM file.
	 * @return the file
	 */
	public Path certificatePem() {
		return this.certificatePem;
	}

	/**
	 * Returns the private key as an unencrypted PKCS#8 PEM file.
	 * @return the file
	 */
	public Path privateKeyPem() {
		return this.privateKeyPem;
	}

}
