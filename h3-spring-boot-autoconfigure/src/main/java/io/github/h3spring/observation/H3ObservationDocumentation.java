package io.github.h3spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the h3 runtime makes, with their names and key values.
 */
public enum H3ObservationDocumentation implements ObservationDocumentation {

	/**
	 * A WebSocket upgrade request, from its arrival until it is refused or its handshake
	 * is answered; the hook calls of its connection are its children.
	 */
	WEBSOCKET_UPGRADE {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWebSocketUpgradeObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return UpgradeKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { CommonHighCardinalityKeyNames.PATH };
		}
	},

	/**
	 * One call of a WebSocket hook ({@code upgrade}, {@code open}, {@code message}, ...).
	 */
	WEBSOCKET_HOOK {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWebSocketHookObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return HookKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { CommonHighCardinalityKeyNames.PEER };
		}
	},

	/** One call of an {@code EventHandler}, until the value it returned has completed. */
	EVENT_HANDLER {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultEventHandlerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return EventHandlerKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { CommonHighCardinalityKeyNames.PATH };
		}
	},

	/** A Server-Sent Events stream, while its response is open. */
	EVENT_STREAM {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultEventStreamObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return EventStreamKeyNames.values();
		}
	};

	/** The low cardinality key names of {@link #WEBSOCKET_UPGRADE}. */
	public enum UpgradeKeyNames implements KeyName {

		/** The handler's bean name. */
		HANDLER {
			@Override
			public String asString() {
				return "handler";
			}
		},

		/** {@code accepted} or {@code rejected}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Why the upgrade was refused, as the {@code reason} tag of
		 * {@code h3.websocket.upgrades}: {@code none} when it was accepted.
		 */
		REASON {
			@Override
			public String asString() {
				return "reason";
			}
		}

	}

	/** The low cardinality key names of {@link #WEBSOCKET_HOOK}. */
	public enum HookKeyNames implements KeyName {

		/** The handler's bean name. */
		HANDLER {
			@Override
			public String asString() {
				return "handler";
			}
		},

		/**
		 * The hook: {@code upgrade}, {@code open}, {@code message}, {@code close},
		 * {@code error}, ...
		 */
		HOOK {
			@Override
			public String asString() {
				return "hook";
			}
		},

		/**
		 * {@code success} or {@code error}: whether the hook threw or its {@code Mono}
		 * failed.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The simple class name of what the hook threw, {@code none} when it did not. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

	/** The low cardinality key names of {@link #EVENT_HANDLER}. */
	public enum EventHandlerKeyNames implements KeyName {

		/** The handler's bean name. */
		HANDLER {
			@Override
			public String asString() {
				return "handler";
			}
		},

		/** The HTTP method of the request. */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/**
		 * {@code success} or {@code error}: whether the handler threw or what it returned
		 * failed.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The simple class name of the failure, {@code none} when there was none. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

	/** The low cardinality key names of {@link #EVENT_STREAM}. */
	public enum EventStreamKeyNames implements KeyName {

		/**
		 * How the stream ended: {@code closed} (by the application or its shutdown),
		 * {@code client-gone} (the client went away) or {@code overflow} (the client did
		 * not read fast enough).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** The high cardinality key names the observations share. */
	public enum CommonHighCardinalityKeyNames implements KeyName {

		/** The path of the request. */
		PATH {
			@Override
			public String asString() {
				return "path";
			}
		},

		/**
		 * The peer's id, {@code none} for the {@code upgrade} hook, which runs before
		 * there is a peer.
		 */
		PEER {
			@Override
			public String asString() {
				return "peer";
			}
		}

	}

}
