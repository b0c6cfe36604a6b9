//! End-to-end tests of the real app under Xvfb, driven through tauri-driver
//! and WebKitWebDriver, in one binary: a module per screen, `installed` for
//! the installed package (run by `cargo xtask test` after installing it).
#![cfg(target_os = "linux")]

mod support;

mod account;
mod accounts;
mod app;
mod contacts;
mod dark_theme;
mod documents;
mod help;
mod installed;
mod kb;
mod kept_screen;
mod keyboard;
mod kit;
mod languages;
mod outbox;
mod security;
mod sso;
mod text_size;
mod tickets;
mod updates;
