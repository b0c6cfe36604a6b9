//! Support for the end-to-end tests.

pub mod desktop;
pub mod webdriver;
