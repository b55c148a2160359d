package io.github.h3spring.internal.websocket.servlet;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads of the servlet transport, shared by all peers: senders for the container's
 * blocking writes, one scheduler for liveness, and the offload of blocking handlers. With
 * virtual threads every sender and blocking hook gets one of its own.
 */
public final class ServletTransportResources implements DisposableBean {

	private final Executor sender;

	private final ScheduledExecutorService scheduler;

	private final Scheduler offload;

	public ServletTransportResources(boolean virtualThreads) {
		if (virtualThreads) {
			SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor("h3-ws-");
			virtual.setVirtualThreads(true);
			this.sender = virtual;
			this.offload = Schedulers.fromExecutor(virtual);
		}
		else {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("h3-ws-send-");
			threads.setDaemon(true);
			this.sender = Executors.newCachedThreadPool(threads);
			this.offload = Schedulers.boundedElastic();
		}
		CustomizableThreadFactory liveness = new CustomizableThreadFactory("h3-ws-liveness-");
		liveness.setDaemon(true);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, liveness);
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
	}

	Executor sender() {
		return this.sender;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	/** Where the hooks of {@code blocking = true} handlers run. */
	public Scheduler offload() {
		return this.offload;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.scheduler.shutdownNow();
		if (this.sender instanceof ExecutorService pool) {
			pool.shutdown();
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
		else if (this.sender instanceof SimpleAsyncTaskExecutor virtual) {
			virtual.close();
		}
	}

}
