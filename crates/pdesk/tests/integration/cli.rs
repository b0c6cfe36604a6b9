//! `pdesk` end to end: the real binary, spawned against a spawned
//! `portal-server`, with its own home folder and a private Secret Service.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use test_support::{
    BASIC_FIXTURES, CannedHttp, PASSWORD, PortalProcess, SecretService, files_containing,
};

struct World {
    home: tempfile::TempDir,
    _keyring_home: tempfile::TempDir,
    keyring: SecretService,
    portal: PortalProcess,
}

impl World {
    fn new() -> Self {
        let keyring_home = tempfile::tempdir().unwrap();
        let keyring = SecretService::start(keyring_home.path());
        World {
            home: tempfile::tempdir().unwrap(),
            _keyring_home: keyring_home,
            keyring,
            portal: PortalProcess::spawn(BASIC_FIXTURES),
        }
    }

    #[cfg(unix)]
    fn without_keyring() -> Self {
        let world = Self::new();
        let keyring_home = tempfile::tempdir().unwrap();
        World {
            keyring: SecretService::bus_without_keyring(keyring_home.path()),
            _keyring_home: keyring_home,
            ..world
        }
    }

    fn pdesk(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut child = test_support::spawn(
            Command::new(env!("CARGO_BIN_EXE_pdesk"))
                .args(args)
                .env("PORTAL_DESK_HOME", self.home.path())
                .env("DBUS_SESSION_BUS_ADDRESS", self.keyring.address())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        );
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        Run(child.wait_with_output().unwrap())
    }

    fn login(&self, email: &str, password: &str) -> Run {
        self.pdesk(
            &[
                "--portal",
                self.portal.url(),
                "login",
                "--email",
                email,
                "--password-stdin",
            ],
            Some(&format!("{password}\n")),
        )
    }

    fn sql(&self, sql: &str) {
        let db =
            portal_server::Db::open(self.portal.db_path(), self.portal.clock().clone()).unwrap();
        db.run_blocking(|conn| conn.execute_batch(sql).unwrap());
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> Option<i32> {
        self.0.status.code()
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts success and answers stdout.
    fn ok(&self) -> String {
        assert_eq!(
            self.code(),
            Some(0),
            "stdout: {}\nstderr: {}",
            self.stdout(),
            self.stderr()
        );
        self.stdout()
    }
    /// Asserts failure with `code` and a one-line message; answers it.
    fn fails(&self, code: i32) -> String {
        assert_eq!(
            self.code(),
            Some(code),
            "stdout: {}\nstderr: {}",
            self.stdout(),
            self.stderr()
        );
        let stderr = self.stderr();
        assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr:?}");
        assert!(stderr.starts_with("pdesk: "), "{stderr}");
        stderr
    }
}

#[test]
fn login_show_edit_survive_a_keyring_restart_and_logout() {
    let mut world = World::new();
    let out = world.login("ada@example.com", PASSWORD).ok();
    assert_eq!(
        out.trim(),
        format!(
            "Signed in to {} as Ada Lovelace <ada@example.com>.",
            world.portal.url()
        )
    );
    assert!(
        files_containing(world.home.path(), PASSWORD).is_empty(),
        "no password on disk"
    );

    let shown = world.pdesk(&["profile", "show"], None).ok();
    assert!(shown.starts_with("Ada Lovelace\n"), "{shown}");
    assert!(
        shown.contains("Mobile phone        +44 7700 900001"),
        "{shown}"
    );

    let saved = world
        .pdesk(
            &[
                "profile",
                "set",
                "--mobile-phone",
                "+44 7700 900777",
                "--job-title",
                "",
            ],
            None,
        )
        .ok();
    assert!(saved.starts_with("Saved.\n"), "{saved}");
    assert!(
        saved.contains("Mobile phone        +44 7700 900777"),
        "{saved}"
    );
    assert!(saved.contains("Job title           \u{2014}"), "{saved}");

    world.keyring.restart_keyring();
    let json = world.pdesk(&["profile", "show", "--json"], None).ok();
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["profile"]["mobile_phone"], "+44 7700 900777");
    assert_eq!(document["profile"]["job_title"], serde_json::Value::Null);
    assert!(document["etag"].as_str().unwrap().starts_with('"'));

