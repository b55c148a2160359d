package io.github.h3spring.internal.pubsub.redis;

import java.util.Properties;

import io.github.h3spring.internal.pubsub.backplane.BackplaneConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisSyncDriverTests {

	@Test
	void aServerOlderThan62IsAConfigurationErrorThatSaysWhatToChange() {
		BackplaneConfigurationException failure = RedisSyncDriver.unsupported(info("redis_version", "6.0.16"));
		assertThat(failure).isNotNull();
		assertThat(failure.getMessage()).contains("version 6.0.16", "MINID", "6.2");
		assertThat(failure.action()).contains("Upgrade Redis to 6.2", "h3.pubsub.sync=postgres");
	}

	@Test
	void servers62AndLaterAreAccepted() {
		assertThat(RedisSyncDriver.unsupported(info("redis_version", "6.2.0"))).isNull();
		assertThat(RedisSyncDriver.unsupported(info("redis_version", "7.0.15"))).isNull();
		assertThat(RedisSyncDriver.unsupported(info("redis_version", "10.0.0"))).isNull();
	}

	@Test
	void everyNodeOfAClusterIsChecked() {
		Properties info = info("127.0.0.1:7000.redis_version", "7.2.4");
		info.setProperty("127.0.0.1:7001.redis_version", "5.0.7");
		assertThat(RedisSyncDriver.unsupported(info)).isNotNull();
	}

	@Test
	void aVersionThatCannotBeReadIsNotAReasonToRefuseTheServer() {
		assertThat(RedisSyncDriver.unsupported(new Properties())).isNull();
		assertThat(RedisSyncDriver.unsupported(info("redis_version", "unstable"))).isNull();
	}

	@Test
	void errorRepliesArePermanentUnlessTheySayNotNow() {
		assertThat(RedisSyncDriver.isPermanentReply("ERR syntax error")).isTrue();
		assertThat(RedisSyncDriver.isPermanentReply("NOPERM this user has no permissions to run the 'xadd' command"))
			.isTrue();
		assertThat(
				RedisSyncDriver.isPermanentReply("WRONGTYPE Operation against a key holding the wrong kind of value"))
			.isTrue();
		assertThat(RedisSyncDriver.isPermanentReply("LOADING Redis is loading the dataset in memory")).isFalse();
		assertThat(RedisSyncDriver.isPermanentReply("BUSY Redis is busy running a script")).isFalse();
		assertThat(RedisSyncDriver.isPermanentReply("READONLY You can't write against a read only replica.")).isFalse();
		assertThat(RedisSyncDriver
			.isPermanentReply("ERR Error running script (call to f_1): @user_script:4: -OOM command not allowed"))
			.isFalse();
		assertThat(RedisSyncDriver.isPermanentReply(null)).isFalse();
	}

	private static Properties info(String key, String value) {
		Properties info = new Properties();
		info.setProperty(key, value);
		return info;
	}

}
