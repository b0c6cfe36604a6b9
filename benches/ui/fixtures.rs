//! The portal the UI benchmark runs against: for `documents` = N, N quotes
//! and invoices for Ada over ten years, N / 5 tickets she follows and an
//! organization of N / 20 contacts she manages, with varied text and
//! states. Every date is fixed: the figures never depend on the day.

use serde_json::{Value, json};

/// The benchmark's user.
pub const EMAIL: &str = "ada@example.com";
/// The organization whose tickets and contacts are listed.
const ORGANIZATION: &str = "Bench Industries";

/// The fixture file, and how many tickets and contacts it holds.
pub fn fixtures(documents: usize, password: &str) -> (String, usize, usize) {
    let tickets = documents / 5;
    let contacts = documents / 20;
    let mut users = vec![json!({
        "email": EMAIL, "password": password, "first_name": "Ada", "last_name": "Lovelace",
        "memberships": [{ "organization": ORGANIZATION, "roles": ["Management"] }]
    })];
    users.extend((1..contacts).map(|n| contact(n, password)));
    let fixture = json!({
        "organizations": [{
            "name": ORGANIZATION,
            "policy": "review",
            "roles": [
                role("Management", &["manage_contacts", "organization_documents", "organization_tickets"]),
                role("Cust. Admin.", &["manage_contacts", "organization_tickets"]),
                role("Technical Contact", &["organization_tickets"]),
                role("Accounts Payable", &["organization_documents"]),
                role("Marketing", &["partner_kit"]),
            ]
        }],
        "users": users,
        "documents": (1..=documents).map(document).collect::<Vec<_>>(),
        "tickets": (1..=tickets).map(ticket).collect::<Vec<_>>(),
    });
    (fixture.to_string(), tickets, contacts)
}

const WHAT: [&str; 8] = [
    "Annual support renewal",
    "Field service visit",
    "Replacement parts",
    "Training day",
    "Licence upgrade",
    "Consulting hours",
    "Hardware refresh",
    "Cloud storage",
];

fn role(name: &str, grants: &[&str]) -> Value {
    json!({ "name": name, "description": format!("{name} of the organization."), "grants": grants })
}

/// Invoice or quote `n`.
fn document(n: usize) -> Value {
    let quote = n.is_multiple_of(9);
    json!({
        "number": format!("{}-{n:06}", if quote { "Q" } else { "INV" }),
        "kind": if quote { "quote" } else { "invoice" },
        "title": format!("{} {}", WHAT[n % WHAT.len()], n % 97),
        "issued_on": format!("{}-{:02}-{:02}", 2016 + n % 10, 1 + n % 12, 1 + n % 28),
        // A month after issue (January of the next year after December).
        "due_on": if quote { None } else { Some(format!("{}-{:02}-{:02}", 2016 + n % 10 + usize::from(n % 12 == 11), 1 + (n + 1) % 12, 1 + n % 28)) },
        "amount": format!("{}.{:02}", 10 + (n * 37) % 9_000, n % 100),
        "currency": if n.is_multiple_of(5) { "USD" } else { "EUR" },
        "paid": n.is_multiple_of(3),
        "user": EMAIL,
        "content": "x"
    })
}

/// Ticket `n`, raised by Ada for the organization, with one comment.
fn ticket(n: usize) -> Value {
    const STATUS: [&str; 4] = ["open", "awaiting_customer", "resolved", "cancelled"];
    json!({
        "subject": format!("{} question {n}", WHAT[n % WHAT.len()]),
        "status": STATUS[n % STATUS.len()],
        "requester": EMAIL,
        "organization": ORGANIZATION,
        "comments": [{
            "author": EMAIL,
            "at": format!("{}-{:02}-{:02}T{:02}:{:02}:00Z", 2020 + n % 6, 1 + n % 12, 1 + n % 28, n % 24, n % 60),
            "text": format!("Please look at case {n}."),
        }]
    })
}

/// Contact `n` of the organization, with one or two roles.
fn contact(n: usize, password: &str) -> Value {
    const FIRST: [&str; 6] = ["Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances"];
    const LAST: [&str; 5] = ["Hopper", "Turing", "Dijkstra", "Liskov", "Knuth"];
    const ROLES: [&[&str]; 4] = [
        &["Technical Contact"],
        &["Accounts Payable"],
        &["Technical Contact", "Marketing"],
        &["Cust. Admin."],
    ];
    json!({
        "email": format!("contact{n:05}@bench.example"),
        "password": password,
        "first_name": FIRST[n % FIRST.len()],
        "last_name": format!("{} {n}", LAST[n % LAST.len()]),
        "memberships": [{ "organization": ORGANIZATION, "roles": ROLES[n % ROLES.len()] }]
    })
}
