//! `pdesk accounts`: the accounts on this computer — several portals, and
//! several addresses at one portal, side by side, each with its own session
//! in the keyring and its own local data — and choosing or removing one.

use clap::Subcommand;
use portal_client::{Core, Error};

/// `pdesk accounts …`.
#[derive(Subcommand)]
pub enum AccountsCommand {
    /// List the accounts (the default); `*` marks the current one.
    List,
    /// Make an account the current one: the one commands use without
    /// `--account`.
    Use {
        /// EMAIL@ORIGIN as listed, or the e-mail address alone when only
        /// one account uses it.
        account: String,
    },
    /// Remove an account from this computer: its session in the keyring
    /// and its place in the list (run `pdesk --account … logout` first to
    /// end the session on the portal too).
    Remove {
        /// EMAIL@ORIGIN as listed, or the e-mail address alone.
        account: String,
        /// Also delete what is kept of it here (cached lists, the
        /// library's records); files saved into your folders stay.
        #[arg(long)]
        delete_data: bool,
    },
}

/// Runs `pdesk accounts` with `command` (listing when `None`).
pub async fn run(core: &Core, command: Option<AccountsCommand>) -> Result<(), Error> {
    match command.unwrap_or(AccountsCommand::List) {
        AccountsCommand::List => list(core).await,
        AccountsCommand::Use { account } => {
            let account = core.use_account(&account)?;
            println!(
                "Now using {} <{}> at {}.",
                account.display_name, account.email, account.origin
            );
            Ok(())
        }
        AccountsCommand::Remove {
            account,
            delete_data,
        } => {
            let account = core.accounts()?.select(&account)?.clone();
            core.remove_account(&account, delete_data).await?;
            println!(
                "Removed {}@{}{}.",
                account.email,
                account.origin,
                if delete_data {
                    ", and what was kept of it on this computer"
                } else {
                    ""
                }
            );
            Ok(())
        }
    }
}

async fn list(core: &Core) -> Result<(), Error> {
    let book = core.accounts()?;
    if book.accounts.is_empty() {
        println!("No accounts yet: sign in with `pdesk --portal URL login`.");
        return Ok(());
    }
    for account in &book.accounts {
        let current = book.current.as_deref() == Some(account.id.as_str());
        let signed_in = match core.has_kept_session(account).await {
            Ok(true) => "signed in",
            Ok(false) => "signed out",
            Err(_) => "the keyring cannot be read",
        };
        println!(
            "{} {}@{}  {}  ({signed_in})",
            if current { "*" } else { " " },
            account.email,
            account.origin,
            account.display_name
        );
    }
    Ok(())
}