    let out = world.pdesk(&["logout"], None).ok();
    assert_eq!(out.trim(), format!("Signed out of {}.", world.portal.url()));
    let error = world.pdesk(&["profile", "show"], None).fails(3);
    assert!(error.contains("You are not signed in to"), "{error}");
    assert!(error.contains("pdesk --portal URL login"), "{error}");
}

#[test]
fn wrong_password_and_unknown_email_fail_identically() {
    let world = World::new();
    let wrong = world.login("ada@example.com", "not it");
    let unknown = world.login("nobody@example.com", "not it");
    assert_eq!(wrong.fails(1), unknown.fails(1));
    assert_eq!(
        wrong.stderr().trim(),
        "pdesk: The e-mail address or password is not correct."
    );
    let empty = world.login("ada@example.com", "");
    assert!(
        empty
            .fails(1)
            .contains("Standard input must hold the password: one line.")
    );
}

#[test]
fn bad_portal_addresses_are_explained() {
    let world = World::new();
    let run = |portal: &str| {
        world.pdesk(
            &[
                "--portal",
                portal,
                "login",
                "--email",
                "ada@example.com",
                "--password-stdin",
            ],
            Some(PASSWORD),
        )
    };
    assert!(
        run("")
            .fails(1)
            .contains("Enter the address of your portal")
    );
    assert!(run("https://").fails(1).contains("is not a web address"));
    let insecure = run("http://portal.example.com").fails(1);
    assert!(
        insecure.contains("only connects to portals over https://"),
        "{insecure}"
    );
    assert!(
        insecure.contains("Try https://portal.example.com"),
        "{insecure}"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    assert_eq!(
        run(&url).fails(1).trim(),
        format!("pdesk: Cannot reach {url}: nothing is answering there (connection refused).")
    );

    let web_page = CannedHttp::start(
        "200 OK",
        "text/html; charset=utf-8",
        "<!doctype html><p>Hi",
        &[],
    );
    let error = run(web_page.url()).fails(1);
    assert!(
        error.contains(
            "answered, but not like a customer portal (a web page instead of the portal API)"
        ),
        "{error}"
    );
}

#[test]
fn an_expired_session_asks_to_sign_in_again_and_keeps_the_account() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    world.sql("UPDATE refresh_tokens SET expires_at = 0");
    let error = world.pdesk(&["profile", "show"], None).fails(3);
    assert!(
        error.contains("This session has expired. Sign in again."),
        "{error}"
    );
    assert!(world.home.path().join("config/accounts.json").exists());
    world.login("ada@example.com", PASSWORD).ok();
    world.pdesk(&["profile", "show"], None).ok();
}

#[test]
fn a_profile_changed_elsewhere_is_a_conflict() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    let json = world.pdesk(&["profile", "show", "--json"], None).ok();
    let etag = serde_json::from_str::<serde_json::Value>(&json).unwrap()["etag"]
        .as_str()
        .unwrap()
        .to_owned();
    world
        .pdesk(
            &[
                "profile",
                "set",
                "--office-phone",
                "+44 20 7946 0000",
                "--if-match",
                &etag,
            ],
            None,
        )
        .ok();
    let error = world
        .pdesk(
            &[
                "profile",
                "set",
                "--first-name",
                "Augusta",
                "--if-match",
                &etag,
            ],
            None,
        )
        .fails(4);
    assert!(error.contains("changed elsewhere"), "{error}");
    assert!(error.contains("Reload it"), "{error}");
    let shown = world.pdesk(&["profile", "show"], None).ok();
    assert!(
        shown.starts_with("Ada Lovelace"),
        "the stale edit changed nothing: {shown}"
    );
}

