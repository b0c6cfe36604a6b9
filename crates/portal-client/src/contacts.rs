//! Contacts: an organization's contact list (cached for offline reading,
//! refreshed with `If-None-Match`), batches of changes sent on the version
//! they were built on, what changed when that version is stale, change
//! requests cancelled, and password resets by an administrator.

use portal_api::contacts::{
    Contact, ContactChange, ContactChangeBatch, ContactChangeOutcome, ContactDirectory,
    ContactPasswordReset, ContactPasswordResetDone, ContactPolicy, MANAGE_CONTACTS_GRANT,
};
use portal_api::paths::{
    contact_change_cancel_path, contact_changes_path, contact_password_reset_path,
    organization_contacts_path,
};
use portal_i18n::text;
use reqwest::header::{IF_MATCH, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};

use crate::PortalRole;
use crate::error::{Error, Result};
use crate::http::{ApiRequest, etag_of};
use crate::local_store::Cached;
use crate::session::Session;

fn contacts_key(organization_id: i64) -> String {
    format!("contacts:{organization_id}")
}

/// An organization whose contacts the user may manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedOrganization {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// `review` or `direct`.
    pub policy: ContactPolicy,
}

/// What sending a batch came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchResult {
    /// The portal took it (requested or applied).
    Done(ContactChangeOutcome),
    /// The list changed since the batch was built: nothing was sent on;
    /// here is the list now and, for people, what changed.
    Stale {
        /// The contact list as it is now.
        directory: ContactDirectory,
        /// Its ETag, to send the batch again on.
        etag: String,
        /// One line per difference from the list the batch was built on.
        what_changed: Vec<String>,
        /// The addresses of the contacts those differences are about (an
        /// empty one for the list as a whole); `None` when the list the
        /// batch was built on is not known here.
        changed_contacts: Option<Vec<String>>,
    },
}

/// The organizations where one of `roles` grants managing contacts, by
/// name.
pub fn managed_organizations(roles: &[PortalRole]) -> Vec<ManagedOrganization> {
    let mut organizations: Vec<ManagedOrganization> = Vec::new();
    for role in roles {
        let manages = role
            .grants
            .iter()
            .any(|grant| grant == MANAGE_CONTACTS_GRANT);
        if !manages
            || organizations
                .iter()
                .any(|known| known.id == role.organization_id)
        {
            continue;
        }
        organizations.push(ManagedOrganization {
            id: role.organization_id,
            name: role.organization.clone(),
            policy: ContactPolicy::parse(&role.policy).unwrap_or(ContactPolicy::Review),
        });
    }
    organizations.sort_by(|a, b| a.name.cmp(&b.name));
    organizations
}

impl Session {
    /// Fetches the organization's contact list (a 304 against the cached
    /// copy answers the cached copy) and caches it; answers it with its
    /// ETag, which a batch names.
    pub async fn contacts(&self, organization_id: i64) -> Result<(ContactDirectory, String)> {
        let cached = self.cached_contacts(organization_id)?;
        let cached_etag = cached.as_ref().and_then(|cached| cached.etag.clone());
        let path = organization_contacts_path(organization_id);
        let response = self
            .send_authorized(|| {
                let request = ApiRequest::new(Method::GET, &path);
                match &cached_etag {
                    Some(etag) => request.header(IF_NONE_MATCH, etag),
                    None => Ok(request),
                }
            })
            .await?;
        if response.status() == StatusCode::NOT_MODIFIED
            && let Some(Cached {
                value,
                etag: Some(etag),
                ..
            }) = cached
        {
            return Ok((value, etag));
        }
        let etag = etag_of(&response);
        let directory: ContactDirectory = self.http.read_json(response).await?;
        let etag = etag.ok_or_else(|| Error::NotAPortal {
            origin: self.http.portal().origin(),
            what: "a contact list without an ETag".into(),
        })?;
        self.store
            .save_cached(&contacts_key(organization_id), &directory, Some(&etag))?;
        Ok((directory, etag))
    }

    /// The organization's contact list as last fetched, without the network.
    pub fn cached_contacts(
        &self,
        organization_id: i64,
    ) -> Result<Option<Cached<ContactDirectory>>> {
        self.store.cached(&contacts_key(organization_id))
    }

