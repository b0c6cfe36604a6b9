//! Contacts through the client core against the reference portal over
//! loopback: the organizations to manage, the list cached and refreshed
//! with 304s, readable offline; batches under both policies; a stale batch
//! answered with what changed and sent again; a waiting request refused,
//! then cancelled; an own address change ending the session here.

use portal_api::contacts::{ContactChange, ContactChangeOutcome, ContactEdit, ContactPolicy};
use portal_client::contacts::{BatchResult, ManagedOrganization, managed_organizations};
use portal_client::{Core, Error, Secret, Session};
use serde_json::json;
use test_support::{TestPortal, portal_api as raw_api};

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const PASSWORD: &str = "demo-password";
const NORTHWIND: i64 = 1;
const CONTOSO: i64 = 2;

async fn sign_in(portal: &TestPortal, home: &std::path::Path, email: &str) -> Session {
    test_support::use_private_keyring();
    Core::under(home)
        .sign_in(portal.url(), email, Secret::new(PASSWORD))
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session
}

fn grant(contact: &str, role: &str) -> ContactChange {
    ContactChange::GrantRole {
        contact: contact.into(),
        role: role.into(),
    }
}

#[tokio::test]
async fn lists_are_cached_and_a_stale_batch_says_what_changed() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com").await;
    assert_eq!(
        managed_organizations(&dana.roles().await.unwrap()),
        [
            ManagedOrganization {
                id: CONTOSO,
                name: "Contoso Partners".into(),
                policy: ContactPolicy::Direct,
            },
            ManagedOrganization {
                id: NORTHWIND,
                name: "Northwind Traders".into(),
                policy: ContactPolicy::Review,
            },
        ]
    );
    let lee = sign_in(&portal, home.path(), "lee@example.com").await;
    assert!(managed_organizations(&lee.roles().await.unwrap()).is_empty());
    let refused = lee.contacts(NORTHWIND).await.unwrap_err();
    assert!(
        matches!(refused, Error::Portal { status: 403, .. }),
        "{refused:?}"
    );

    let (directory, etag) = dana.contacts(CONTOSO).await.unwrap();
    assert_eq!(directory.contacts.len(), 4);
    assert_eq!(
        dana.contacts(CONTOSO).await.unwrap(),
        (directory.clone(), etag.clone())
    );

    // Someone else changes the list (here: Dana on the portal directly).
    let token = raw_api::access_token(portal.url(), "dana@example.com", PASSWORD).await;
    let response = test_support::loopback_client()
        .post(format!("{}/api/v1/organizations/{CONTOSO}/contact-changes", portal.url()))
        .bearer_auth(&token)
        .header(reqwest::header::IF_MATCH, &etag)
        .json(&json!({"changes": [{"action": "grant_role", "contact": "sofia@example.com", "role": "User"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let batch = [grant("marco@example.com", "Marketing")];
    let stale = dana
        .send_contact_changes(CONTOSO, &batch, &etag)
        .await
        .unwrap();
    let BatchResult::Stale {
        directory: now,
        etag: current,
        what_changed,
        ..
    } = stale
    else {
        panic!("a stale batch: {stale:?}");
    };
    assert_eq!(
        what_changed,
        ["Sofia Lindqvist: roles Marketing → User, Marketing."]
    );
    let marco = now
        .contacts
        .iter()
        .find(|c| c.email == "marco@example.com")
        .unwrap();
    assert_eq!(
        marco.roles,
        ["User"],
        "nothing of the stale batch was applied"
    );
    let done = dana
        .send_contact_changes(CONTOSO, &batch, &current)
        .await
        .unwrap();
    assert_eq!(
        done,
        BatchResult::Done(ContactChangeOutcome::Applied {
            applied: 1,
            signed_out: false
        })
    );
    let cached = dana.cached_contacts(CONTOSO).unwrap().unwrap().value;
    let marco = cached
        .contacts
        .iter()
        .find(|c| c.email == "marco@example.com")
        .unwrap();
    assert_eq!(
        marco.roles,
        ["User", "Marketing"],
        "the cache follows the change"
    );

    drop(portal);
    let offline = dana.contacts(CONTOSO).await.unwrap_err();
    assert!(offline.is_offline(), "{offline:?}");
    assert_eq!(
        dana.cached_contacts(CONTOSO).unwrap().unwrap().value,
        cached
    );
    let offline = dana
        .send_contact_changes(CONTOSO, &batch, &current)
        .await
        .unwrap_err();
    assert!(offline.is_offline(), "{offline:?}");
}

#[tokio::test]
async fn a_waiting_request_is_refused_until_cancelled() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com").await;
    let (directory, etag) = dana.contacts(NORTHWIND).await.unwrap();
    let pending = directory.pending.expect("the demo's request waits");
    assert_eq!(pending.ticket_id, 1235);
    let batch = [grant("priya@example.com", "Management")];
    let refused = dana
        .send_contact_changes(NORTHWIND, &batch, &etag)
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            Error::ChangePending {
                ticket_id: Some(1235),
                ..
            }
        ),
        "{refused:?}"
    );
    dana.cancel_contact_request(NORTHWIND, pending.id)
        .await
        .unwrap();
    let twice = dana
        .cancel_contact_request(NORTHWIND, pending.id)
        .await
        .unwrap_err();
    assert_eq!(
        twice.to_string(),
        format!(
            "Request #{} (ticket #1235) was cancelled already.",
            pending.id
        )
    );
    let (directory, etag) = dana.contacts(NORTHWIND).await.unwrap();
    assert!(directory.pending.is_none());
    let BatchResult::Done(ContactChangeOutcome::Requested { request }) = dana
        .send_contact_changes(NORTHWIND, &batch, &etag)
        .await
        .unwrap()
    else {
        panic!("a request");
    };
    assert_eq!(request.changes, batch);
    let cached = dana.cached_contacts(NORTHWIND).unwrap().unwrap().value;
    assert_eq!(cached.pending.map(|p| p.ticket_id), Some(request.ticket_id));
}

#[tokio::test]
async fn changing_ones_own_address_ends_the_session_here() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com").await;
    let (_, etag) = dana.contacts(CONTOSO).await.unwrap();
    let batch = [ContactChange::EditContact {
        contact: "dana@example.com".into(),
        edit: ContactEdit {
            email: Some("dana.w@example.com".into()),
            ..ContactEdit::default()
        },
    }];
    let result = dana
        .send_contact_changes(CONTOSO, &batch, &etag)
        .await
        .unwrap();
    assert_eq!(
        result,
        BatchResult::Done(ContactChangeOutcome::Applied {
            applied: 1,
            signed_out: true
        })
    );
    let after = dana.contacts(CONTOSO).await.unwrap_err();
    assert!(matches!(after, Error::SessionEnded(_)), "{after:?}");
    let resumed = Core::under(home.path()).resume().await;
    assert!(resumed.is_err(), "no session is kept for the old address");
    sign_in_as(&portal, home.path(), "dana.w@example.com").await;
}

async fn sign_in_as(portal: &TestPortal, home: &std::path::Path, email: &str) {
    let session = sign_in(portal, home, email).await;
    assert_eq!(session.account().email, email);
}
