//! Support for the end-to-end tests. Each end-to-end test binary compiles
//! this module and uses only part of it, hence the allowance below.

#![allow(dead_code)]

pub mod desktop;
pub mod webdriver;
