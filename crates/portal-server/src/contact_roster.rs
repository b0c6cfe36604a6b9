//! An organization's contacts as a value, and a batch of changes applied to
//! it: every change checked, every rule checked on the result, and each
//! problem reported against the change that causes it. Nothing here touches
//! the database; `contact_store` loads and stores rosters.

use std::collections::HashSet;

use portal_api::contacts::{
    ASSIGNED_CUSTOMERS_GRANT, CHANGES_PER_BATCH_MAX, CONTACT_FIELD_MAX_CHARS, CatalogueRole,
    Contact, ContactChange, ContactEdit, ContactOrganization, Customer, MANAGE_CONTACTS_GRANT,
    NewContact,
};
use portal_api::problem::FieldError;
use portal_api::settings::NotificationDigest;

use crate::error::field_error;
use crate::field_rules;

/// One contact of a roster, with what storing it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// The contact as the API shows it.
    pub contact: Contact,
    /// The user behind it; `None` for a user the batch creates.
    pub user_id: Option<i64>,
    /// The contact row; `None` for a contact the batch adds.
    pub contact_id: Option<i64>,
    /// The e-mail address before the batch; `None` for an added contact.
    pub original_email: Option<String>,
    /// Flagged for removal by the batch.
    pub removed: bool,
    /// The user is a contact of another organization too: this one may not
    /// change their address (their sign-in everywhere), nor reset their
    /// password.
    pub shared: bool,
    /// Customers were set explicitly by the change with this index.
    customers_set_by: Option<usize>,
    /// The last change that touched the contact's roles.
    roles_changed_by: Option<usize>,
}

impl RosterEntry {
    /// An entry for a contact stored already.
    pub fn stored(contact: Contact, user_id: i64, contact_id: i64) -> Self {
        Self {
            original_email: Some(contact.email.clone()),
            contact,
            user_id: Some(user_id),
            contact_id: Some(contact_id),
            removed: false,
            shared: false,
            customers_set_by: None,
            roles_changed_by: None,
        }
    }
}

/// An organization's contacts with its role catalogue and customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// The organization.
    pub organization: ContactOrganization,
    /// Its role catalogue, in order.
    pub roles: Vec<CatalogueRole>,
    /// The partnership's customers.
    pub customers: Vec<Customer>,
    /// Its contacts (removed ones stay, flagged, until stored).
    pub entries: Vec<RosterEntry>,
}

impl Roster {
    /// The contacts that are not flagged for removal, as the API shows them.
    pub fn contacts(&self) -> Vec<Contact> {
        self.entries
            .iter()
            .filter(|entry| !entry.removed)
            .map(|entry| entry.contact.clone())
            .collect()
    }

    /// The customer's name, or `customer N` when it is not in the list.
    pub fn customer_name(&self, id: i64) -> String {
        portal_api::contacts::customer_name(&self.customers, id)
    }

    /// The entry of the contact whose current address is `email`.
    pub fn find(&self, email: &str) -> Option<usize> {
        self.entries.iter().position(|entry| {
            !entry.removed && entry.contact.email.eq_ignore_ascii_case(email.trim())
        })
    }

    /// True when one of `roles` grants `grant`.
    pub fn any_role_grants(&self, roles: &[String], grant: &str) -> bool {
        roles.iter().any(|name| {
            self.roles
                .iter()
                .any(|role| &role.name == name && role.grants(grant))
        })
    }

    /// The names of the roles that grant `manage_contacts`, for messages.
    pub fn manager_role_names(&self) -> String {
        manager_role_names(&self.roles)
    }

    fn is_active_manager(&self, entry: &RosterEntry) -> bool {
        !entry.removed
            && entry.contact.active
            && self.any_role_grants(&entry.contact.roles, MANAGE_CONTACTS_GRANT)
    }

    fn sort_roles(&self, roles: &mut Vec<String>) {
        let position = |name: &String| self.roles.iter().position(|role| &role.name == name);
        roles.sort_by_key(position);
        roles.dedup();
    }

    fn role_error(&self, field: String, name: &str) -> Option<FieldError> {
        if self.roles.iter().any(|role| role.name == name) {
            return None;
        }
        let names: Vec<&str> = self.roles.iter().map(|role| role.name.as_str()).collect();
        Some(field_error(
            &field,
            "unknown_role",
            &format!(
                "{} has no role named \"{name}\"; its roles are {}.",
                self.organization.name,
                names.join(", ")
            ),
        ))
    }

