//! The server's API stories, over real HTTP against a real database (SQLite by default;
//! PostgreSQL when `FABRIQUE_TEST_DATABASE_URL` points at a server). One binary, one module
//! per area.

mod access;
mod accounts;
mod app_links;
mod attachments;
mod bad_input;
mod cancellation;
mod cli;
mod compression;
mod connections;
mod console;
mod conversations;
mod events;
mod groups;
mod health;
mod helpers;
mod limits;
mod moderation;
mod notifications;
mod polls;
mod posts;
mod push;
mod questions;
mod search;
mod sync;