#[test]
fn invalid_values_are_named_by_their_flags() {
    let world = World::new();
    // Sent on purpose: values the document refuses, to see the portal name each.
    world
        .portal
        .sends_off_contract_on_purpose("PATCH /api/v1/me: body");
    world.login("ada@example.com", PASSWORD).ok();
    let long_name = "N".repeat(101);
    let error = world
        .pdesk(
            &[
                "profile",
                "set",
                "--first-name",
                &long_name,
                "--mobile-phone",
                "call me",
                "--company",
                "Acme\nCorp\tLtd",
            ],
            None,
        )
        .fails(1);
    assert!(
        error.contains("--first-name: Use at most 100 characters."),
        "{error}"
    );
    assert!(
        error.contains("--mobile-phone: Use digits, spaces and + - ( ) . / only."),
        "{error}"
    );
    assert!(
        error.contains("--company: Remove control characters"),
        "{error}"
    );
    let usage = world.pdesk(&["profile", "set"], None);
    assert_eq!(
        usage.code(),
        Some(2),
        "a set without fields is a usage error"
    );
}

/// Linux only: a desktop may run no Secret Service at all. Windows always
/// has its Credential Manager; the twin there is
/// `portal-client/tests/keyring.rs`' Credential Manager test.
#[cfg(unix)]
#[test]
fn without_a_secret_service_nothing_is_kept_and_the_user_is_told() {
    let world = World::without_keyring();
    let error = world.login("ada@example.com", PASSWORD).fails(1);
    assert!(error.contains("No system keyring is available"), "{error}");
    assert!(error.contains("only until the app quits"), "{error}");
    assert!(files_containing(world.home.path(), PASSWORD).is_empty());
    let open_sessions = {
        let db =
            portal_server::Db::open(world.portal.db_path(), world.portal.clock().clone()).unwrap();
        db.run_blocking(|conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM token_families WHERE revoked_at IS NULL",
                [],
                |row| row.get::<_, i64>(0),
            )
            .unwrap()
        })
    };
    assert_eq!(
        open_sessions, 0,
        "the session that could not be kept was ended on the portal"
    );
    let error = world.pdesk(&["profile", "show"], None).fails(1);
    assert!(error.contains("No system keyring is available"), "{error}");
}

#[test]
fn settings_are_shown_changed_and_kept_on_the_portal() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    let shown = world.pdesk(&["settings", "show"], None).ok();
    assert!(shown.contains("(*) File Name.txt"), "{shown}");
    assert!(
        shown.contains("( ) #1234 \u{2013} File Name.txt"),
        "{shown}"
    );
    assert!(shown.contains("( ) [Ticket 1234] File Name.txt"), "{shown}");
    assert!(shown.contains("Security alerts         on"), "{shown}");

    let saved = world
        .pdesk(
            &[
                "settings",
                "set",
                "--attachment-format",
                "ticket-bracket-prefix",
                "--promotions",
                "on",
                "--digest-frequency",
                "weekly",
                "--digest-categories",
                "documents, contact-changes",
            ],
            None,
        )
        .ok();
    assert!(saved.starts_with("Saved.\n"), "{saved}");
    assert!(saved.contains("(*) [Ticket 1234] File Name.txt"), "{saved}");
    assert!(
        saved.contains("Digest                    weekly, on Monday: documents, contact-changes"),
        "{saved}"
    );

    // Signed in from another computer (another home folder): the same settings.
    let elsewhere = World {
        home: tempfile::tempdir().unwrap(),
        ..world
    };
    elsewhere.login("ada@example.com", PASSWORD).ok();
    let json = elsewhere.pdesk(&["settings", "show", "--json"], None).ok();
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        document["settings"]["attachment_name_format"], "ticket_bracket_prefix",
        "the settings follow the user to another computer"
    );

    let none = elsewhere
        .pdesk(&["settings", "set", "--digest-categories", "none"], None)
        .ok();
    assert!(
        none.contains("Digest                    none (no category selected)"),
        "{none}"
    );
}

