//! Qinzhou "One County, One Industry" incentives: which measures apply, why, and how much.
//!
//! `engine` is pure Rust (policy data, rules, money, calculators, traces); `ui` is the thin
//! Leptos layer that reads it.

pub mod engine;
pub mod ui;
