//! Contacts over real HTTP: who may manage them (the whole role matrix for
//! both policies), reviewed change requests (raised, shown, refused while
//! one waits, applied by the vendor, cancelled), direct changes applied at
//! once, the last-manager rule, unique addresses, sessions and e-mail that
//! follow from changes, stale batches, and who may sign in at all.

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, ETAG, IF_MATCH, IF_NONE_MATCH};
use serde_json::{Value, json};
use test_support::TestPortal;
use test_support::portal_api::{self, apply_contact_change, link_in_latest_mail, outbox};

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const PASSWORD: &str = "demo-password";
const NORTHWIND: i64 = 1;
const CONTOSO: i64 = 2;
const FABRIKAM: i64 = 3;

async fn token(portal: &TestPortal, email: &str) -> String {
    portal_api::access_token(portal.url(), email, PASSWORD).await
}

/// `GET .../contacts`: status, ETag and body.
async fn contacts(
    portal: &TestPortal,
    token: &str,
    organization: i64,
) -> (StatusCode, String, Value) {
    let response = test_support::loopback_client()
        .get(format!(
            "{}/api/v1/organizations/{organization}/contacts",
            portal.url()
        ))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let etag = response
        .headers()
        .get(ETAG)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, etag, response.json().await.unwrap())
}

