fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/*.json")
            .app_manifest(tauri_build::AppManifest::new().commands(&[
                "start_app",
                "sign_in",
                "open_demo",
                "sign_in_again",
                "refresh_profile",
                "save_profile",
                "load_settings",
                "save_settings",
                "load_roles",
                "sign_out",
                "first_screen_shown",
                "change_password",
                "request_username_change",
                "approve_username_change_in_demo",
                "choose_photo",
                "remove_photo",
                "load_photo",
            ])),
    )
    .expect("tauri-build failed");
}
