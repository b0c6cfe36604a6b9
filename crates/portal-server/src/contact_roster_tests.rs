use super::*;
use portal_api::contacts::ContactPolicy;

fn role(name: &str, grants: &[&str]) -> CatalogueRole {
    CatalogueRole {
        name: name.into(),
        description: format!("{name} role"),
        grants: grants.iter().map(|grant| (*grant).to_owned()).collect(),
    }
}

fn contact(email: &str, roles: &[&str], you: bool) -> Contact {
    Contact {
        email: email.into(),
        first_name: "First".into(),
        last_name: "Last".into(),
        office_phone: None,
        mobile_phone: None,
        roles: roles.iter().map(|role| (*role).to_owned()).collect(),
        customers: Vec::new(),
        notifications: NotificationDigest::default(),
        active: true,
        invited: false,
        you,
    }
}

fn partner_roster() -> Roster {
    Roster {
        organization: ContactOrganization {
            id: 2,
            name: "Contoso".into(),
            policy: ContactPolicy::Direct,
        },
        roles: vec![
            role("Admin", &["manage_contacts"]),
            role("User", &["customer_data", "assigned_customers"]),
            role("Marketing", &["partner_kit"]),
        ],
        customers: vec![
            Customer {
                id: 10,
                name: "Acme".into(),
            },
            Customer {
                id: 11,
                name: "Beta".into(),
            },
        ],
        entries: vec![
            RosterEntry::stored(contact("admin@example.com", &["Admin"], true), 1, 1),
            RosterEntry::stored(contact("user@example.com", &["User"], false), 2, 2),
        ],
    }
}

fn no_users(_: &str) -> bool {
    false
}

fn codes(result: Result<Roster, Vec<FieldError>>) -> Vec<(String, String)> {
    result
        .expect_err("the batch is refused")
        .into_iter()
        .map(|error| (error.field, error.code))
        .collect()
}

fn add(email: &str, roles: &[&str], customers: &[i64]) -> ContactChange {
    ContactChange::AddContact {
        details: NewContact {
            email: email.into(),
            first_name: "New".into(),
            last_name: "Person".into(),
            office_phone: None,
            mobile_phone: None,
        },
        roles: roles.iter().map(|role| (*role).to_owned()).collect(),
        customers: customers.to_vec(),
    }
}

#[test]
fn a_valid_batch_gives_the_requested_roster() {
    let roster = partner_roster();
    let after = apply_batch(
        &roster,
        &[
            add("new@example.com", &["User"], &[11, 10]),
            ContactChange::GrantRole {
                contact: "USER@example.com".into(),
                role: "Marketing".into(),
            },
            ContactChange::RevokeRole {
                contact: "user@example.com".into(),
                role: "User".into(),
            },
        ],
        &no_users,
    )
    .unwrap();
    let contacts = after.contacts();
    assert_eq!(contacts.len(), 3);
    assert_eq!(contacts[1].roles, ["Marketing"]);
    assert_eq!(contacts[2].email, "new@example.com");
    assert_eq!(contacts[2].customers, [10, 11]);
    assert!(!contacts[2].active, "a new user is active once activated");
}

#[test]
fn every_bad_change_is_named_and_nothing_is_applied() {
    let roster = partner_roster();
    let errors = codes(apply_batch(
        &roster,
        &[
            add("nobody@example.com", &[], &[]),
            add("not-an-address", &["User"], &[]),
            add("user@example.com", &["User"], &[]),
            ContactChange::GrantRole {
                contact: "user@example.com".into(),
                role: "Owner".into(),
            },
            add("x@example.com", &["User"], &[99]),
            ContactChange::RemoveContact {
                contact: "ghost@example.com".into(),
            },
            ContactChange::SetCustomers {
                contact: "admin@example.com".into(),
                customers: vec![10],
            },
        ],
        &no_users,
    ));
    assert_eq!(
        errors,
        [
            ("changes[0].roles".into(), "no_role".into()),
            ("changes[1].details.email".into(), "invalid".into()),
            ("changes[2].details.email".into(), "duplicate".into()),
            ("changes[3].role".into(), "unknown_role".into()),
            ("changes[4].customers".into(), "unknown_customer".into()),
            ("changes[5].contact".into(), "unknown_contact".into()),
            ("changes[6].customers".into(), "not_assignable".into()),
        ]
    );
}

