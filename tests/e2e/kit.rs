//! End to end, the Partner Kit as Dana (her Contoso Admin role grants it):
//! the kit as a tree, a logo previewed in the viewer, a folder downloaded,
//! a folder on this computer picked in the system's dialog and kept in
//! sync (a file Dana changed kept, the kit's new version beside it, at the
//! next update check), and the screen gone once her role loses the kit.

use crate::support;

use support::accessibility::check_accessibility;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::{SHORT, launch_as_dana, wait_for_file};
use test_support::PortalProcess;
use test_support::portal_api::publish_kit_file;

#[test]
fn the_kit_is_browsed_previewed_downloaded_and_a_folder_kept_in_sync() {
    let portal = PortalProcess::demo();
    let mut desktop =
        Desktop::start_with("partner-kit", &[("PORTAL_DESK_TICKET_POLL_SECONDS", "3")]);
    let app = launch_as_dana(&desktop, portal.url());
    app.click_on("#screen-partner-kit");
    app.wait_for("#kit-files .kit-file", APP_TIMEOUT);
    assert_eq!(app.texts_of_all("#kit-files .kit-file .kit-name").len(), 8);
    check_accessibility(&app, "Partner Kit");
    assert_eq!(
        app.texts_of_all("#kit-files .kit-folder-name"),
        ["Brand guidelines", "Brochures", "Logos", "Templates"]
    );

    // A logo in the viewer, from the app's cache.
    app.click_on(".kit-file[data-name=\"Contoso Partner logo.png\"] [data-action=\"preview\"]");
    app.wait_for("#viewer-image", APP_TIMEOUT);
    let width = app.loaded_image_width("#viewer-image", APP_TIMEOUT);
    assert_eq!(width, 640);
    check_accessibility(&app, "Partner Kit file in the viewer");
    desktop.screenshot("preview");
    app.click_on("#close-viewer");

    // A folder of the kit into Downloads, in a folder of its name.
    app.click_on(".kit-folder[data-folder=\"Brochures\"] [data-action=\"download-folder\"]");
    let downloads = desktop
        .home()
        .join("Downloads")
        .join("Portal Desk")
        .join("Brochures");
    wait_for_file(&downloads.join("Portal Desk overview.pdf"));
    wait_for_file(&downloads.join("Support plans 2026.pdf"));
    app.wait_for_text("#kit-notice", APP_TIMEOUT, |text| {
        text == "2 files of Brochures saved into Downloads."
    });
    app.click_on("#close-downloads");

    // A folder kept in sync, picked in the system's dialog.
    let synced = desktop.home().join("Contoso kit");
    std::fs::create_dir_all(&synced).unwrap();
    app.click_on("#kit-sync-choose");
    desktop.answer_file_dialog("Keep this folder in sync with the Partner Kit", &synced);
    app.wait_for_text("#kit-last-sync p", APP_TIMEOUT, |text| text == "8 added.");
    app.wait_for_text("#kit-sync-folder", SHORT, |text| {
        text.ends_with("Contoso kit")
    });
    desktop.screenshot("kept-in-sync");

    // Dana changes a file; the vendor updates it and the logo: the next
    // update check brings the logo and keeps her file.
    let colours = synced
        .join("Brand guidelines")
        .join("Colours and fonts.txt");
    std::fs::write(&colours, "Dana's colours\n").unwrap();
    publish_kit_file(
        portal.db_path(),
        "Brand guidelines/Colours and fonts.txt",
        b"Primary blue\n",
    );
    publish_kit_file(
        portal.db_path(),
        "Logos/Contoso Partner logo.png",
        b"\x89PNG\r\n\x1a\nnew",
    );
    app.wait_for_text("#kit-last-sync p", APP_TIMEOUT, |text| {
        text == "1 updated; 1 file you changed kept, the kit’s version saved beside."
    });
    let details = app.texts_of_all("#kit-last-sync li");
    assert_eq!(
        details,
        [
            "You changed Brand guidelines/Colours and fonts.txt: the kit’s new version is Brand guidelines/Colours and fonts (kit version 2).txt."
        ]
    );
    assert_eq!(
        std::fs::read_to_string(&colours).unwrap(),
        "Dana's colours\n"
    );
    app.wait_for("#kit-history li", SHORT);
    check_accessibility(&app, "Partner Kit with a sync's report and history");
    desktop.screenshot("synced-at-update-check");

    // Her role loses the kit: the screen goes at the next check, the
    // files stay.
    portal.execute("UPDATE roles SET grants = '[\"manage_contacts\"]' WHERE name = 'Admin'");
    app.wait_until_gone("#screen-partner-kit", APP_TIMEOUT);
    app.wait_for_text("#notices", SHORT, |text| {
        text.contains("Your roles no longer include the Partner Kit.")
    });
    assert_eq!(
        std::fs::read_to_string(&colours).unwrap(),
        "Dana's colours\n"
    );
    desktop.screenshot("kit-gone");
}