    fn customer_errors(&self, field: String, ids: &[i64], errors: &mut Vec<FieldError>) {
        for id in ids {
            if !self.customers.iter().any(|customer| customer.id == *id) {
                errors.push(field_error(
                    &field,
                    "unknown_customer",
                    &format!(
                        "Customer {id} is not a customer of the {} partnership.",
                        self.organization.name
                    ),
                ));
            }
        }
    }
}

/// The names of the catalogue's roles that grant `manage_contacts`, for
/// messages ("Management or Cust. Admin.").
pub fn manager_role_names(roles: &[CatalogueRole]) -> String {
    let names: Vec<&str> = roles
        .iter()
        .filter(|role| role.grants(MANAGE_CONTACTS_GRANT))
        .map(|role| role.name.as_str())
        .collect();
    match names.as_slice() {
        [] => "manager".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Applies `changes` in order to a copy of `roster`. `user_exists` tells
/// whether any portal user has an address (an added contact may be an
/// existing user; an edited address must be free). Answers the roster as it
/// would be, or every problem found, each naming its change
/// (`changes[INDEX].FIELD`).
pub fn apply_batch(
    roster: &Roster,
    changes: &[ContactChange],
    user_exists: &dyn Fn(&str) -> bool,
) -> Result<Roster, Vec<FieldError>> {
    let mut errors = Vec::new();
    if changes.is_empty() {
        errors.push(field_error(
            "changes",
            "required",
            "The batch has no changes.",
        ));
        return Err(errors);
    }
    if changes.len() > CHANGES_PER_BATCH_MAX {
        errors.push(field_error(
            "changes",
            "too_long",
            &format!("Send at most {CHANGES_PER_BATCH_MAX} changes at once."),
        ));
        return Err(errors);
    }
    let mut after = roster.clone();
    for (index, change) in changes.iter().enumerate() {
        apply_one(&mut after, index, change, user_exists, &mut errors);
    }
    check_rules(roster, &mut after, changes, &mut errors);
    if errors.is_empty() {
        Ok(after)
    } else {
        Err(errors)
    }
}

fn apply_one(
    after: &mut Roster,
    index: usize,
    change: &ContactChange,
    user_exists: &dyn Fn(&str) -> bool,
    errors: &mut Vec<FieldError>,
) {
    let at = |field: &str| format!("changes[{index}].{field}");
    if let ContactChange::AddContact {
        details,
        roles,
        customers,
    } = change
    {
        add_contact(after, index, details, roles, customers, user_exists, errors);
        return;
    }
    let Some(position) = after.find(change.contact()) else {
        errors.push(field_error(
            &at("contact"),
            "unknown_contact",
            &format!(
                "{} is not a contact of {}.",
                change.contact().trim(),
                after.organization.name
            ),
        ));
        return;
    };
    let email = after.entries[position].contact.email.clone();
    match change {
        ContactChange::GrantRole { role, .. } => {
            if let Some(error) = after.role_error(at("role"), role) {
                errors.push(error);
            } else if after.entries[position].contact.roles.contains(role) {
                errors.push(field_error(
                    &at("role"),
                    "unchanged",
                    &format!("{email} has the role {role} already."),
                ));
            } else {
                let mut roles = after.entries[position].contact.roles.clone();
                roles.push(role.clone());
                after.sort_roles(&mut roles);
                let entry = &mut after.entries[position];
                entry.contact.roles = roles;
                entry.roles_changed_by = Some(index);
            }
        }
        ContactChange::RevokeRole { role, .. } => {
            if let Some(error) = after.role_error(at("role"), role) {
                errors.push(error);
            } else if !after.entries[position].contact.roles.contains(role) {
                errors.push(field_error(
                    &at("role"),
                    "unchanged",
                    &format!("{email} does not have the role {role}."),
                ));
            } else {
                let entry = &mut after.entries[position];
                entry.contact.roles.retain(|held| held != role);
                entry.roles_changed_by = Some(index);
            }
        }
        ContactChange::EditContact { edit, .. } => {
            edit_contact(after, position, index, edit, user_exists, errors);
        }
        ContactChange::RemoveContact { .. } => {
            after.entries[position].removed = true;
        }
        ContactChange::SetCustomers { customers, .. } => {
            let before = errors.len();
            after.customer_errors(at("customers"), customers, errors);
            if errors.len() == before {
                let entry = &mut after.entries[position];
                entry.contact.customers = sorted_ids(customers);
                entry.customers_set_by = Some(index);
            }
        }
        ContactChange::SetNotifications { notifications, .. } => {
            let mut categories = notifications.categories.clone();
            categories.sort();
            categories.dedup();
            after.entries[position].contact.notifications = NotificationDigest {
                frequency: notifications.frequency,
                categories,
            };
        }
        ContactChange::AddContact { .. } => unreachable!("handled above"),
    }
}

fn add_contact(
    after: &mut Roster,
    index: usize,
    details: &NewContact,
    roles: &[String],
    customers: &[i64],
    user_exists: &dyn Fn(&str) -> bool,
    errors: &mut Vec<FieldError>,
) {
    let at = |field: &str| format!("changes[{index}].{field}");
    let before = errors.len();
    let email = details.email.trim().to_owned();
    if let Some(error) = field_rules::email(&at("details.email"), &details.email) {
        errors.push(error);
    } else if after.find(&email).is_some() || was_in_roster(after, &email) {
        errors.push(field_error(
            &at("details.email"),
            "duplicate",
            &format!(
                "{email} is a contact of {} already.",
                after.organization.name
            ),
        ));
    }
    for (field, value) in [
        ("details.first_name", &details.first_name),
        ("details.last_name", &details.last_name),
    ] {
        if let Some(error) = check_name(&at(field), value) {
            errors.push(error);
        }
    }
    for (field, value) in [
        ("details.office_phone", &details.office_phone),
        ("details.mobile_phone", &details.mobile_phone),
    ] {
        if let Some(error) = value
            .as_deref()
            .and_then(|phone| check_phone(&at(field), phone))
        {
            errors.push(error);
        }
    }
    if roles.is_empty() {
        errors.push(field_error(
            &at("roles"),
            "no_role",
            &format!("Choose at least one role for {email}."),
        ));
    }
    for role in roles {
        if let Some(error) = after.role_error(at("roles"), role) {
            errors.push(error);
        }
    }
    after.customer_errors(at("customers"), customers, errors);
    if errors.len() > before {
        return;
    }
    let mut roles = roles.to_vec();
    after.sort_roles(&mut roles);
    let existing_user = user_exists(&email);
    after.entries.push(RosterEntry {
        contact: Contact {
            email,
            first_name: details.first_name.trim().to_owned(),
            last_name: details.last_name.trim().to_owned(),
            office_phone: non_empty(&details.office_phone),
            mobile_phone: non_empty(&details.mobile_phone),
            roles,
            customers: sorted_ids(customers),
            notifications: NotificationDigest::default(),
            active: false,
            invited: existing_user,
            you: false,
        },
        user_id: None,
        contact_id: None,
        original_email: None,
        removed: false,
        shared: false,
        customers_set_by: (!customers.is_empty()).then_some(index),
        roles_changed_by: Some(index),
    });
}

fn edit_contact(
    after: &mut Roster,
    position: usize,
    index: usize,
    edit: &ContactEdit,
    user_exists: &dyn Fn(&str) -> bool,
    errors: &mut Vec<FieldError>,
) {
    let at = |field: &str| format!("changes[{index}].edit.{field}");
    let before = errors.len();
    if edit == &ContactEdit::default() {
        errors.push(field_error(
            &format!("changes[{index}].edit"),
            "required",
            "Say which details to change.",
        ));
        return;
    }
    if let Some(email) = edit.email.as_deref().map(str::trim) {
        let entry = &after.entries[position];
        let own_original = entry
            .original_email
            .as_deref()
            .is_some_and(|original| original.eq_ignore_ascii_case(email));
        let used_in_roster = after.entries.iter().enumerate().any(|(other, candidate)| {
            other != position
                && (candidate.contact.email.eq_ignore_ascii_case(email)
                    || candidate
                        .original_email
                        .as_deref()
                        .is_some_and(|original| original.eq_ignore_ascii_case(email)))
        });
        if let Some(error) =
            field_rules::email(&at("email"), edit.email.as_deref().unwrap_or(email))
        {
            errors.push(error);
        } else if entry.shared && !entry.contact.you && !own_original {
            errors.push(field_error(
                &at("email"),
                "other_organization",
                &format!(
                    "{} is also a contact of another organization, so only they can change their address (My Profile → Change…).",
                    entry.original_email.as_deref().unwrap_or(&entry.contact.email)
                ),
            ));
        } else if used_in_roster || (!own_original && user_exists(email)) {
            errors.push(field_error(
                &at("email"),
                "taken",
                &format!("Another user of this portal has the address {email}."),
            ));
        }
    }
    for (field, value) in [
        ("first_name", &edit.first_name),
        ("last_name", &edit.last_name),
    ] {
        if let Some(error) = value
            .as_deref()
            .and_then(|name| check_name(&at(field), name))
        {
            errors.push(error);
        }
    }
    for (field, value) in [
        ("office_phone", &edit.office_phone),
        ("mobile_phone", &edit.mobile_phone),
    ] {
        if let Some(error) = value
            .as_deref()
            .and_then(|phone| check_phone(&at(field), phone))
        {
            errors.push(error);
        }
    }
    if errors.len() > before {
        return;
    }
    let contact = &mut after.entries[position].contact;
    if let Some(email) = &edit.email {
        contact.email = email.trim().to_owned();
    }
    if let Some(first_name) = &edit.first_name {
        contact.first_name = first_name.trim().to_owned();
    }
    if let Some(last_name) = &edit.last_name {
        contact.last_name = last_name.trim().to_owned();
    }
    if edit.office_phone.is_some() {
        contact.office_phone = non_empty(&edit.office_phone);
    }
    if edit.mobile_phone.is_some() {
        contact.mobile_phone = non_empty(&edit.mobile_phone);
    }
}

/// The rules on the result: every contact keeps a role, customers only for
/// roles limited to them, and an active manager always remains.
fn check_rules(
    before: &Roster,
    after: &mut Roster,
    changes: &[ContactChange],
    errors: &mut Vec<FieldError>,
) {
    let organization = after.organization.name.clone();
    for position in 0..after.entries.len() {
        let entry = &after.entries[position];
        if entry.removed {
            continue;
        }
        if entry.contact.roles.is_empty() {
            let index = entry.roles_changed_by.unwrap_or(0);
            errors.push(field_error(
                &format!("changes[{index}].role"),
                "no_role",
                &format!(
                    "{} would have no role left in {organization}; grant another role, or remove the contact.",
                    entry.contact.email
                ),
            ));
            continue;
        }
        let limited = after.any_role_grants(&entry.contact.roles, ASSIGNED_CUSTOMERS_GRANT);
        if !limited && !entry.contact.customers.is_empty() {
            match entry.customers_set_by {
                Some(index) => errors.push(field_error(
                    &format!("changes[{index}].customers"),
                    "not_assignable",
                    &format!(
                        "Only contacts whose role is limited to assigned customers ({}) can be assigned customers.",
                        limited_role_names(after)
                    ),
                )),
                None => after.entries[position].contact.customers.clear(),
            }
        }
    }
    let managers_before = before
        .entries
        .iter()
        .filter(|entry| before.is_active_manager(entry))
        .count();
    let managers_after = after
        .entries
        .iter()
        .filter(|entry| after.is_active_manager(entry))
        .count();
    if managers_before == 0 || managers_after > 0 {
        return;
    }
    let manager_roles = before.manager_role_names();
    for (index, change) in changes.iter().enumerate() {
        let Some(entry) = before.entries.iter().find(|entry| {
            entry
                .contact
                .email
                .eq_ignore_ascii_case(change.contact().trim())
        }) else {
            continue;
        };
        let demotes = match change {
            ContactChange::RemoveContact { .. } => true,
            ContactChange::RevokeRole { role, .. } => before.roles.iter().any(|catalogue| {
                &catalogue.name == role && catalogue.grants(MANAGE_CONTACTS_GRANT)
            }),
            _ => false,
        };
        if !demotes || !before.is_active_manager(entry) {
            continue;
        }
        let message = if entry.contact.you {
            format!(
                "You are the last active {manager_roles} of {organization}; make someone else {manager_roles} first."
            )
        } else {
            format!(
                "{organization} must keep at least one active {manager_roles}; this would leave none ({} is the last).",
                entry.contact.email
            )
        };
        errors.push(field_error(
            &format!("changes[{index}].contact"),
            "last_manager",
            &message,
        ));
    }
}

fn limited_role_names(roster: &Roster) -> String {
    roster
        .roles
        .iter()
        .filter(|role| role.grants(ASSIGNED_CUSTOMERS_GRANT))
        .map(|role| role.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn was_in_roster(roster: &Roster, email: &str) -> bool {
    roster.entries.iter().any(|entry| {
        entry
            .original_email
            .as_deref()
            .is_some_and(|original| original.eq_ignore_ascii_case(email))
    })
}

fn check_name(field: &str, name: &str) -> Option<FieldError> {
    field_rules::required_line(field, name, CONTACT_FIELD_MAX_CHARS)
}

fn check_phone(field: &str, phone: &str) -> Option<FieldError> {
    field_rules::phone(field, phone)
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}

fn sorted_ids(ids: &[i64]) -> Vec<i64> {
    let mut ids: Vec<i64> = ids
        .iter()
        .copied()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
#[path = "contact_roster_tests.rs"]
mod tests;
