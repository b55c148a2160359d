package io.github.h3spring.scaleout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/**
 * Checks that a backplane server of this machine is reachable: a test that needs it is
 * skipped with the reason when it is not, or fails when {@code H3_REQUIRE_SERVICES=true}
 * (as in CI).
 */
final class Services {

	private Services() {
	}

	static void require(String name, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
		}
		catch (IOException ex) {
			String reason = name + " is not reachable on 127.0.0.1:" + port + " (" + ex.getMessage() + ")";
			if ("true".equals(System.getenv("H3_REQUIRE_SERVICES"))) {
				throw new AssertionError(reason + " and H3_REQUIRE_SERVICES=true");
			}
			Assumptions.abort(reason + ": skipping; set H3_REQUIRE_SERVICES=true to fail instead");
		}
	}

}
