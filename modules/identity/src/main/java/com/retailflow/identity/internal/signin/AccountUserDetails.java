package com.retailflow.identity.internal.signin;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.Email;
import com.retailflow.identity.InvalidAccountData;
import com.retailflow.identity.Role;
import com.retailflow.identity.internal.accounts.Account;
import com.retailflow.identity.internal.accounts.AccountPasswords;
import com.retailflow.identity.internal.accounts.Accounts;

/**
 * Accounts as Spring Security users. Looked up by what was typed (shoppers: the e-mail; admins: their admin name or
 * e-mail); the resulting user's name is the account id, so the session's principal never changes when the e-mail does. {@link #updatePassword} is what
 * {@code DaoAuthenticationProvider} calls after a successful sign-in with an upgradable hash ({@code {legacy-md5}}).
 *
 * <p>Not a bean: a {@code UserDetailsService} bean would become the default for every other security chain.
 */
class AccountUserDetails implements UserDetailsService, UserDetailsPasswordService {

	private static final Pattern ADMIN_NAME = Pattern.compile("[^@\\p{Cntrl}\\s]{1,64}");

	private final AccountPasswords upgrades;
	private final Function<String, Optional<Account>> lookup;
	private final Predicate<Account> eligible;
	private final TransactionTemplate transactions;

	private AccountUserDetails(AccountPasswords upgrades, Function<String, Optional<Account>> lookup,
			Predicate<Account> eligible, TransactionTemplate transactions) {
		this.upgrades = upgrades;
		this.lookup = lookup;
		this.eligible = eligible;
		this.transactions = transactions;
	}

	/** Every account, by the e-mail typed. */
	static AccountUserDetails shoppers(Accounts accounts, AccountPasswords upgrades, TransactionTemplate transactions) {
		return new AccountUserDetails(upgrades, typed -> byEmail(accounts, typed), account -> true,
				transactions);
	}

	/** ADMIN accounts only, by their admin sign-in name or, when what was typed has an {@code @}, their e-mail. */
	static AccountUserDetails admins(Accounts accounts, AccountPasswords upgrades, TransactionTemplate transactions) {
		return new AccountUserDetails(upgrades, typed -> typed.indexOf('@') >= 0 ? byEmail(accounts, typed)
				: byAdminName(accounts, typed), account -> account.roles().contains(Role.ADMIN), transactions);
	}

	private static Optional<Account> byEmail(Accounts accounts, String typed) {
		try {
			return accounts.findByEmail(Email.of(typed).value());
		}
		catch (InvalidAccountData ex) {
			return Optional.empty();
		}
	}

	private static Optional<Account> byAdminName(Accounts accounts, String typed) {
		String name = typed.strip().toLowerCase(Locale.ROOT);
		// what a database text cannot hold (NUL) or no admin name has is nobody, not an error
		return ADMIN_NAME.matcher(name).matches() ? accounts.findByUsername(name) : Optional.empty();
	}

	@Override
	public UserDetails loadUserByUsername(String typed) {
		Account account = transactions.execute(status -> lookup.apply(typed).filter(eligible).orElse(null));
		if (account == null) {
			throw new UsernameNotFoundException("no such account");
		}
		return User.withUsername(account.accountId().toString())
			.password(account.passwordHash())
			.roles(account.roles().stream().map(Enum::name).toArray(String[]::new))
			.build();
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		upgrades.upgrade(UUID.fromString(user.getUsername()), newPassword, Clock.systemUTC().instant());
		return User.withUserDetails(user).password(newPassword).build();
	}
}
