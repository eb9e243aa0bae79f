package com.retailflow.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Resubmits incomplete event publications — a listener that failed, or whose instance died before it completed — on
 * one instance of the cluster at a time ({@link EventResubmissionJob}). Off with
 * {@code retailflow.events.resubmission.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(IncompleteEventPublications.class)
@ConditionalOnBooleanProperty(name = "retailflow.events.resubmission.enabled", matchIfMissing = true)
@ConditionalOnProperty("spring.datasource.url")
@EnableConfigurationProperties(EventResubmissionSettings.class)
public class EventResubmission {

	/** "RFEVTS" in ASCII: the advisory lock key of the event resubmission. */
	static final long LOCK_KEY = 0x5246_4556_5453L;

	@Bean
	EventResubmissionJob eventResubmissionJob(ObjectProvider<IncompleteEventPublications> publications,
			EventResubmissionSettings settings, Environment environment) {
		return new EventResubmissionJob(publications, settings,
				new ClusterLock("event publication resubmission", LOCK_KEY, environment));
	}
}
