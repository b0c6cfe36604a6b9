//! `pdesk contacts`: an organization's contacts and roles on the command
//! line: list them, send one batch of changes (requested or applied,
//! depending on the organization's policy), show and cancel the waiting
//! request.

use crate::outbox::or_queue;
use clap::Subcommand;
use portal_api::contacts::{
    Contact, ContactChange, ContactChangeOutcome, ContactChangeRequest, ContactDirectory,
    NewContact,
};
use portal_client::contacts::BatchResult;
use portal_client::outbox::OutboxChange;
use portal_client::{Error, Session};

use crate::printable;

/// `pdesk contacts ...`.
#[derive(Subcommand)]
pub enum ContactsCommand {
    /// List an organization's contacts with their roles.
    List {
        /// The organization (see `pdesk roles`).
        #[arg(long, value_name = "ID")]
        org: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Send one batch of changes: requested from support under the review
    /// policy, applied at once under the direct policy. All or nothing.
    Change {
        /// The organization (see `pdesk roles`).
        #[arg(long, value_name = "ID")]
        org: i64,
        /// Give a contact a role (repeat for more).
        #[arg(long, value_name = "EMAIL:ROLE")]
        grant: Vec<String>,
        /// Take a role from a contact (repeat for more).
        #[arg(long, value_name = "EMAIL:ROLE")]
        revoke: Vec<String>,
        /// Add a contact with roles; the name comes from `First Last <EMAIL>`
        /// or from an address like first.last@example.com.
        #[arg(long, value_name = "EMAIL:ROLE[,ROLE]")]
        add: Vec<String>,
        /// Remove a contact (repeat for more).
        #[arg(long, value_name = "EMAIL")]
        remove: Vec<String>,
    },
    /// Show the change request waiting for support, if any.
    Pending {
        /// The organization (see `pdesk roles`).
        #[arg(long, value_name = "ID")]
        org: i64,
    },
    /// Cancel the change request you raised.
    Cancel {
        /// The organization (see `pdesk roles`).
        #[arg(long, value_name = "ID")]
        org: i64,
    },
}

/// Runs a `contacts` command.
pub async fn contacts(
    session: &Session,
    command: ContactsCommand,
    queue: bool,
) -> Result<(), Error> {
    match command {
        ContactsCommand::List { org, json } => {
            let (directory, _) = session.contacts(org).await?;
            if json {
                crate::print_json(&directory);
            } else {
                print_directory(&directory);
            }
            Ok(())
        }
        ContactsCommand::Change {
            org,
            grant,
            revoke,
            add,
            remove,
        } => {
            let (changes, labels) = batch(&grant, &revoke, &add, &remove)?;
            let etag = match session.contacts(org).await {
                Ok((_, etag)) => etag,
                // Queued, the batch is made on the list as last fetched.
                Err(error) if queue && error.is_offline() => session
                    .cached_contacts(org)?
                    .and_then(|kept| kept.etag)
                    .ok_or(error)?,
                Err(error) => return Err(error),
            };
            let outcome = session.send_contact_changes(org, &changes, &etag).await;
            let outcome = match or_queue(session, queue, outcome, || OutboxChange::ContactChanges {
                organization_id: org,
                changes: changes.clone(),
                based_on: etag.clone(),
            }) {
                Ok(None) => return Ok(()),
                Ok(Some(result)) => Ok(result),
                Err(error) => Err(error),
            };
            match outcome {
                Ok(BatchResult::Done(ContactChangeOutcome::Requested { request })) => {
                    println!(
                        "Requested as ticket #{}: support applies the changes; until then `pdesk contacts pending --org {org}` shows them.",
                        request.ticket_id
                    );
                    Ok(())
                }
                Ok(BatchResult::Done(ContactChangeOutcome::Applied {
                    applied,
                    signed_out,
                })) => {
                    println!("Applied {applied} change(s).");
                    if signed_out {
                        println!(
                            "Your own address changed, so you were signed out: sign in again with the new address."
                        );
                    }
                    Ok(())
                }
                Ok(BatchResult::Stale { what_changed, .. }) => Err(Error::Conflict {
                    message: format!(
                        "The contacts changed while the batch was sent, so nothing was changed: {} Run the command again.",
                        what_changed.join(" ")
                    ),
                    current_etag: None,
                }),
                Err(Error::Validation { fields, .. }) if !fields.is_empty() => {
                    let reasons: Vec<String> = fields
                        .iter()
                        .map(|field| {
                            let label = field
                                .field
                                .strip_prefix("changes[")
                                .and_then(|rest| rest.split(']').next())
                                .and_then(|index| index.parse::<usize>().ok())
                                .and_then(|index| labels.get(index))
                                .cloned()
                                .unwrap_or_else(|| field.field.clone());
                            format!("{label}: {}", field.message)
                        })
                        .collect();
                    Err(Error::Validation {
                        message: format!("Nothing was changed. {}", reasons.join("; ")),
                        fields: Vec::new(),
                    })
                }
                Err(error) => Err(error),
            }
        }
        ContactsCommand::Pending { org } => {
            let (directory, _) = session.contacts(org).await?;
            match &directory.pending {
                Some(request) => print_pending(&directory, request),
                None => println!(
                    "No change request waits for {}.",
                    printable(&directory.organization.name)
                ),
            }
            Ok(())
        }
        ContactsCommand::Cancel { org } => {
            let (directory, _) = session.contacts(org).await?;
            let Some(request) = directory.pending else {
                return Err(Error::Portal {
                    status: 404,
                    code: "not_found".into(),
                    message: format!(
                        "No change request waits for {}.",
                        directory.organization.name
                    ),
                });
            };
            session.cancel_contact_request(org, request.id).await?;
            println!(
                "Cancelled request #{} (ticket #{}).",
                request.id, request.ticket_id
            );
            Ok(())
        }
    }
}

/// The batch the flags name, with each change's flag for messages.
fn batch(
    grant: &[String],
    revoke: &[String],
    add: &[String],
    remove: &[String],
) -> Result<(Vec<ContactChange>, Vec<String>), Error> {
    let mut changes = Vec::new();
    let mut labels = Vec::new();
    for value in grant {
        let (contact, role) = split_pair("--grant", value)?;
        changes.push(ContactChange::GrantRole { contact, role });
        labels.push(format!("--grant {value}"));
    }
    for value in revoke {
        let (contact, role) = split_pair("--revoke", value)?;
        changes.push(ContactChange::RevokeRole { contact, role });
        labels.push(format!("--revoke {value}"));
    }
    for value in add {
        changes.push(new_contact(value)?);
        labels.push(format!("--add {value}"));
    }
    for value in remove {
        changes.push(ContactChange::RemoveContact {
            contact: value.trim().to_owned(),
        });
        labels.push(format!("--remove {value}"));
    }
    if changes.is_empty() {
        return Err(usage(
            "Name at least one change: --grant, --revoke, --add or --remove.",
        ));
    }
    Ok((changes, labels))
}

fn split_pair(flag: &str, value: &str) -> Result<(String, String), Error> {
    match value.rsplit_once(':') {
        Some((contact, role)) if !contact.trim().is_empty() && !role.trim().is_empty() => {
            Ok((contact.trim().to_owned(), role.trim().to_owned()))
        }
        _ => Err(usage(&format!(
            "{flag} {value}: write it as EMAIL:ROLE, e.g. {flag} lee@example.com:Management."
        ))),
    }
}

/// `EMAIL:ROLE[,ROLE]` or `First Last <EMAIL>:ROLE[,ROLE]`.
fn new_contact(value: &str) -> Result<ContactChange, Error> {
    let (who, roles) = split_pair("--add", value)?;
    let roles: Vec<String> = roles
        .split(',')
        .map(str::trim)
        .filter(|role| !role.is_empty())
        .map(str::to_owned)
        .collect();
    let (name, email) = match who.split_once('<') {
        Some((name, rest)) => (
            name.trim().to_owned(),
            rest.trim_end_matches('>').trim().to_owned(),
        ),
        None => (String::new(), who.clone()),
    };
    let name = if name.is_empty() {
        email
            .split('@')
            .next()
            .unwrap_or_default()
            .split(['.', '_', '-'])
            .filter(|part| !part.is_empty())
            .map(capitalized)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        name
    };
    let Some((first_name, last_name)) = name.rsplit_once(' ') else {
        return Err(usage(&format!(
            "--add {value}: give the name too, e.g. --add 'Nina Park <{email}>:ROLE'."
        )));
    };
    Ok(ContactChange::AddContact {
        details: NewContact {
            email,
            first_name: first_name.trim().to_owned(),
            last_name: last_name.trim().to_owned(),
            office_phone: None,
            mobile_phone: None,
        },
        roles,
        customers: Vec::new(),
    })
}

fn capitalized(part: &str) -> String {
    let mut chars = part.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn usage(message: &str) -> Error {
    Error::Validation {
        message: message.to_owned(),
        fields: Vec::new(),
    }
}

fn print_directory(directory: &ContactDirectory) {
    println!(
        "{} ({} policy: {})",
        printable(&directory.organization.name),
        directory.organization.policy.as_str(),
        match directory.organization.policy {
            portal_api::contacts::ContactPolicy::Review => "changes are requested from support",
            portal_api::contacts::ContactPolicy::Direct => "changes apply at once",
        }
    );
    for contact in &directory.contacts {
        println!("{}", contact_line(directory, contact));
    }
    if let Some(request) = &directory.pending {
        println!();
        print_pending(directory, request);
    }
}

fn contact_line(directory: &ContactDirectory, contact: &Contact) -> String {
    let mut line = format!(
        "{} {} <{}>  {}",
        printable(&contact.first_name),
        printable(&contact.last_name),
        printable(&contact.email),
        printable(&contact.roles.join(", "))
    );
    if !contact.customers.is_empty() {
        let names: Vec<String> = contact
            .customers
            .iter()
            .map(|id| directory.customer_name(*id))
            .collect();
        line.push_str(&format!("  customers: {}", printable(&names.join(", "))));
    }
    if contact.you {
        line.push_str("  (you)");
    }
    if contact.invited {
        line.push_str("  (invited, has not accepted yet)");
    } else if !contact.active {
        line.push_str("  (not activated yet)");
    }
    line
}

fn print_pending(directory: &ContactDirectory, request: &ContactChangeRequest) {
    println!(
        "Request #{} (ticket #{}) by {}, waiting for support:",
        request.id,
        request.ticket_id,
        printable(&request.requested_by)
    );
    for change in &request.changes {
        println!(
            "  {}",
            printable(&change.describe(|id| directory.customer_name(id)))
        );
    }
    println!("Requested contacts:");
    for contact in &request.requested {
        println!("  {}", contact_line(directory, contact));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_become_one_batch_in_order() {
        let (changes, labels) = batch(
            &["lee@example.com:Cust. Admin.".into()],
            &[],
            &[
                "nina.park@example.com:Technical Contact,Accounts Payable".into(),
                "Ana María López <ana@example.com>:Management".into(),
            ],
            &["priya@example.com".into()],
        )
        .unwrap();
        assert_eq!(changes.len(), 4);
        assert_eq!(
            labels[1],
            "--add nina.park@example.com:Technical Contact,Accounts Payable"
        );
        let ContactChange::AddContact { details, roles, .. } = &changes[1] else {
            panic!("an addition");
        };
        assert_eq!(
            (details.first_name.as_str(), details.last_name.as_str()),
            ("Nina", "Park")
        );
        assert_eq!(roles, &["Technical Contact", "Accounts Payable"]);
        let ContactChange::AddContact { details, .. } = &changes[2] else {
            panic!("an addition");
        };
        assert_eq!(details.email, "ana@example.com");
        assert_eq!(
            (details.first_name.as_str(), details.last_name.as_str()),
            ("Ana María", "López")
        );
        assert!(batch(&[], &[], &[], &[]).is_err());
        assert!(batch(&["no-role".into()], &[], &[], &[]).is_err());
        assert!(batch(&[], &[], &["solo@example.com:User".into()], &[]).is_err());
    }
}