#[test]
fn the_last_active_manager_cannot_go() {
    let roster = partner_roster();
    let remove_self = [ContactChange::RemoveContact {
        contact: "admin@example.com".into(),
    }];
    let errors = apply_batch(&roster, &remove_self, &no_users).unwrap_err();
    assert_eq!(errors[0].code, "last_manager");
    assert!(
        errors[0]
            .message
            .starts_with("You are the last active Admin")
    );
    let demote = [ContactChange::RevokeRole {
        contact: "admin@example.com".into(),
        role: "Admin".into(),
    }];
    // Demoting leaves no role either; both are said.
    let errors = codes(apply_batch(&roster, &demote, &no_users));
    assert!(errors.contains(&("changes[0].contact".into(), "last_manager".into())));
    assert!(errors.contains(&("changes[0].role".into(), "no_role".into())));
    // A new Admin who has not activated the account does not count.
    let handover = [
        add("next@example.com", &["Admin"], &[]),
        ContactChange::RemoveContact {
            contact: "admin@example.com".into(),
        },
    ];
    let errors = codes(apply_batch(&roster, &handover, &no_users));
    assert_eq!(
        errors,
        [("changes[1].contact".into(), "last_manager".into())]
    );
    // An existing, active user made Admin does.
    let handover = [
        ContactChange::GrantRole {
            contact: "user@example.com".into(),
            role: "Admin".into(),
        },
        ContactChange::RemoveContact {
            contact: "admin@example.com".into(),
        },
    ];
    assert!(apply_batch(&roster, &handover, &no_users).is_ok());
}

#[test]
fn addresses_stay_unique() {
    let roster = partner_roster();
    let taken = |email: &str| email == "elsewhere@example.com";
    let edit = |email: &str| ContactChange::EditContact {
        contact: "user@example.com".into(),
        edit: ContactEdit {
            email: Some(email.into()),
            ..ContactEdit::default()
        },
    };
    assert_eq!(
        codes(apply_batch(&roster, &[edit("admin@example.com")], &taken)),
        [("changes[0].edit.email".into(), "taken".into())]
    );
    assert_eq!(
        codes(apply_batch(
            &roster,
            &[edit("elsewhere@example.com")],
            &taken
        )),
        [("changes[0].edit.email".into(), "taken".into())]
    );
    // Adding an existing user of the portal only invites them: not active
    // (so never the last manager) until they accept.
    let after = apply_batch(
        &roster,
        &[add("elsewhere@example.com", &["Marketing"], &[])],
        &taken,
    )
    .unwrap();
    assert!(after.contacts()[2].invited && !after.contacts()[2].active);
    // Two additions of one address in a batch.
    assert_eq!(
        codes(apply_batch(
            &roster,
            &[
                add("twice@example.com", &["User"], &[]),
                add("Twice@example.com", &["User"], &[])
            ],
            &no_users
        )),
        [("changes[1].details.email".into(), "duplicate".into())]
    );
}

#[test]
fn customers_go_with_the_limited_role() {
    let roster = partner_roster();
    let mut assigned = roster.clone();
    assigned.entries[1].contact.customers = vec![10];
    // Changing the role away from User drops the assignment quietly.
    let after = apply_batch(
        &assigned,
        &[
            ContactChange::GrantRole {
                contact: "user@example.com".into(),
                role: "Marketing".into(),
            },
            ContactChange::RevokeRole {
                contact: "user@example.com".into(),
                role: "User".into(),
            },
        ],
        &no_users,
    )
    .unwrap();
    assert!(after.contacts()[1].customers.is_empty());
}
