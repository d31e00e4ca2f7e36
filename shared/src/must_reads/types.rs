//! Must-read messages: what a shell sends, what the session reads online (the reach, for
//! the sender), and how a message is shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model.

use fabrique_wire::must_reads::{MustReadReach, ReachPerson};
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::i18n::Text;

#[derive(Facet, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[repr(C)]
pub enum MustReadsEvent {
    /// "J'ai lu": the message leaves the top of the feed.
    Acknowledge { id: String },
}

/// The reach of the message on screen, read online by its sender (or an organiser of its
/// group): the counts, and the first names not reached yet.
#[derive(Debug)]
pub struct ReachPage {
    pub id: Uuid,
    pub reach: Option<MustReadReach>,
    pub not_reached: Vec<ReachPerson>,
    pub more_not_reached: bool,
    pub tag: Option<u64>,
    pub people_tag: Option<u64>,
    pub error: Option<Text>,
}

/// A must-read message pinned at the top of the feed until I say I read it.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MustReadCard {
    pub id: String,
    /// "Message important" / "Important message".
    pub label: String,
    pub title: String,
    /// "De Ada Admin, à Fédération test".
    pub from: String,
    /// The start of the text.
    pub excerpt: String,
    pub sent_at: String,
    pub acknowledge_label: String,
}

/// One must-read message, whole.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MustReadView {
    pub id: String,
    pub label: String,
    pub title: String,
    pub from: String,
    pub body: String,
    pub sent_at: String,
    /// I may say "J'ai lu" (a recipient who has not yet).
    pub can_acknowledge: bool,
    pub acknowledge_label: String,
    /// "Vous l'avez lu." once I did (or "Vous l'avez envoyé." to its sender).
    pub read_text: Option<String>,
    /// For its sender and its group's organisers: how far it reached.
    pub reach: Option<ReachView>,
    pub loading: bool,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ReachView {
    /// "4 personnes sur 5 atteintes (80 %)".
    pub summary: String,
    /// 0 to 100, for a progress bar.
    pub percent: u32,
    /// "Lu dans l'application : 2", "Reçu par e-mail : 2", "Pas encore atteint : 1".
    pub lines: Vec<String>,
    /// When and to whom it is mailed.
    pub mail_text: String,
    /// "Pas encore atteints :" and their names (the first page).
    pub not_reached_title: Option<String>,
    pub not_reached: Vec<String>,
    /// More names than shown: the console lists them all.
    pub more_text: Option<String>,
}
