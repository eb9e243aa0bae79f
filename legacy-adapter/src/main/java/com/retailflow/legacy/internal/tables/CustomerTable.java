package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.LegacyCustomer;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Legacy {@code customers} ↔ identity's accounts, keyed by the legacy id. The md5 password travels as legacy keeps it
 * and identity stores it wrapped ({@code {legacy-md5}} + Argon2id, ADR 0035), so importing a new customer costs one
 * Argon2id; a change of a known one costs one only if its md5 changed (identity keeps a keyed fingerprint of it).
 * Reconciliation compares what both sides can show: the id, the e-mail as identity normalises it and the
 * name. The password cannot be compared (identity's hash is salted); a legacy password change reaches identity through
 * the change stream like any other change. Legacy's own registrations, and rows the write-back created
 * ({@code CustomerWriteBack}, never captured), are matched by legacy id or, for the latter, by e-mail.
 */
@Component
@Order(4) // before orders, whose rows name their customer
class CustomerTable implements TableMapping<CustomerTable.Row, LegacyCustomer, Long> {

	/** A {@code customers} row as read (utf8mb4 columns: no byte decoding needed). */
	record Row(long id, String email, String name, String password, LocalDateTime createdAt) {
	}

	private final IdentityManagement identity;

	CustomerTable(IdentityManagement identity) {
		this.identity = identity;
	}

	@Override
	public String module() {
		return "identity";
	}

	@Override
	public String table() {
		return "customers";
	}

	@Override
	public String columns() {
		return "cu.id, cu.email, cu.name, cu.password, cu.created_at";
	}

	@Override
	public String from() {
		return "customers cu";
	}

	@Override
	public String idColumn() {
		return "cu.id";
	}

	@Override
	public Row row(ResultSet rs) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getString("password"),
				rs.getObject("created_at", LocalDateTime.class));
	}

	@Override
	public long id(Row row) {
		return row.id();
	}

	@Override
	public LegacyCustomer translate(Row row) {
		try {
			return new LegacyCustomer(row.id(), row.email(), row.name(), row.password(),
					row.createdAt().toInstant(ZoneOffset.UTC));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new UntranslatableRow(ex.getMessage() == null ? "incomplete customer row" : ex.getMessage());
		}
	}

	@Override
	public ReconciliationKey<Long> key() {
		return ReconciliationKey.number("cu.id");
	}

	@Override
	public Long key(Row row) {
		return row.id();
	}

	@Override
	public long digest(LegacyCustomer customer) {
		return digest(customer.legacyId(), customer.normalisedEmail().value(), customer.name());
	}

	private static long digest(long legacyId, String email, String name) {
		return RangeChecksum.digest(String.valueOf(legacyId), email, name);
	}


	@Override
	public void upsert(LegacyCustomer customer) {
		identity.importLegacyCustomer(customer);
	}

	@Override
	public Runnable removal(long id) {
		return () -> identity.removeLegacyCustomer(id);
	}


	@Override
	public Map<Long, Long> newDigests(@Nullable Long from, @Nullable Long to) {
		Map<Long, Long> digests = new LinkedHashMap<>();
		for (AccountDetails account : identity.legacyCustomerAccounts(from, to)) {
			Long legacyId = account.legacyId();
			if (legacyId != null) {
				digests.put(legacyId, digest(legacyId, account.email().value(), account.name()));
			}
		}
		return digests;
	}
}
