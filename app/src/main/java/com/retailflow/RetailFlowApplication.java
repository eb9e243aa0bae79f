package com.retailflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one deployable. Every module's package sits below this one, so Spring Modulith sees catalog,
 * inventory, checkout, orders, identity, proxy and legacy adapter as application modules.
 */
@Modulithic(systemName = "RetailFlow", sharedModules = "kernel")
@SpringBootApplication
@EnableScheduling
public class RetailFlowApplication {

	public static void main(String[] args) {
		SpringApplication.run(RetailFlowApplication.class, args);
	}
}