#[test]
fn settings_the_portal_refuses_are_explained() {
    let world = World::new();
    // Sent on purpose: security alerts off, which the document refuses, to see the portal say why.
    world
        .portal
        .sends_off_contract_on_purpose("PUT /api/v1/me/settings: body");
    world.login("ada@example.com", PASSWORD).ok();
    let error = world
        .pdesk(&["settings", "set", "--security-alerts", "off"], None)
        .fails(1);
    assert!(
        error.contains("--security-alerts: Security alerts cannot be turned off"),
        "{error}"
    );
    let error = world
        .pdesk(
            &["settings", "set", "--digest-categories", "tickets,weather"],
            None,
        )
        .fails(1);
    assert!(
        error.contains("\"weather\" is not a digest category"),
        "{error}"
    );
    let json = world.pdesk(&["settings", "show", "--json"], None).ok();
    let etag = serde_json::from_str::<serde_json::Value>(&json).unwrap()["etag"]
        .as_str()
        .unwrap()
        .to_owned();
    world
        .pdesk(
            &["settings", "set", "--promotions", "on", "--if-match", &etag],
            None,
        )
        .ok();
    let error = world
        .pdesk(
            &[
                "settings",
                "set",
                "--promotions",
                "off",
                "--if-match",
                &etag,
            ],
            None,
        )
        .fails(4);
    assert!(error.contains("changed elsewhere"), "{error}");
}

#[test]
fn roles_list_the_organizations_and_what_they_grant() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    let roles = world.pdesk(&["roles"], None).ok();
    assert_eq!(
        roles,
        "Acme Corp \u{2014} Management\n  Runs things.\n  Grants: manage_contacts\n"
    );
    world.login("bob@example.com", PASSWORD).ok();
    assert_eq!(
        world.pdesk(&["roles"], None).ok(),
        "You have no roles in any organization.\n"
    );
}

#[test]
fn password_change_reads_both_passwords_from_stdin_and_explains_refusals() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    let change = |input: &str| world.pdesk(&["password", "change"], Some(input));
    assert!(
        change("only one line\n")
            .fails(1)
            .contains("the current password and the new one: 2 lines")
    );
    assert!(
        change("not my password\nmarmalade lighthouse 42\n")
            .fails(1)
            .contains("current password: That is not your current password.")
    );
    assert!(
        change(&format!("{PASSWORD}\npassword1234\n"))
            .fails(1)
            .contains("new password: This is one of the most common passwords")
    );
    assert!(
        change(&format!("{PASSWORD}\nada@example.com\n"))
            .fails(1)
            .contains("cannot be your e-mail address")
    );
    assert!(
        change(&format!("{PASSWORD}\nmarmalade lighthouse 42\n"))
            .ok()
            .contains("Password changed.")
    );
    world.pdesk(&["profile", "show"], None).ok();
    assert!(files_containing(world.home.path(), "marmalade lighthouse").is_empty());
    world.login("ada@example.com", PASSWORD).fails(1);
    world
        .login("ada@example.com", "marmalade lighthouse 42")
        .ok();
}

#[test]
fn a_user_name_request_shows_as_pending_and_a_second_is_refused() {
    let world = World::new();
    // Sent on purpose: an address the document refuses, to see the portal say why.
    world
        .portal
        .sends_off_contract_on_purpose("POST /api/v1/me/username-change: body");
    world.login("ada@example.com", PASSWORD).ok();
    let request = |email: &str| {
        world.pdesk(
            &[
                "username",
                "request",
                "--new-email",
                email,
                "--reason",
                "Married",
            ],
            Some(&format!("{PASSWORD}\n")),
        )
    };
    assert!(
        request("not an address")
            .fails(1)
            .contains("--new-email: Enter an e-mail address such as name@example.com.")
    );
    let requested = request("ada@new.example").ok();
    assert!(
        requested.contains("Change to ada@new.example requested — ticket #"),
        "{requested}"
    );
    let profile = world.pdesk(&["profile", "show"], None).ok();
    assert!(
        profile.contains("change to ada@new.example requested — ticket #"),
        "{profile}"
    );
    let refused = request("ada@other.example").fails(1);
    assert!(
        refused.contains("You already asked for the user name ada@new.example (ticket #"),
        "{refused}"
    );
}

