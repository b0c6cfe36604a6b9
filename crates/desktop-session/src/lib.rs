//! A throwaway desktop for tests and benchmarks: an Xvfb display and a
//! private D-Bus session bus with a real Secret Service (GNOME Keyring), so
//! nothing touches the real display or the user's keyring. Missing tools
//! panic with the package to install.

#![warn(missing_docs)]

mod secret_service;
mod virtual_display;

pub use secret_service::SecretService;
pub use virtual_display::VirtualDisplay;

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
