package com.retailflow.inventory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the current thread sends while {@link #count counting}: the proof that a hot-path read is
 * one query however many SKUs it covers. Wraps the application's {@link DataSource}; all else passes through.
 */
public class SqlStatements implements BeanPostProcessor {

	private static final Set<String> STATEMENTS = Set.of("prepareStatement", "createStatement", "prepareCall");

	private final ThreadLocal<AtomicInteger> counter = new ThreadLocal<>();

	/** Runs {@code action} and returns the number of statements it prepared on this thread. */
	public int count(Runnable action) {
		var statements = new AtomicInteger();
		counter.set(statements);
		try {
			action.run();
		}
		finally {
			counter.remove();
		}
		return statements.get();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			return proxy(DataSource.class, dataSource, (target, method, args) -> {
				Object result = invoke(target, method, args);
				return result instanceof Connection connection ? proxy(Connection.class, connection, this::onConnection) : result;
			});
		}
		return bean;
	}

	private Object onConnection(Object target, Method method, Object[] args) throws Throwable {
		var statements = counter.get();
		if (statements != null && STATEMENTS.contains(method.getName())) {
			statements.incrementAndGet();
		}
		return invoke(target, method, args);
	}

	private interface Handler {

		Object handle(Object target, Method method, Object[] args) throws Throwable;
	}

	private static <T> T proxy(Class<T> type, T target, Handler handler) {
		InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, invocation));
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}
}
