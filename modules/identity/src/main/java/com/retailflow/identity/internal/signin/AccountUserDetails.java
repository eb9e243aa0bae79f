package com.retailflow.identity.internal.signin;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.Email;
import com.retailflow.identity.InvalidAccountData;
import com.retailflow.identity.internal.accounts.Account;
import com.retailflow.identity.internal.accounts.AccountPasswords;
import com.retailflow.identity.internal.accounts.Accounts;

/**
 * Accounts as Spring Security users. Looked up by the e-mail the shopper typed; the resulting user's name is the
 * account id, so the session's principal never changes when the e-mail does. {@link #updatePassword} is what
 * {@code DaoAuthenticationProvider} calls after a successful sign-in with an upgradable hash ({@code {legacy-md5}}).
 *
 * <p>Not a bean: a {@code UserDetailsService} bean would become the default for every other security chain.
 */
class AccountUserDetails implements UserDetailsService, UserDetailsPasswordService {

	private final Accounts accounts;
	private final AccountPasswords upgrades;
	private final Predicate<Account> eligible;
	private final TransactionTemplate transactions;

	AccountUserDetails(Accounts accounts, AccountPasswords upgrades, Predicate<Account> eligible,
			TransactionTemplate transactions) {
		this.accounts = accounts;
		this.upgrades = upgrades;
		this.eligible = eligible;
		this.transactions = transactions;
	}

	@Override
	public UserDetails loadUserByUsername(String typedEmail) {
		Email email;
		try {
			email = Email.of(typedEmail);
		}
		catch (InvalidAccountData ex) {
			throw new UsernameNotFoundException("not an e-mail address");
		}
		Account account = transactions.execute(status -> accounts.findByEmail(email.value()).filter(eligible).orElse(null));
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