#[test]
fn photo_set_prepares_the_picture_and_refuses_what_is_not_one() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    let files = tempfile::tempdir().unwrap();
    let text = files.path().join("photo.png");
    std::fs::write(&text, "shopping list").unwrap();
    let picture = files.path().join("me.webp");
    std::fs::write(
        &picture,
        test_support::images::encoded_image(120, 90, image::ImageFormat::WebP),
    )
    .unwrap();
    let set = |path: &std::path::Path| world.pdesk(&["photo", "set", path.to_str().unwrap()], None);
    assert!(
        set(&text)
            .fails(1)
            .contains("not a PNG, JPEG or WebP image")
    );
    assert!(set(&picture).ok().contains("Profile photo updated."));
    let json = world.pdesk(&["profile", "show", "--json"], None).ok();
    assert!(json.contains("\"photo_etag\": \"\\\"photo-"), "{json}");
    assert!(
        world
            .pdesk(&["photo", "remove"], None)
            .ok()
            .contains("removed")
    );
}

#[test]
fn login_with_two_step_sign_in_takes_the_code_as_a_flag() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    // Two-step sign-in on, as the portal stores it: the secret sealed with
    // the key beside its database.
    let db = portal_server::Db::open(world.portal.db_path(), world.portal.clock().clone()).unwrap();
    let ada: i64 = db.run_blocking(|conn| {
        conn.query_row(
            "SELECT id FROM users WHERE email = 'ada@example.com'",
            [],
            |row| row.get(0),
        )
        .unwrap()
    });
    let sealed = portal_server::server_key::ServerKey::beside(world.portal.db_path())
        .unwrap()
        .seal(ada, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        .unwrap();
    world.sql(&format!(
        "INSERT INTO user_mfa (user_id, secret, enabled_at, last_used_step) VALUES ({ada}, '{sealed}', 1, 0)"
    ));
    let asked = world.login("ada@example.com", PASSWORD).fails(1);
    assert!(
        asked.contains("run login again with --code CODE"),
        "{asked}"
    );
    let login_with = |code: &str| {
        world.pdesk(
            &[
                "--portal",
                world.portal.url(),
                "login",
                "--email",
                "ada@example.com",
                "--password-stdin",
                "--code",
                code,
            ],
            Some(&format!("{PASSWORD}\n")),
        )
    };
    assert!(
        login_with("000000")
            .fails(1)
            .contains("--code: That code is not right.")
    );
    let code = totp::code_at(b"12345678901234567890", world.portal.clock().unix() as u64);
    assert!(login_with(&code).ok().contains("Signed in to"));
}

/// The app and pdesk (here: four pdesk processes) refreshing the same
/// session at the same moment: each takes its turn under the account's
/// lock and starts from the token the one before rotated, so the portal
/// never sees a token used twice and nobody is signed out.
#[test]
fn processes_refreshing_at_once_keep_the_session() {
    let world = World::new();
    world.login("ada@example.com", PASSWORD).ok();
    let runs: Vec<Run> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| world.pdesk(&["profile", "show"], None)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .collect()
    });
    for run in runs {
        assert!(run.ok().contains("Ada"), "every process was served");
    }
    assert!(
        world.pdesk(&["profile", "show"], None).ok().contains("Ada"),
        "and the session lives on"
    );
}

#[test]
fn the_man_page_and_completions_describe_every_command() {
    let generate = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_pdesk"))
            .arg("generate")
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let man = generate(&["man"]);
    assert!(
        man.starts_with(".ie"),
        "roff: {}",
        &man[..80.min(man.len())]
    );
    assert!(man.contains(".TH pdesk 1"), "{man}");
    for command in ["login", "documents", "tickets", "contacts"] {
        assert!(man.contains(command), "the man page names {command}");
    }
    assert!(
        !man.contains("generate"),
        "the packagers' command stays hidden"
    );
    let bash = generate(&["completions", "bash"]);
    assert!(bash.contains("complete -F _pdesk"), "{bash}");
    assert!(bash.contains("--portal"), "global flags complete");
    let fish = generate(&["completions", "fish"]);
    assert!(fish.contains("complete -c pdesk"), "{fish}");
    let zsh = generate(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef pdesk"), "{zsh}");
    let unknown = Command::new(env!("CARGO_BIN_EXE_pdesk"))
        .args(["generate", "completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(
        unknown.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}