    /// Sends one batch built on the list version `based_on`. A stale
    /// version sends nothing on and answers what changed since that
    /// version (when it is the cached one; otherwise no lines). When the batch signed the
    /// user out (their own address changed), the session here ends too.
    pub async fn send_contact_changes(
        &self,
        organization_id: i64,
        changes: &[ContactChange],
        based_on: &str,
    ) -> Result<BatchResult> {
        let built_on = self.cached_contacts(organization_id)?;
        let path = contact_changes_path(organization_id);
        let batch = ContactChangeBatch {
            changes: changes.to_vec(),
        };
        let response = self
            .send_authorized(|| {
                ApiRequest::new(Method::POST, &path)
                    .json(&batch)?
                    .header(IF_MATCH, based_on)
            })
            .await?;
        let outcome: ContactChangeOutcome = match self.http.read_json(response).await {
            Ok(outcome) => outcome,
            Err(Error::Conflict { .. }) => {
                let (directory, etag) = self.contacts(organization_id).await?;
                let (what_changed, changed_contacts) = match &built_on {
                    Some(before) if before.etag.as_deref() == Some(based_on) => (
                        what_changed(&before.value, &directory),
                        Some(changed_contacts(&before.value, &directory)),
                    ),
                    _ => (Vec::new(), None),
                };
                return Ok(BatchResult::Stale {
                    directory,
                    etag,
                    what_changed,
                    changed_contacts,
                });
            }
            Err(error) => return Err(error),
        };
        if let ContactChangeOutcome::Applied {
            signed_out: true, ..
        } = outcome
        {
            self.sign_out().await?;
        } else {
            // Best effort: the list is fetched again when next shown.
            let _ = self.contacts(organization_id).await;
        }
        Ok(BatchResult::Done(outcome))
    }

    /// Cancels the organization's change request `request_id` (only its
    /// requester may, only while it waits).
    pub async fn cancel_contact_request(
        &self,
        organization_id: i64,
        request_id: i64,
    ) -> Result<()> {
        let path = contact_change_cancel_path(organization_id, request_id);
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::POST, &path)))
            .await?;
        if !response.status().is_success() {
            return Err(self.http.error_from(response).await);
        }
        Ok(())
    }

    /// E-mails the contact `email` a link to choose a new password; their
    /// sessions end. Resetting one's own password ends this session too.
    pub async fn reset_contact_password(
        &self,
        organization_id: i64,
        email: &str,
    ) -> Result<ContactPasswordResetDone> {
        let path = contact_password_reset_path(organization_id);
        let body = ContactPasswordReset {
            contact: email.to_owned(),
        };
        let response = self
            .send_authorized(|| ApiRequest::new(Method::POST, &path).json(&body))
            .await?;
        let done: ContactPasswordResetDone = self.http.read_json(response).await?;
        if done.signed_out {
            self.sign_out().await?;
        }
        Ok(done)
    }
}

/// What differs between two versions of a contact list, one line each for
/// people: contacts added or removed, roles, details, customers and a
/// change request raised, applied or cancelled.
pub fn what_changed(before: &ContactDirectory, now: &ContactDirectory) -> Vec<String> {
    differences(before, now)
        .into_iter()
        .map(|(_, line)| line)
        .collect()
}

/// The addresses of the contacts that differ between two versions of a
/// contact list (added, removed or changed in any way [`what_changed`]
/// tells): a batch naming none of them does not conflict with the change.
pub fn changed_contacts(before: &ContactDirectory, now: &ContactDirectory) -> Vec<String> {
    let mut emails: Vec<String> = differences(before, now)
        .into_iter()
        .map(|(email, _)| email)
        .collect();
    emails.dedup();
    emails
}

