//! An organization's contacts and their roles (seed 001 Contacts Manager,
//! seed 004 user administration), and the batches of changes to them.
//!
//! One API serves both policies: under `review` a batch becomes a change
//! request that the vendor applies; under `direct` it is applied at once.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::settings::NotificationDigest;

/// The grant that lets a contact manage the organization's contacts.
pub const MANAGE_CONTACTS_GRANT: &str = "manage_contacts";
/// The grant of roles that receive e-mail only and cannot sign in.
pub const NO_SIGN_IN_GRANT: &str = "no_sign_in";
/// The grant that lets a contact see the partnership's customers.
pub const CUSTOMER_DATA_GRANT: &str = "customer_data";
/// The grant of roles whose access can be limited to assigned customers
/// (none assigned means every customer of the partnership).
pub const ASSIGNED_CUSTOMERS_GRANT: &str = "assigned_customers";

/// Most changes in one batch.
pub const CHANGES_PER_BATCH_MAX: usize = 200;
/// Longest name part or phone number, in characters.
pub const CONTACT_FIELD_MAX_CHARS: usize = 100;

/// How an organization's contact changes take effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactPolicy {
    /// A batch becomes one change request (a ticket) that the vendor applies.
    Review,
    /// A batch is applied at once.
    Direct,
}

impl ContactPolicy {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Review => "review",
            Self::Direct => "direct",
        }
    }

    /// Parses the wire name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "review" => Some(Self::Review),
            "direct" => Some(Self::Direct),
            _ => None,
        }
    }
}

/// The organization a contact list belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContactOrganization {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// How its contact changes take effect.
    pub policy: ContactPolicy,
}

/// One role of an organization's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CatalogueRole {
    /// Its name, unique in the organization.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// What it grants (`manage_contacts`, `organization_documents`, …).
    pub grants: Vec<String>,
}

impl CatalogueRole {
    /// True when the role grants `grant`.
    pub fn grants(&self, grant: &str) -> bool {
        self.grants.iter().any(|granted| granted == grant)
    }
}

/// A customer of a partnership (seed 004).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Customer {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// The name of customer `id` among `customers`, or `customer N` when it
/// is not there.
pub fn customer_name(customers: &[Customer], id: i64) -> String {
    customers
        .iter()
        .find(|customer| customer.id == id)
        .map(|customer| customer.name.clone())
        .unwrap_or_else(|| format!("customer {id}"))
}

/// A contact: a portal user with roles in the organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Contact {
    /// E-mail address (the user name); identifies the contact in changes.
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Office phone.
    pub office_phone: Option<String>,
    /// Mobile phone.
    pub mobile_phone: Option<String>,
    /// Role names, in catalogue order.
    pub roles: Vec<String>,
    /// Assigned customer ids; empty means every customer of the partnership.
    pub customers: Vec<i64>,
    /// The notification digest this organization chose for the contact
    /// (seed 004); until it chooses one, the user's own. It never changes
    /// the user's own settings or another organization's choice.
    pub notifications: NotificationDigest,
    /// False until a newly added user has chosen a password, and while an
    /// invitation waits.
    pub active: bool,
    /// An existing user of the portal the organization invited, who has not
    /// accepted yet: no roles apply and the organization cannot touch the
    /// account until they do.
    #[serde(default)]
    pub invited: bool,
    /// True for the signed-in user.
    pub you: bool,
}

/// Details of a contact to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContact {
    /// E-mail address (the new user name).
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Office phone.
    #[serde(default)]
    pub office_phone: Option<String>,
    /// Mobile phone.
    #[serde(default)]
    pub mobile_phone: Option<String>,
}

/// Contact details to change; absent fields stay, an empty phone is
/// removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactEdit {
    /// New e-mail address (the user name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// New office phone; empty removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_phone: Option<String>,
    /// New mobile phone; empty removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
}

/// One change of a batch. Existing contacts are named by their current
/// e-mail address (`contact`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum ContactChange {
    /// Give a contact a role.
    GrantRole {
        /// The contact's e-mail address.
        contact: String,
        /// The role's name.
        role: String,
    },
    /// Take a role from a contact.
    RevokeRole {
        /// The contact's e-mail address.
        contact: String,
        /// The role's name.
        role: String,
    },
    /// Change a contact's details.
    EditContact {
        /// The contact's e-mail address.
        contact: String,
        /// The fields to change.
        edit: ContactEdit,
    },
    /// Add a contact with at least one role.
    AddContact {
        /// Their details.
        details: NewContact,
        /// Role names.
        roles: Vec<String>,
        /// Assigned customer ids (roles granting `assigned_customers` only).
        #[serde(default, deserialize_with = "crate::json_integers::ids")]
        customers: Vec<i64>,
    },
    /// Remove a contact from the organization.
    RemoveContact {
        /// The contact's e-mail address.
        contact: String,
    },
    /// Set the customers a contact is assigned (empty: all of them).
    SetCustomers {
        /// The contact's e-mail address.
        contact: String,
        /// Customer ids.
        #[serde(deserialize_with = "crate::json_integers::ids")]
        customers: Vec<i64>,
    },
    /// Set a contact's notification digest.
    SetNotifications {
        /// The contact's e-mail address.
        contact: String,
        /// Frequency and categories.
        notifications: NotificationDigest,
    },
}

impl ContactChange {
    /// The e-mail address of the contact the change is about.
    pub fn contact(&self) -> &str {
        match self {
            Self::GrantRole { contact, .. }
            | Self::RevokeRole { contact, .. }
            | Self::EditContact { contact, .. }
            | Self::RemoveContact { contact }
            | Self::SetCustomers { contact, .. }
            | Self::SetNotifications { contact, .. } => contact,
            Self::AddContact { details, .. } => &details.email,
        }
    }

