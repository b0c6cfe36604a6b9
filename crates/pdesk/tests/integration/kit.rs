//! `pdesk kit` end to end: the real binary against a portal process: the
//! kit listed, a folder synced and kept in sync by the app's rules, the
//! listing offline, and a role that lost the kit.

use crate::support;

use support::{World, succeeded, text};
use test_support::portal_api::publish_kit_file;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;

#[test]
fn the_kit_is_listed_and_a_folder_kept_in_sync_without_losing_an_edit() {
    let mut world = World::new(DEMO);
    world.login(world.portal.url(), "sofia@example.com", "demo-password");

    let listed = succeeded(&world.run(&["kit", "list"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 8, "{listed}");
    assert!(
        lines[0].contains("Logos / Contoso Partner logo.png  ("),
        "{listed}"
    );
    assert!(lines[0].contains(", version 1, "), "{listed}");

    let to = world.home.path().join("Partner Kit");
    let folder = to.to_str().unwrap();
    let first = succeeded(&world.run(&["kit", "sync", "--to", folder]));
    assert!(
        first.contains("Added     Brochures/Support plans 2026.pdf"),
        "{first}"
    );
    assert!(
        first.ends_with("8 added, 0 updated, 0 restored, 0 kept beside yours, 0 no longer in the kit, 0 not synced, 0 unchanged.\n"),
        "{first}"
    );
    assert!(
        std::fs::read(to.join("Brochures/Support plans 2026.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );

    let colours = to.join("Brand guidelines/Colours and fonts.txt");
    std::fs::write(&colours, "our own colours\n").unwrap();
    publish_kit_file(
        world.portal.db_path(),
        "Brand guidelines/Colours and fonts.txt",
        b"Primary blue #1F5AA6\n",
    );
    let second = succeeded(&world.run(&["kit", "sync", "--to", folder]));
    assert!(
        second.contains("Kept your Brand guidelines/Colours and fonts.txt (you changed it); the kit's new version is Brand guidelines/Colours and fonts (kit version 2).txt"),
        "{second}"
    );
    assert!(second.contains(", 7 unchanged."), "{second}");
    assert_eq!(
        std::fs::read_to_string(&colours).unwrap(),
        "our own colours\n"
    );

    let third = succeeded(&world.run(&["kit", "sync", "--to", folder]));
    assert!(third.ends_with(", 8 unchanged.\n"), "{third}");

    world.portal.stop();
    let offline = world.run(&["kit", "list"]);
    assert!(offline.status.success(), "{}", text(&offline.stderr));
    assert!(text(&offline.stderr).starts_with("Offline: "));
    assert_eq!(text(&offline.stdout).lines().count(), 8);
    world.portal.restart();

    // The folder is gone: nothing is made again.
    std::fs::remove_dir_all(&to).unwrap();
    let gone = world.run(&["kit", "sync", "--to", folder]);
    assert!(!gone.status.success());
    assert!(
        text(&gone.stderr).contains("is not there any more"),
        "{}",
        text(&gone.stderr)
    );
    assert!(!to.exists());
}

#[test]
fn a_role_without_the_kit_is_told_so_and_its_files_stay() {
    let world = World::new(DEMO);
    world.login(world.portal.url(), "lee@example.com", "demo-password");
    let refused = world.run(&["kit", "list"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("None of your roles includes the Partner Kit"),
        "{}",
        text(&refused.stderr)
    );

    let world = World::new(DEMO);
    world.login(world.portal.url(), "sofia@example.com", "demo-password");
    let to = world.home.path().join("Kit");
    succeeded(&world.run(&["kit", "sync", "--to", to.to_str().unwrap()]));
    world
        .portal
        .execute("UPDATE roles SET grants = '[]' WHERE name = 'Marketing'");
    let lost = world.run(&["kit", "sync", "--to", to.to_str().unwrap()]);
    assert!(!lost.status.success());
    assert!(
        text(&lost.stderr).contains("The files already in"),
        "{}",
        text(&lost.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&to).unwrap().count(),
        4,
        "the kit's four folders stay"
    );
}