/// Each difference, with the address of the contact it is about (empty
/// for one about the whole list: a request raised or settled, the roles).
fn differences(before: &ContactDirectory, now: &ContactDirectory) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let find = |list: &[Contact], email: &str| {
        list.iter()
            .find(|contact| contact.email.eq_ignore_ascii_case(email))
            .cloned()
    };
    for contact in &now.contacts {
        let Some(old) = find(&before.contacts, &contact.email) else {
            lines.push((
                contact.email.clone(),
                text(
                    "contacts-was-added",
                    &[
                        ("name", full_name(contact).into()),
                        ("email", (&contact.email).into()),
                        ("roles", contact.roles.join(", ").into()),
                    ],
                ),
            ));
            continue;
        };
        if old.roles != contact.roles {
            lines.push((
                contact.email.clone(),
                text(
                    "contacts-roles-changed",
                    &[
                        ("name", full_name(contact).into()),
                        ("before", list_or_none(&old.roles).into()),
                        ("after", list_or_none(&contact.roles).into()),
                    ],
                ),
            ));
        }
        let details = |c: &Contact| {
            (
                c.first_name.clone(),
                c.last_name.clone(),
                c.office_phone.clone(),
                c.mobile_phone.clone(),
            )
        };
        if details(&old) != details(contact) {
            lines.push((
                contact.email.clone(),
                text(
                    "contacts-details-changed",
                    &[("name", full_name(contact).into())],
                ),
            ));
        }
        if old.customers != contact.customers {
            lines.push((
                contact.email.clone(),
                text(
                    "contacts-customers-changed",
                    &[("name", full_name(contact).into())],
                ),
            ));
        }
        if old.notifications != contact.notifications {
            lines.push((
                contact.email.clone(),
                text(
                    "contacts-notifications-changed",
                    &[("name", full_name(contact).into())],
                ),
            ));
        }
        if old.active != contact.active && contact.active {
            lines.push((
                contact.email.clone(),
                text("contacts-activated", &[("name", full_name(contact).into())]),
            ));
        }
    }
    for contact in &before.contacts {
        if find(&now.contacts, &contact.email).is_none() {
            lines.push((
                contact.email.clone(),
                text(
                    "contacts-no-longer",
                    &[
                        ("name", full_name(contact).into()),
                        ("email", (&contact.email).into()),
                    ],
                ),
            ));
        }
    }
    match (&before.pending, &now.pending) {
        (None, Some(request)) => lines.push((
            String::new(),
            text(
                "contacts-request-made",
                &[
                    ("who", (&request.requested_by).into()),
                    ("ticket", request.ticket_id.to_string().into()),
                ],
            ),
        )),
        (Some(request), None) => lines.push((
            String::new(),
            text(
                "contacts-request-done",
                &[("ticket", request.ticket_id.to_string().into())],
            ),
        )),
        _ => {}
    }
    if before.roles != now.roles {
        lines.push((String::new(), text("contacts-roles-catalogue-changed", &[])));
    }
    lines
}

fn full_name(contact: &Contact) -> String {
    format!("{} {}", contact.first_name, contact.last_name)
        .trim()
        .to_owned()
}

fn list_or_none(roles: &[String]) -> String {
    if roles.is_empty() {
        text("contacts-no-roles", &[])
    } else {
        roles.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use portal_api::contacts::{ContactOrganization, Customer};
    use portal_api::settings::NotificationDigest;

    use super::*;

    fn contact(email: &str, roles: &[&str]) -> Contact {
        Contact {
            email: email.into(),
            first_name: "Lee".into(),
            last_name: "Okafor".into(),
            office_phone: None,
            mobile_phone: None,
            roles: roles.iter().map(|role| (*role).to_owned()).collect(),
            customers: Vec::new(),
            notifications: NotificationDigest::default(),
            active: true,
            invited: false,
            you: false,
        }
    }

    fn directory(contacts: Vec<Contact>) -> ContactDirectory {
        ContactDirectory {
            organization: ContactOrganization {
                id: 1,
                name: "Northwind".into(),
                policy: ContactPolicy::Review,
            },
            roles: Vec::new(),
            customers: vec![Customer {
                id: 1,
                name: "Acme".into(),
            }],
            contacts,
            pending: None,
        }
    }

    #[test]
    fn what_changed_names_each_difference() {
        let before = directory(vec![
            contact("lee@example.com", &["Technical Contact"]),
            contact("gone@example.com", &["Accounts Payable"]),
        ]);
        let mut moved = contact("lee@example.com", &["Technical Contact", "Management"]);
        moved.mobile_phone = Some("+1 555".into());
        let now = directory(vec![moved, contact("new@example.com", &["Management"])]);
        assert_eq!(
            what_changed(&before, &now),
            [
                "Lee Okafor: roles Technical Contact → Technical Contact, Management.",
                "Lee Okafor: contact details changed.",
                "Lee Okafor (new@example.com) was added as Management.",
                "Lee Okafor (gone@example.com) is no longer a contact.",
            ]
        );
        assert!(what_changed(&now, &now).is_empty());
    }
}
