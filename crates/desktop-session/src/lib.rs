//! A throwaway desktop for tests and benchmarks: an Xvfb display and a
//! private D-Bus session bus with a real Secret Service (GNOME Keyring), so
//! nothing touches the real display or the user's keyring. Missing tools
//! panic with the package to install. On Windows (the Wine run in CI) the
//! keyring is the Credential Manager, behind the same `SecretService` calls.

#![warn(missing_docs)]

#[cfg(windows)]
mod credential_manager;
#[cfg(target_os = "linux")]
pub mod process_memory;
#[cfg(unix)]
mod secret_service;
mod virtual_display;

#[cfg(windows)]
pub use credential_manager::SecretService;
#[cfg(unix)]
pub use secret_service::SecretService;
pub use virtual_display::VirtualDisplay;

/// Sets the environment a program needs to run on a throwaway desktop:
/// its display, its session bus, Portal Desk's home folder (also `HOME`, so
/// WebKit's own caches start empty and stay out of the real profile) and a
/// private runtime folder. WebKit's DMA-BUF renderer and GTK's accessibility bridge
/// are off, as Xvfb and the private bus have neither.
pub fn desktop_env(
    command: &mut std::process::Command,
    display: &str,
    bus: &str,
    portal_desk_home: &std::path::Path,
    runtime_dir: &std::path::Path,
) {
    command
        .env("DISPLAY", display)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env("PORTAL_DESK_HOME", portal_desk_home)
        .env("HOME", portal_desk_home)
        .env("XDG_RUNTIME_DIR", runtime_dir)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env("GTK_A11Y", "none")
        // An English desktop, whatever this machine's language; a test that
        // wants another sets LANG itself.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env_remove("WAYLAND_DISPLAY");
}

/// Panics with the package to install when `tool` is not on PATH.
pub fn require_tool(tool: &str, package: &str) {
    assert!(
        on_path(tool),
        "{tool} is not installed; it comes with {package}. `cargo xtask test` installs it."
    );
}

/// True when `program` is an executable file on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}
