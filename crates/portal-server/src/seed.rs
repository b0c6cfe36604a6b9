//! Fixtures: the JSON format `--seed FILE.json` loads (documented in
//! `docs/fixtures.md`), and the built-in demo portal written in it.

use std::collections::HashMap;

use anyhow::{Context, bail};
use rusqlite::{Connection, params};
use serde::Deserialize;

use crate::db::now;
use crate::document_seed::{self, DocumentFixture, DocumentSeriesFixture, Recipients};
use crate::files::FileStore;
use crate::kb_seed::{self, KnowledgeBaseFixture};
use crate::kit_seed::{self, PartnerKitFixture};
use crate::ticket_seed::{self, TicketFixture};
use crate::tokens::hash_password;

/// The demo portal's fixtures.
pub const DEMO_FIXTURES: &str = include_str!("../seeds/demo.json");

/// A whole fixture file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixtures {
    /// Organizations with their role catalogues.
    #[serde(default)]
    pub organizations: Vec<OrganizationFixture>,
    /// Users with their memberships.
    #[serde(default)]
    pub users: Vec<UserFixture>,
    /// Single quotes and invoices.
    #[serde(default)]
    pub documents: Vec<DocumentFixture>,
    /// Generated series of quotes and invoices.
    #[serde(default)]
    pub document_series: Vec<DocumentSeriesFixture>,
    /// Support tickets with their conversations.
    #[serde(default)]
    pub tickets: Vec<TicketFixture>,
    /// The knowledge base: categories given inline, or `"demo"`.
    #[serde(default)]
    pub knowledge_base: KnowledgeBaseFixture,
    /// The Partner Kit: files given inline, or `"demo"`.
    #[serde(default)]
    pub partner_kit: PartnerKitFixture,
}

/// An organization and its role catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationFixture {
    /// Unique display name; memberships refer to it.
    pub name: String,
    /// `review` (changes become a reviewed request) or `direct`.
    pub policy: String,
    /// The organization's role catalogue.
    #[serde(default)]
    pub roles: Vec<RoleFixture>,
    /// The partnership's customers, by name (seed 004).
    #[serde(default)]
    pub customers: Vec<String>,
}

/// One role of a catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFixture {
    /// Role name, unique within the organization.
    pub name: String,
    /// What the role is for.
    pub description: String,
    /// Permission names the role grants.
    #[serde(default)]
    pub grants: Vec<String>,
}

/// A portal user.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserFixture {
    /// User name and e-mail address.
    pub email: String,
    /// Plain password, hashed with argon2id on load.
    pub password: String,
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
    /// Company as the user writes it.
    #[serde(default)]
    pub company: Option<String>,
    /// Job title.
    #[serde(default)]
    pub job_title: Option<String>,
    /// Organizations the user is a contact of, with roles.
    #[serde(default)]
    pub memberships: Vec<MembershipFixture>,
}

/// A user's roles in one organization.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipFixture {
    /// The organization's name.
    pub organization: String,
    /// Role names from that organization's catalogue.
    pub roles: Vec<String>,
    /// Names of the organization's customers assigned to the contact.
    #[serde(default)]
    pub customers: Vec<String>,
}

/// Parses fixtures, with the JSON error's line and column on failure.
pub fn parse(json: &str) -> anyhow::Result<Fixtures> {
    serde_json::from_str(json).context("the fixture file is not valid")
}

/// True when the database has no users yet (a seed is applied only then,
/// so a restarted demo keeps its edits).
pub fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT COUNT(*) FROM users", [], |row| row.get::<_, i64>(0))
        .map(|count| count == 0)
}