    /// One line for people: what the change does. Customers are named
    /// through `customer_name`.
    pub fn describe(&self, customer_name: impl Fn(i64) -> String) -> String {
        match self {
            Self::GrantRole { contact, role } => format!("Grant {role} to {contact}"),
            Self::RevokeRole { contact, role } => format!("Revoke {role} from {contact}"),
            Self::EditContact { contact, edit } => {
                let mut parts = Vec::new();
                for (label, value) in [
                    ("e-mail", &edit.email),
                    ("first name", &edit.first_name),
                    ("last name", &edit.last_name),
                    ("office phone", &edit.office_phone),
                    ("mobile phone", &edit.mobile_phone),
                ] {
                    match value.as_deref() {
                        Some("") => parts.push(format!("remove {label}")),
                        Some(value) => parts.push(format!("{label} → {value}")),
                        None => {}
                    }
                }
                format!("Edit {contact}: {}", parts.join(", "))
            }
            Self::AddContact {
                details,
                roles,
                customers,
            } => {
                let mut line = format!(
                    "Add {} {} <{}> as {}",
                    details.first_name,
                    details.last_name,
                    details.email,
                    roles.join(", ")
                );
                if !customers.is_empty() {
                    line.push_str(&format!(
                        " for {}",
                        customers
                            .iter()
                            .map(|id| customer_name(*id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                line
            }
            Self::RemoveContact { contact } => format!("Remove {contact}"),
            Self::SetCustomers { contact, customers } if customers.is_empty() => {
                format!("Give {contact} every customer")
            }
            Self::SetCustomers { contact, customers } => format!(
                "Assign {contact} to {}",
                customers
                    .iter()
                    .map(|id| customer_name(*id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::SetNotifications {
                contact,
                notifications,
            } if notifications.categories.is_empty() => {
                format!("Stop notification e-mails to {contact}")
            }
            Self::SetNotifications {
                contact,
                notifications,
            } => format!(
                "Send {contact} a {} digest of {}",
                match notifications.frequency {
                    crate::settings::DigestFrequency::Daily => "daily",
                    crate::settings::DigestFrequency::Weekly => "weekly (Monday)",
                },
                notifications
                    .categories
                    .iter()
                    .map(|category| category.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// `POST /api/v1/organizations/{id}/contact-changes` body. Requires
/// `If-Match` with the contact list's ETag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactChangeBatch {
    /// The changes, applied in order; all or none.
    pub changes: Vec<ContactChange>,
}

/// A change request waiting for the vendor (review policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContactChangeRequest {
    /// The request's number.
    pub id: i64,
    /// The contact-change ticket that carries it.
    pub ticket_id: i64,
    /// Who asked, by name.
    pub requested_by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub requested_at: OffsetDateTime,
    /// The batch as sent.
    pub changes: Vec<ContactChange>,
    /// The contacts as they will be once the request is applied.
    pub requested: Vec<Contact>,
    /// True when the signed-in user may cancel it (the requester).
    pub can_cancel: bool,
}

/// `GET /api/v1/organizations/{id}/contacts`: everything the Contacts
/// screen shows. Answered with an ETag that a batch must name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContactDirectory {
    /// The organization and its policy.
    pub organization: ContactOrganization,
    /// Its role catalogue, in order.
    pub roles: Vec<CatalogueRole>,
    /// The partnership's customers (empty when it has none).
    pub customers: Vec<Customer>,
    /// The active contacts, by name.
    pub contacts: Vec<Contact>,
    /// The change request waiting for the vendor, if any.
    pub pending: Option<ContactChangeRequest>,
}

impl ContactDirectory {
    /// The customer's name, or `customer N` when it is not in the list.
    pub fn customer_name(&self, id: i64) -> String {
        customer_name(&self.customers, id)
    }

    /// The catalogue role named `name`.
    pub fn role(&self, name: &str) -> Option<&CatalogueRole> {
        self.roles.iter().find(|role| role.name == name)
    }
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ContactChangeOutcome {
    /// Review policy: the request waits for the vendor.
    Requested {
        /// The request, with its ticket.
        request: ContactChangeRequest,
    },
    /// Direct policy: the changes are in effect.
    Applied {
        /// How many changes were applied.
        applied: usize,
        /// True when the batch changed the signed-in user's own e-mail
        /// address (or took away their sign-in): this session has ended.
        signed_out: bool,
    },
}

/// `POST .../contacts/password-reset` body: whose password to reset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPasswordReset {
    /// The contact's e-mail address.
    pub contact: String,
}

/// What a password reset by an administrator did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContactPasswordResetDone {
    /// For people: where the link went.
    pub message: String,
    /// True when it was the signed-in user's own password: this session
    /// has ended.
    pub signed_out: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_travel_tagged_by_action() {
        let change: ContactChange = serde_json::from_str(
            r#"{"action":"grant_role","contact":"lee@example.com","role":"Management"}"#,
        )
        .unwrap();
        assert_eq!(
            change,
            ContactChange::GrantRole {
                contact: "lee@example.com".into(),
                role: "Management".into()
            }
        );
        assert!(
            serde_json::from_str::<ContactChange>(
                r#"{"action":"grant_role","contact":"a@b.c","role":"x","extra":1}"#
            )
            .is_err()
        );
        let add = ContactChange::AddContact {
            details: NewContact {
                email: "new@example.com".into(),
                first_name: "New".into(),
                last_name: "Person".into(),
                office_phone: None,
                mobile_phone: None,
            },
            roles: vec!["User".into()],
            customers: vec![1, 2],
        };
        assert_eq!(
            add.describe(|id| format!("C{id}")),
            "Add New Person <new@example.com> as User for C1, C2"
        );
    }
}
