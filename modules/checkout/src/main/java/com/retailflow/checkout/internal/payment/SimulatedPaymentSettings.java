package com.retailflow.checkout.internal.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code retailflow.checkout.payment.simulated.*}: how the simulated provider behaves, for demos, tests and
 * benchmarks. Test cards decide one charge's fate whatever the rates (docs/runbooks/checkout.md lists them).
 *
 * @param latency how long every call takes
 * @param declineRate share of other cards declined, 0 to 1
 * @param timeoutBeforeChargeRate share of authorizations that time out before anything is charged
 * @param timeoutAfterChargeRate share that charge and then lose the answer (the ambiguous case)
 */
@ConfigurationProperties("retailflow.checkout.payment.simulated")
record SimulatedPaymentSettings(@DefaultValue("20ms") Duration latency, @DefaultValue("0") double declineRate,
		@DefaultValue("0") double timeoutBeforeChargeRate, @DefaultValue("0") double timeoutAfterChargeRate) {

	SimulatedPaymentSettings {
		for (double rate : new double[] { declineRate, timeoutBeforeChargeRate, timeoutAfterChargeRate }) {
			if (rate < 0 || rate > 1) {
				throw new IllegalArgumentException("retailflow.checkout.payment.simulated rates are 0 to 1, not " + rate);
			}
		}
		if (latency.isNegative()) {
			throw new IllegalArgumentException("retailflow.checkout.payment.simulated.latency cannot be negative");
		}
	}
}