/// Loads fixtures into the database in one transaction; document files go
/// to `files`.
pub fn apply(conn: &mut Connection, fixtures: &Fixtures, files: &FileStore) -> anyhow::Result<()> {
    let tx = conn.transaction()?;
    let mut users: HashMap<String, i64> = HashMap::new();
    let mut roles: HashMap<(String, String), i64> = HashMap::new();
    let mut organizations: HashMap<String, i64> = HashMap::new();
    let mut customers: HashMap<(String, String), i64> = HashMap::new();
    for org in &fixtures.organizations {
        if !matches!(org.policy.as_str(), "review" | "direct") {
            bail!(
                "organization {:?}: policy must be \"review\" or \"direct\", not {:?}",
                org.name,
                org.policy
            );
        }
        tx.execute(
            "INSERT INTO organizations (name, policy) VALUES (?1, ?2)",
            params![org.name, org.policy],
        )
        .with_context(|| format!("organization {:?}", org.name))?;
        let org_id = tx.last_insert_rowid();
        organizations.insert(org.name.clone(), org_id);
        for role in &org.roles {
            tx.execute(
                "INSERT INTO roles (organization_id, name, description, grants) VALUES (?1, ?2, ?3, ?4)",
                params![org_id, role.name, role.description, serde_json::to_string(&role.grants)?],
            )
            .with_context(|| format!("role {:?} of {:?}", role.name, org.name))?;
            roles.insert(
                (org.name.clone(), role.name.clone()),
                tx.last_insert_rowid(),
            );
        }
        for customer in &org.customers {
            tx.execute(
                "INSERT INTO customers (organization_id, name) VALUES (?1, ?2)",
                params![org_id, customer],
            )
            .with_context(|| format!("customer {:?} of {:?}", customer, org.name))?;
            customers.insert((org.name.clone(), customer.clone()), tx.last_insert_rowid());
        }
    }
    // Fixture users with the same password share one hash (one salt): a
    // seed of thousands of users would otherwise spend minutes in argon2.
    // Fixtures are test and demo data, never real accounts.
    let mut hashes: HashMap<&str, String> = HashMap::new();
    for user in &fixtures.users {
        let hash = match hashes.get(user.password.as_str()) {
            Some(hash) => hash.clone(),
            None => {
                let hash = hash_password(&user.password)?;
                hashes.insert(&user.password, hash.clone());
                hash
            }
        };
        tx.execute(
            "INSERT INTO users (email, password_hash, first_name, last_name, office_phone,
             mobile_phone, company, job_title, updated_at, activated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                user.email.trim(),
                hash,
                user.first_name,
                user.last_name,
                user.office_phone,
                user.mobile_phone,
                user.company,
                user.job_title,
                now()
            ],
        )
        .with_context(|| format!("user {:?}", user.email))?;
        let user_id = tx.last_insert_rowid();
        users.insert(user.email.trim().to_owned(), user_id);
        for membership in &user.memberships {
            let org_id = *organizations
                .get(&membership.organization)
                .with_context(|| {
                    format!(
                        "user {:?}: no organization named {:?}",
                        user.email, membership.organization
                    )
                })?;
            tx.execute(
                "INSERT INTO contacts (organization_id, user_id) VALUES (?1, ?2)",
                params![org_id, user_id],
            )?;
            let contact_id = tx.last_insert_rowid();
            for role in &membership.roles {
                let role_id = roles
                    .get(&(membership.organization.clone(), role.clone()))
                    .with_context(|| {
                        format!(
                            "user {:?}: {:?} has no role named {:?}",
                            user.email, membership.organization, role
                        )
                    })?;
                tx.execute(
                    "INSERT INTO contact_roles (contact_id, role_id) VALUES (?1, ?2)",
                    params![contact_id, role_id],
                )?;
            }
            for customer in &membership.customers {
                let customer_id = customers
                    .get(&(membership.organization.clone(), customer.clone()))
                    .with_context(|| {
                        format!(
                            "user {:?}: {:?} has no customer named {:?}",
                            user.email, membership.organization, customer
                        )
                    })?;
                tx.execute(
                    "INSERT INTO contact_customers (contact_id, customer_id) VALUES (?1, ?2)",
                    params![contact_id, customer_id],
                )?;
            }
        }
    }
    document_seed::apply(
        &tx,
        files,
        &Recipients {
            users: &users,
            organizations: &organizations,
        },
        &fixtures.documents,
        &fixtures.document_series,
    )?;
    ticket_seed::apply(&tx, files, &users, &organizations, &fixtures.tickets)?;
    kb_seed::apply(&tx, &fixtures.knowledge_base)?;
    kit_seed::apply(&tx, files, &fixtures.partner_kit)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_fixtures_parse_and_name_the_demo_users() {
        let demo = parse(DEMO_FIXTURES).unwrap();
        let emails: Vec<_> = demo.users.iter().map(|u| u.email.as_str()).collect();
        assert!(emails.contains(&"dana@example.com"));
        assert!(emails.contains(&"lee@example.com"));
        assert!(demo.users.iter().all(|u| u.password == "demo-password"));
        let policies: Vec<_> = demo
            .organizations
            .iter()
            .map(|o| (o.name.as_str(), o.policy.as_str()))
            .collect();
        assert!(policies.contains(&("Northwind Traders", "review")));
        assert!(policies.contains(&("Contoso Partners", "direct")));
    }

    #[test]
    fn unknown_fields_and_dangling_references_are_refused() {
        let typo = parse(r#"{"users": [], "organisations": []}"#).unwrap_err();
        assert!(format!("{typo:#}").contains("unknown field `organisations`"));

        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate_for_tests(&mut conn);
        let fixtures = parse(
            r#"{"users": [{"email": "a@example.com", "password": "pw", "first_name": "A",
                "last_name": "B", "memberships": [{"organization": "Nope", "roles": []}]}]}"#,
        )
        .unwrap();
        let folder = tempfile::tempdir().unwrap();
        let files = FileStore::beside(&folder.path().join("portal.db"));
        let _clock =
            crate::clock::Clock::starting_at(time::macros::datetime!(2030-01-15 09:00 UTC)).enter();
        let error = apply(&mut conn, &fixtures, &files).unwrap_err();
        assert!(format!("{error:#}").contains("no organization named \"Nope\""));
        assert!(
            is_empty(&conn).unwrap(),
            "nothing is applied from a bad file"
        );
    }
}
