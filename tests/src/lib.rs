//! End-to-end pieces shared by the stories in `tests/tests/` and the tools in `src/bin/`.
//!
//! - [`shell`]: a headless phone that drives the core through the FFI bytes and carries out
//!   its effects for real;
//! - [`server`]: a real `fabrique` server on port 0 over a fresh database (SQLite file, or a
//!   fresh PostgreSQL database when `FABRIQUE_TEST_DATABASE_URL` is set), with the few
//!   administrator calls the stories need to set the scene;
//! - [`binary`]: the `fabrique` binary itself, started over a data directory and stopped;
//! - [`browser`]: a real headless Chromium over WebDriver, for the console's stories;
//! - [`push_platforms`]: stand-ins for APNs and FCM, behind the push relay;
//! - [`mail_server`]: a real SMTP server on a local port that keeps what it received.

pub mod binary;
pub mod browser;
pub mod mail_server;
pub mod push_platforms;
pub mod push_service;
pub mod server;
pub mod shell;
pub mod tls;