/// `POST .../contact-changes` with `If-Match: etag` (none when empty).
async fn send_batch(
    portal: &TestPortal,
    token: &str,
    organization: i64,
    etag: &str,
    changes: Value,
) -> (StatusCode, Value) {
    let mut request = test_support::loopback_client()
        .post(format!(
            "{}/api/v1/organizations/{organization}/contact-changes",
            portal.url()
        ))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .json(&json!({ "changes": changes }));
    if !etag.is_empty() {
        request = request.header(IF_MATCH, etag);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn post(portal: &TestPortal, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let response = portal_api::post(portal.url(), Some(token), path, body).await;
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// An administrator's password reset of `contact` is refused with a reason
/// that says `why`, and their password still works.
async fn reset_is_refused(
    portal: &TestPortal,
    token: &str,
    organization: i64,
    contact: &str,
    why: &str,
) {
    let (status, problem) = post(
        portal,
        token,
        &format!("/api/v1/organizations/{organization}/contacts/password-reset"),
        json!({ "contact": contact }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains(why),
        "{problem}"
    );
    assert_eq!(
        portal_api::login(portal.url(), contact, PASSWORD)
            .await
            .status(),
        StatusCode::OK,
        "the password still works"
    );
}

/// Answers the invitation of the e-mailed `link` on its page.
async fn answer_invitation(portal: &TestPortal, link: &str, answer: &str) -> StatusCode {
    let token = link.split("token=").nth(1).unwrap();
    test_support::loopback_client()
        .post(format!("{}/invitations", portal.url()))
        .form(&[("token", token), ("answer", answer)])
        .send()
        .await
        .unwrap()
        .status()
}

fn errors(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|error| {
            (
                error["field"].as_str().unwrap().to_owned(),
                error["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn message_for<'a>(problem: &'a Value, field: &str) -> &'a str {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|error| error["field"] == field)
        .and_then(|error| error["message"].as_str())
        .unwrap_or_else(|| panic!("no error for {field} in {problem}"))
}

fn contact<'a>(list: &'a Value, email: &str) -> Option<&'a Value> {
    list.as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == email)
}

fn customer_id(directory: &Value, name: &str) -> i64 {
    directory["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|customer| customer["name"] == name)
        .and_then(|customer| customer["id"].as_i64())
        .unwrap_or_else(|| panic!("no customer {name}"))
}

fn mail_to(portal: &TestPortal, to: &str) -> Vec<Value> {
    outbox(portal.db_path())
        .into_iter()
        .filter(|message| message["to"] == to)
        .collect()
}

/// Follows an activation or reset link against this portal: chooses
/// `password`.
async fn choose_password(portal: &TestPortal, link: &str, password: &str) {
    let token = link.split("token=").nth(1).expect("a token in the link");
    let response = test_support::loopback_client()
        .post(format!("{}/reset-password", portal.url()))
        .form(&[
            ("token", token),
            ("password", password),
            ("password_again", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

const MATRIX: &str = r#"{
  "organizations": [
    {"name": "Review Co", "policy": "review", "roles": [
      {"name": "Management", "description": "m", "grants": ["manage_contacts", "organization_documents"]},
      {"name": "Cust. Admin.", "description": "c", "grants": ["manage_contacts"]},
      {"name": "Technical Contact", "description": "t", "grants": ["organization_tickets"]},
      {"name": "Accounts Payable", "description": "a", "grants": ["organization_documents"]}]},
    {"name": "Direct Co", "policy": "direct", "customers": ["Acme"], "roles": [
      {"name": "Admin", "description": "a", "grants": ["manage_contacts", "customer_data"]},
      {"name": "User", "description": "u", "grants": ["customer_data", "assigned_customers"]},
      {"name": "Marketing", "description": "m", "grants": ["partner_kit"]},
      {"name": "Notifications", "description": "n", "grants": ["no_sign_in"]}]}
  ],
  "users": [
    {"email": "management@example.com", "password": "demo-password", "first_name": "M", "last_name": "M",
     "memberships": [{"organization": "Review Co", "roles": ["Management"]}]},
    {"email": "custadmin@example.com", "password": "demo-password", "first_name": "C", "last_name": "C",
     "memberships": [{"organization": "Review Co", "roles": ["Cust. Admin."]}]},
    {"email": "technical@example.com", "password": "demo-password", "first_name": "T", "last_name": "T",
     "memberships": [{"organization": "Review Co", "roles": ["Technical Contact"]}]},
    {"email": "payable@example.com", "password": "demo-password", "first_name": "P", "last_name": "P",
     "memberships": [{"organization": "Review Co", "roles": ["Accounts Payable"]}]},
    {"email": "admin@example.com", "password": "demo-password", "first_name": "A", "last_name": "A",
     "memberships": [{"organization": "Direct Co", "roles": ["Admin"]}]},
    {"email": "user@example.com", "password": "demo-password", "first_name": "U", "last_name": "U",
     "memberships": [{"organization": "Direct Co", "roles": ["User"]}]},
    {"email": "marketing@example.com", "password": "demo-password", "first_name": "K", "last_name": "K",
     "memberships": [{"organization": "Direct Co", "roles": ["Marketing"]}]},
    {"email": "notifications@example.com", "password": "demo-password", "first_name": "N", "last_name": "N",
     "memberships": [{"organization": "Direct Co", "roles": ["Notifications"]}]},
    {"email": "outsider@example.com", "password": "demo-password", "first_name": "O", "last_name": "O"}
  ]
}"#;

#[tokio::test]
async fn only_managers_reach_the_contacts_endpoints_under_either_policy() {
    let portal = TestPortal::with_fixtures(MATRIX);
    let (review, direct) = (1, 2);
    let cases = [
        ("management@example.com", review, true),
        ("custadmin@example.com", review, true),
        ("technical@example.com", review, false),
        ("payable@example.com", review, false),
        ("outsider@example.com", review, false),
        ("admin@example.com", review, false),
        ("admin@example.com", direct, true),
        ("user@example.com", direct, false),
        ("marketing@example.com", direct, false),
        ("outsider@example.com", direct, false),
        ("management@example.com", direct, false),
    ];
    for (email, organization, manager) in cases {
        let token = token(&portal, email).await;
        let who = format!("{email} at organization {organization}");
        let (status, _, _) = contacts(&portal, &token, organization).await;
        assert_eq!(status == StatusCode::OK, manager, "GET contacts: {who}");
        let (status, problem) = send_batch(&portal, &token, organization, "", json!([])).await;
        let expected = if manager {
            StatusCode::PRECONDITION_REQUIRED
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "POST contact-changes: {who} {problem}");
        let (status, _) = post(
            &portal,
            &token,
            &format!("/api/v1/organizations/{organization}/contact-changes/999/cancel"),
            json!({}),
        )
        .await;
        let expected = if manager {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "POST cancel: {who}");
        let (status, _) = post(
            &portal,
            &token,
            &format!("/api/v1/organizations/{organization}/contacts/password-reset"),
            json!({ "contact": "nobody@example.com" }),
        )
        .await;
        assert_eq!(status, expected, "POST password-reset: {who}");
    }
    // The 403 names the roles that may.
    let technical = token(&portal, "technical@example.com").await;
    let (_, _, problem) = contacts(&portal, &technical, review).await;
    assert_eq!(problem["code"], "forbidden");
    assert_eq!(
        problem["detail"],
        "Only contacts with the role Management or Cust. Admin. can manage the contacts of Review Co."
    );
    // The Notifications role cannot sign in at all, and says why.
    let response = portal_api::login(portal.url(), "notifications@example.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "sign_in_not_allowed");
    assert_eq!(
        problem["detail"],
        "notifications@example.com receives e-mail notifications only (Notifications at Direct Co), so it cannot sign in to the portal."
    );
    // A wrong password still says only that.
    let response = portal_api::login(portal.url(), "notifications@example.com", "wrong").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // Customer data: Admin and User yes, Marketing no.
    for (email, allowed) in [
        ("admin@example.com", true),
        ("user@example.com", true),
        ("marketing@example.com", false),
    ] {
        let token = token(&portal, email).await;
        let (status, _) = portal_api::get_json(
            portal.url(),
            &token,
            &format!("/api/v1/organizations/{direct}/customers"),
        )
        .await;
        assert_eq!(status == StatusCode::OK, allowed, "customers: {email}");
    }
}

#[tokio::test]
async fn a_reviewed_request_waits_for_the_vendor_then_applies() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (status, etag, before) = contacts(&portal, &dana, NORTHWIND).await;
    assert_eq!(status, StatusCode::OK, "{before}");
    assert_eq!(before["organization"]["policy"], "review");
    let names: Vec<&str> = before["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|role| role["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Management",
            "Cust. Admin.",
            "Technical Contact",
            "Accounts Payable"
        ]
    );
    assert_eq!(
        contact(&before["contacts"], "dana@example.com").unwrap()["you"],
        true
    );
    // An unchanged list answers 304.
    let response = test_support::loopback_client()
        .get(format!(
            "{}/api/v1/organizations/{NORTHWIND}/contacts",
            portal.url()
        ))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);

    // The demo's request (ticket #1235): active and requested side by side.
    let pending = &before["pending"];
    assert_eq!(pending["ticket_id"], 1235);
    assert_eq!(pending["requested_by"], "Dana Whitfield");
    assert_eq!(pending["can_cancel"], true);
    assert_eq!(pending["changes"].as_array().unwrap().len(), 2);
    let requested = &pending["requested"];
    assert_eq!(
        contact(requested, "lee@example.com").unwrap()["roles"],
        json!(["Cust. Admin.", "Technical Contact"])
    );
    assert_eq!(
        contact(&before["contacts"], "lee@example.com").unwrap()["roles"],
        json!(["Technical Contact"])
    );
    assert_eq!(
        contact(requested, "nina@example.com").unwrap()["active"],
        false
    );
    assert!(contact(&before["contacts"], "nina@example.com").is_none());
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM users WHERE email = 'nina@example.com'"),
        0
    );

    // A second batch while one waits: 409 naming the ticket.
    let (status, problem) = send_batch(
        &portal,
        &dana,
        NORTHWIND,
        &etag,
        json!([{"action": "revoke_role", "contact": "priya@example.com", "role": "Accounts Payable"}]),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "change_pending");
    assert_eq!(problem["ticket_id"], 1235);

    // The vendor applies it.
    let output = apply_contact_change(portal.db_path(), 1235);
    assert!(output.status.success(), "{output:?}");
    let (_, _, after) = contacts(&portal, &dana, NORTHWIND).await;
    assert!(after["pending"].is_null());
    assert_eq!(
        contact(&after["contacts"], "lee@example.com").unwrap()["roles"],
        json!(["Cust. Admin.", "Technical Contact"])
    );
    let nina = contact(&after["contacts"], "nina@example.com").unwrap();
    assert_eq!(nina["active"], false);
    assert_eq!(nina["office_phone"], "+44 20 7946 0301");
    let (_, ticket_json) = portal_api::get_json(portal.url(), &dana, "/api/v1/tickets/1235").await;
    assert_eq!(ticket_json["status"], "resolved");
    assert!(
        mail_to(&portal, "dana@example.com")
            .iter()
            .any(|m| m["subject"] == "Your contact changes for Northwind Traders are in effect")
    );
    // Nina activates her account through the welcome e-mail, then signs in.
    let link = link_in_latest_mail(portal.db_path(), "nina@example.com", "Welcome");
    assert!(link.contains("/reset-password?token="), "{link}");
    assert_eq!(
        portal_api::login(portal.url(), "nina@example.com", "anything at all")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    choose_password(&portal, &link, "a long new password 42").await;
    portal_api::access_token(portal.url(), "nina@example.com", "a long new password 42").await;
    let (_, etag, activated) = contacts(&portal, &dana, NORTHWIND).await;
    assert_eq!(
        contact(&activated["contacts"], "nina@example.com").unwrap()["active"],
        true
    );

    // An applied request cannot be cancelled; applying twice is refused.
    let request_id =
        portal.query_i64("SELECT id FROM contact_change_requests WHERE ticket_id = 1235");
    let (status, problem) = post(
        &portal,
        &dana,
        &format!("/api/v1/organizations/{NORTHWIND}/contact-changes/{request_id}/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "ticket_closed");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("was applied on"),
        "{problem}"
    );
    let output = apply_contact_change(portal.db_path(), 1235);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("applied already"));

    // A new batch becomes a new request with its own ticket.
    let batch = json!([
        {"action": "grant_role", "contact": "priya@example.com", "role": "Management"},
        {"action": "edit_contact", "contact": "lee@example.com", "edit": {"mobile_phone": "+44 7700 900555"}}
    ]);
    let (status, outcome) = send_batch(&portal, &dana, NORTHWIND, &etag, batch.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{outcome}");
    assert_eq!(outcome["outcome"], "requested");
    assert_eq!(outcome["request"]["changes"], batch);
    let ticket = outcome["request"]["ticket_id"].as_i64().unwrap();
    let (_, ticket_json) =
        portal_api::get_json(portal.url(), &dana, &format!("/api/v1/tickets/{ticket}")).await;
    assert_eq!(ticket_json["kind"], "contact_change");
    assert_eq!(ticket_json["status"], "open");
    assert_eq!(
        ticket_json["subject"],
        "Contact changes for Northwind Traders"
    );
    assert_eq!(
        ticket_json["comments"][0]["text"],
        "Please make these changes to the contacts of Northwind Traders:\n- Grant Management to priya@example.com\n- Edit lee@example.com: mobile phone → +44 7700 900555"
    );
    assert!(
        mail_to(&portal, "dana@example.com")
            .iter()
            .any(|m| m["subject"]
                == "Your contact change request for Northwind Traders was raised"
                && m["body"].as_str().unwrap().contains(&format!("#{ticket}")))
    );
}

#[tokio::test]
async fn a_request_can_be_cancelled_by_its_requester_only() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let request_id =
        portal.query_i64("SELECT id FROM contact_change_requests WHERE ticket_id = 1235");
    let cancel = format!("/api/v1/organizations/{NORTHWIND}/contact-changes/{request_id}/cancel");
    // Lee is no manager: 403 like every contacts endpoint.
    let lee = token(&portal, "lee@example.com").await;
    let (status, _) = post(&portal, &lee, &cancel, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post(&portal, &dana, &cancel, json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, etag, after) = contacts(&portal, &dana, NORTHWIND).await;
    assert!(after["pending"].is_null());
    let (_, ticket_json) = portal_api::get_json(portal.url(), &dana, "/api/v1/tickets/1235").await;
    assert_eq!(ticket_json["status"], "cancelled");
    let (status, problem) = post(&portal, &dana, &cancel, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("cancelled already")
    );
    let output = apply_contact_change(portal.db_path(), 1235);
    assert!(String::from_utf8_lossy(&output.stderr).contains("was cancelled"));

    // Cancelling the ticket itself ends the request too.
    let (status, outcome) = send_batch(
        &portal,
        &dana,
        NORTHWIND,
        &etag,
        json!([{"action": "remove_contact", "contact": "priya@example.com"}]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{outcome}");
    let ticket = outcome["request"]["ticket_id"].as_i64().unwrap();
    let (status, _) = post(
        &portal,
        &dana,
        &format!("/api/v1/tickets/{ticket}/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, after) = contacts(&portal, &dana, NORTHWIND).await;
    assert!(after["pending"].is_null());
}

#[tokio::test]
async fn a_bad_batch_names_every_problem_and_changes_nothing() {
    let portal = TestPortal::with_fixtures(DEMO);
    let kenji = token(&portal, "kenji@example.com").await;
    let (_, etag, before) = contacts(&portal, &kenji, FABRIKAM).await;
    let tickets_before = portal.query_i64("SELECT COUNT(*) FROM tickets");
    let (status, problem) = send_batch(
        &portal,
        &kenji,
        FABRIKAM,
        &etag,
        json!([
            {"action": "add_contact", "details": {"email": "norole@example.com", "first_name": "No", "last_name": "Role"}, "roles": []},
            {"action": "add_contact", "details": {"email": "not an address", "first_name": "Bad", "last_name": "Mail"}, "roles": ["Technical Contact"]},
            {"action": "add_contact", "details": {"email": "AMARA@example.com", "first_name": "Amara", "last_name": "Again"}, "roles": ["Technical Contact"]},
            {"action": "grant_role", "contact": "amara@example.com", "role": "Owner"},
            // Amara is a contact of Northwind too: her address is hers.
            {"action": "edit_contact", "contact": "amara@example.com", "edit": {"email": "dana@example.com"}},
            {"action": "remove_contact", "contact": "kenji@example.com"}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        errors(&problem),
        [
            ("changes[0].roles".into(), "no_role".into()),
            ("changes[1].details.email".into(), "invalid".into()),
            ("changes[2].details.email".into(), "duplicate".into()),
            ("changes[3].role".into(), "unknown_role".into()),
            ("changes[4].edit.email".into(), "other_organization".into()),
            ("changes[5].contact".into(), "last_manager".into()),
        ]
    );
    assert_eq!(
        message_for(&problem, "changes[5].contact"),
        "You are the last active Management or Cust. Admin. of Fabrikam Logistics; make someone else Management or Cust. Admin. first."
    );
    assert_eq!(
        message_for(&problem, "changes[3].role"),
        "Fabrikam Logistics has no role named \"Owner\"; its roles are Management, Cust. Admin., Technical Contact."
    );
    // Demoting the last manager is refused with the reason too.
    let (_, problem) = send_batch(
        &portal,
        &kenji,
        FABRIKAM,
        &etag,
        json!([
            {"action": "revoke_role", "contact": "kenji@example.com", "role": "Management"},
            {"action": "revoke_role", "contact": "kenji@example.com", "role": "Cust. Admin."},
            {"action": "grant_role", "contact": "kenji@example.com", "role": "Technical Contact"}
        ]),
    )
    .await;
    assert_eq!(
        errors(&problem),
        [
            ("changes[0].contact".into(), "last_manager".into()),
            ("changes[1].contact".into(), "last_manager".into()),
        ]
    );
    let (_, after_etag, after) = contacts(&portal, &kenji, FABRIKAM).await;
    assert_eq!(after, before);
    assert_eq!(after_etag, etag);
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM tickets"),
        tickets_before
    );
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM contact_change_requests"),
        1
    );
}

#[tokio::test]
async fn direct_changes_apply_at_once_with_their_consequences() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (_, etag, directory) = contacts(&portal, &dana, CONTOSO).await;
    assert_eq!(directory["organization"]["policy"], "direct");
    let acme = customer_id(&directory, "Acme Retail");
    let cedar = customer_id(&directory, "Cedar Health");
    assert_eq!(
        contact(&directory["contacts"], "marco@example.com").unwrap()["customers"],
        json!([acme, cedar])
    );
    // Add a User with two customers: applied at once.
    let (status, outcome) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "add_contact", "details": {"email": "uma@example.com", "first_name": "Uma",
            "last_name": "Reyes"}, "roles": ["User"], "customers": [cedar, acme]}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    assert_eq!(
        outcome,
        json!({"outcome": "applied", "applied": 1, "signed_out": false})
    );
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM contact_change_requests WHERE organization_id = 2"),
        0,
        "nothing waits under the direct policy"
    );
    let (_, _, directory) = contacts(&portal, &dana, CONTOSO).await;
    let uma = contact(&directory["contacts"], "uma@example.com").unwrap();
    assert_eq!(uma["roles"], json!(["User"]));
    assert_eq!(uma["customers"], json!([acme, cedar]));
    assert_eq!(uma["active"], false);
    let link = link_in_latest_mail(
        portal.db_path(),
        "uma@example.com",
        "Welcome to Contoso Partners",
    );
    choose_password(&portal, &link, "uma's own password 7").await;
    let (_, stale_etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let uma_token =
        portal_api::access_token(portal.url(), "uma@example.com", "uma's own password 7").await;
    let (_, visible) = portal_api::get_json(
        portal.url(),
        &uma_token,
        &format!("/api/v1/organizations/{CONTOSO}/customers"),
    )
    .await;
    assert_eq!(
        visible,
        json!([{"id": acme, "name": "Acme Retail"}, {"id": cedar, "name": "Cedar Health"}])
    );

    // Bad input: a customer of no partnership here, customers for Marketing.
    let (status, problem) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &stale_etag,
        json!([
            {"action": "set_customers", "contact": "uma@example.com", "customers": [acme, 999]},
            {"action": "set_customers", "contact": "sofia@example.com", "customers": [acme]}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        errors(&problem),
        [
            ("changes[0].customers".into(), "unknown_customer".into()),
            ("changes[1].customers".into(), "not_assignable".into()),
        ]
    );

    // Change her role: the assignments go with the User role.
    let (status, _) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &stale_etag,
        json!([
            {"action": "grant_role", "contact": "uma@example.com", "role": "Marketing"},
            {"action": "revoke_role", "contact": "uma@example.com", "role": "User"}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // A batch built on the list before that change is stale: 412.
    let (status, problem) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &stale_etag,
        json!([{"action": "remove_contact", "contact": "uma@example.com"}]),
    )
    .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{problem}");
    assert_eq!(problem["code"], "precondition_failed");
    let (_, etag, directory) = contacts(&portal, &dana, CONTOSO).await;
    let uma = contact(&directory["contacts"], "uma@example.com").unwrap();
    assert_eq!(uma["roles"], json!(["Marketing"]));
    assert_eq!(uma["customers"], json!([]));
    // A Marketing user sees no customer data and no documents.
    for path in [
        format!("/api/v1/organizations/{CONTOSO}/customers"),
        format!("/api/v1/organizations/{CONTOSO}/documents"),
    ] {
        let (status, _) = portal_api::get_json(portal.url(), &uma_token, &path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }

    // Remove her: her session ends at once, she is told, she cannot sign in.
    let (status, _) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "remove_contact", "contact": "uma@example.com"}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let response = portal_api::get(portal.url(), &uma_token, "/api/v1/me").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let revoked: Vec<Value> = mail_to(&portal, "uma@example.com")
        .into_iter()
        .filter(|m| m["subject"] == "Your access to Contoso Partners has been revoked")
        .collect();
    assert_eq!(revoked.len(), 1);
    let response = portal_api::login(portal.url(), "uma@example.com", "uma's own password 7").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "sign_in_not_allowed");
    assert!(problem["detail"].as_str().unwrap().contains("was revoked"));
}

#[tokio::test]
async fn administrators_keep_an_admin_reset_passwords_and_set_notifications() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    // Dana is Contoso's only Admin: she cannot remove or demote herself.
    for change in [
        json!({"action": "remove_contact", "contact": "dana@example.com"}),
        json!({"action": "revoke_role", "contact": "dana@example.com", "role": "Admin"}),
    ] {
        let (status, problem) = send_batch(&portal, &dana, CONTOSO, &etag, json!([change])).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            message_for(&problem, "changes[0].contact"),
            "You are the last active Admin of Contoso Partners; make someone else Admin first."
        );
    }
    // Notification digest for Marco, and a Notifications-only user loses
    // sign-in: Marco's sessions end when he becomes one.
    let marco = token(&portal, "marco@example.com").await;
    let (status, _) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "set_notifications", "contact": "marco@example.com",
                "notifications": {"frequency": "weekly", "categories": ["tickets"]}}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, list) = contacts(&portal, &dana, CONTOSO).await;
    let listed = list["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == "marco@example.com")
        .unwrap();
    assert_eq!(
        listed["notifications"],
        json!({"frequency": "weekly", "categories": ["tickets"]})
    );
    // Contoso's choice is Contoso's: Marco's own settings are his.
    let (_, settings) = portal_api::get_json(portal.url(), &marco, "/api/v1/me/settings").await;
    assert_ne!(
        settings["digest"],
        json!({"frequency": "weekly", "categories": ["tickets"]})
    );
    // A password reset by the Admin: Marco's password stops working, his
    // session ends, the link arrives.
    let (status, done) = post(
        &portal,
        &dana,
        &format!("/api/v1/organizations/{CONTOSO}/contacts/password-reset"),
        json!({"contact": "marco@example.com"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["signed_out"], false);
    assert_eq!(
        portal_api::get(portal.url(), &marco, "/api/v1/me")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        portal_api::login(portal.url(), "marco@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let link = link_in_latest_mail(
        portal.db_path(),
        "marco@example.com",
        "Choose a new password",
    );
    choose_password(&portal, &link, "marco's fresh password").await;
    let marco =
        portal_api::access_token(portal.url(), "marco@example.com", "marco's fresh password").await;
    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let (status, _) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([
            {"action": "grant_role", "contact": "marco@example.com", "role": "Notifications"},
            {"action": "revoke_role", "contact": "marco@example.com", "role": "User"}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        portal_api::get(portal.url(), &marco, "/api/v1/me")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );

    // An Admin changing her own address is signed out and signs in with it.
    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let (status, outcome) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "edit_contact", "contact": "dana@example.com",
                "edit": {"email": "dana.whitfield@example.com", "office_phone": ""}}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    assert_eq!(outcome["signed_out"], true);
    assert_eq!(
        portal_api::get(portal.url(), &dana, "/api/v1/me")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        portal_api::login(portal.url(), "dana@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let dana = portal_api::access_token(portal.url(), "dana.whitfield@example.com", PASSWORD).await;
    let (_, me) = portal_api::get_json(portal.url(), &dana, "/api/v1/me").await;
    assert_eq!(me["email"], "dana.whitfield@example.com");
    assert!(me["office_phone"].is_null());
}

/// The cross-organization takeover, step by step: Contoso's Admin adds
/// Kenji (a contact of Fabrikam only), then tries to move his sign-in
/// address to one she controls, to reset his password, and to change his
/// notifications. Each step is refused or kept to Contoso.
#[tokio::test]
async fn an_administrator_cannot_take_over_a_user_of_another_organization() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let (status, outcome) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "add_contact",
                "details": {"email": "kenji@example.com", "first_name": "Kenji", "last_name": "Sato"},
                "roles": ["User"]}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    // Kenji has an account already: he is only invited. Contoso lists him as
    // such, and until he accepts neither side reaches the other.
    let (_, _, list) = contacts(&portal, &dana, CONTOSO).await;
    let listed = list["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == "kenji@example.com")
        .unwrap()
        .clone();
    assert_eq!(
        (listed["invited"].clone(), listed["active"].clone()),
        (json!(true), json!(false))
    );
    let kenji_early = token(&portal, "kenji@example.com").await;
    let (_, roles) = portal_api::get_json(portal.url(), &kenji_early, "/api/v1/me/roles").await;
    assert!(
        !roles.to_string().contains("Contoso"),
        "no Contoso role before he accepts: {roles}"
    );

    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let (status, problem) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "edit_contact", "contact": "kenji@example.com",
                "edit": {"email": "attacker@example.net"}}]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        errors(&problem),
        [(
            "changes[0].edit.email".to_owned(),
            "other_organization".to_owned()
        )]
    );
    assert!(
        message_for(&problem, "changes[0].edit.email")
            .contains("only they can change their address")
    );
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM users WHERE email = 'kenji@example.com'"),
        1,
        "his address is his"
    );

    reset_is_refused(
        &portal,
        &dana,
        CONTOSO,
        "kenji@example.com",
        "another organization",
    )
    .await;
    assert!(
        !outbox(portal.db_path())
            .iter()
            .any(|mail| mail["to"] == "kenji@example.com"
                && mail["subject"] == "Choose a new password"),
        "no reset link went anywhere"
    );

    let kenji = token(&portal, "kenji@example.com").await;
    let (_, before) = portal_api::get_json(portal.url(), &kenji, "/api/v1/me/settings").await;
    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let (status, _) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "set_notifications", "contact": "kenji@example.com",
                "notifications": {"frequency": "weekly", "categories": []}}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, after) = portal_api::get_json(portal.url(), &kenji, "/api/v1/me/settings").await;
    assert_eq!(
        before["digest"], after["digest"],
        "his own settings are his"
    );

    // He accepts through the e-mailed link: now the role applies.
    let link = link_in_latest_mail(
        portal.db_path(),
        "kenji@example.com",
        "Contoso Partners invites you to its contacts on the portal",
    );
    let page = test_support::loopback_client()
        .get(&link)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Contoso Partners"));
    assert_eq!(
        answer_invitation(&portal, &link, "accept").await,
        StatusCode::OK
    );
    assert_eq!(
        answer_invitation(&portal, &link, "accept").await,
        StatusCode::NOT_FOUND,
        "the link works once: an answered invitation is gone"
    );
    let (_, roles) = portal_api::get_json(portal.url(), &kenji, "/api/v1/me/roles").await;
    assert!(roles.to_string().contains("Contoso"), "{roles}");
    let (_, _, list) = contacts(&portal, &dana, CONTOSO).await;
    assert!(
        list["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|contact| contact["email"] == "kenji@example.com" && contact["invited"] == false)
    );
}

#[tokio::test]
async fn a_declined_invitation_leaves_nothing_behind() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let (status, _) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "add_contact",
                "details": {"email": "priya@example.com", "first_name": "Priya", "last_name": "Shah"},
                "roles": ["Marketing"]}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let link = link_in_latest_mail(
        portal.db_path(),
        "priya@example.com",
        "Contoso Partners invites you to its contacts on the portal",
    );
    assert_eq!(
        answer_invitation(&portal, &link, "decline").await,
        StatusCode::OK
    );
    let (_, _, list) = contacts(&portal, &dana, CONTOSO).await;
    assert!(
        !list["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|contact| contact["email"] == "priya@example.com")
    );
    assert_eq!(
        test_support::loopback_client()
            .get(&link)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_address_change_is_announced_to_both_addresses() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (_, etag, _) = contacts(&portal, &dana, CONTOSO).await;
    let (status, outcome) = send_batch(
        &portal,
        &dana,
        CONTOSO,
        &etag,
        json!([{"action": "edit_contact", "contact": "marco@example.com",
                "edit": {"email": "marco.rossi@example.com"}}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    let mail = outbox(portal.db_path());
    for address in ["marco@example.com", "marco.rossi@example.com"] {
        assert!(
            mail.iter().any(|message| message["to"] == address
                && message["subject"] == "Your user name has changed"
                && message["body"]
                    .as_str()
                    .unwrap()
                    .contains("Contoso Partners")),
            "{address} is told: {mail:?}"
        );
    }
}

#[tokio::test]
async fn administrators_of_reviewed_organizations_cannot_reset_passwords() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    reset_is_refused(
        &portal,
        &dana,
        NORTHWIND,
        "lee@example.com",
        "Forgot your password?",
    )
    .await;
}
