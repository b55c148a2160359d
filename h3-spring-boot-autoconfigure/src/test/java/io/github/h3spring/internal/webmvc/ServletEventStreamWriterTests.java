package io.github.h3spring.internal.webmvc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The writer against an output stream whose readiness the test controls: it asks for a
 * frame only when the container can take it, so what the client does not read stays
 * upstream.
 */
class ServletEventStreamWriterTests {

	private final AsyncContext async = mock(AsyncContext.class);

	private final ControlledOutput output = new ControlledOutput();

	private final ServletEventStreamWriter writer = new ServletEventStreamWriter(this.async, this.output);

	private final TestPublisher<byte[]> frames = TestPublisher.create();

	@Test
	void nothingIsAskedForBeforeTheContainerSaysItCanWrite() {
		this.frames.subscribe(this.writer);
		this.frames.assertMinRequested(0).assertMaxRequested(0);
		this.writer.onWritePossible();
		this.frames.assertMinRequested(1).assertMaxRequested(1);
	}

	@Test
	void framesAreAskedForOneAtATimeAndFlushedAsTheyAreWritten() {
		this.frames.subscribe(this.writer);
		this.writer.onWritePossible();
		this.frames.next(bytes("data: one\n\n"));
		this.frames.assertMaxRequested(1);
		this.frames.next(bytes("data: two\n\n"));
		assertThat(this.output.written()).isEqualTo("data: one\n\ndata: two\n\n");
		assertThat(this.output.flushes).isEqualTo(2);
	}

	@Test
	void aClientThatDoesNotReadIsNotAskedForMore() {
		this.frames.subscribe(this.writer);
		this.writer.onWritePossible();
		this.output.ready = false;
		this.frames.next(bytes("data: held\n\n"));
		this.frames.assertMaxRequested(0);
		assertThat(this.output.written()).isEmpty();
		this.output.ready = true;
		this.writer.onWritePossible();
		assertThat(this.output.written()).isEqualTo("data: held\n\n");
		this.frames.assertMaxRequested(1);
	}

	@Test
	void theResponseEndsAfterThePendingFrameIsWritten() {
		this.frames.subscribe(this.writer);
		this.writer.onWritePossible();
		this.output.ready = false;
		this.frames.next(bytes("data: last\n\n"));
		this.frames.complete();
		verify(this.async, never()).complete();
		this.output.ready = true;
		this.writer.onWritePossible();
		assertThat(this.output.written()).isEqualTo("data: last\n\n");
		verify(this.async).complete();
	}

	@Test
	void aFailedWriteCancelsTheStreamAndEndsTheResponse() {
		this.frames.subscribe(this.writer);
		this.writer.onWritePossible();
		this.output.failing = true;
		this.frames.next(bytes("data: lost\n\n"));
		this.frames.assertCancelled();
		verify(this.async).complete();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** An output stream that is ready, or not, as the test says. */
	static final class ControlledOutput extends ServletOutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		volatile boolean ready = true;

		volatile boolean failing;

		int flushes;

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (this.failing) {
				throw new IOException("Broken pipe");
			}
			this.bytes.write(b, off, len);
		}

		@Override
		public void flush() {
			this.flushes++;
		}

		String written() {
			return this.bytes.toString(StandardCharsets.UTF_8);
		}

	}

}
