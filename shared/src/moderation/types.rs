//! Moderation and the charter: what a shell sends, what the core holds, and how reports and the charter are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use fabrique_wire::moderation::{Charter, ModerationDecision, ReportReason, ReportTarget};
use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::i18n::Language;

/// What can be reported, as the shells send it.
#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum ReportWhat {
    Post,
    Comment,
    Question,
    Answer,
    Person,
}

/// Why, as the shells send it (the labels come from the area's `report_view`).
#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum ReportWhy {
    Spam,
    Harassment,
    Hateful,
    FalseInformation,
    PrivateInformation,
    Other,
}

impl ReportWhat {
    pub(super) fn wire(self) -> ReportTarget {
        match self {
            ReportWhat::Post => ReportTarget::Post,
            ReportWhat::Comment => ReportTarget::Comment,
            ReportWhat::Question => ReportTarget::Question,
            ReportWhat::Answer => ReportTarget::Answer,
            ReportWhat::Person => ReportTarget::Person,
        }
    }
}

impl ReportWhy {
    pub(super) const ALL: [ReportWhy; 6] = [
        ReportWhy::Spam,
        ReportWhy::Harassment,
        ReportWhy::Hateful,
        ReportWhy::FalseInformation,
        ReportWhy::PrivateInformation,
        ReportWhy::Other,
    ];

    pub(super) fn wire(self) -> ReportReason {
        match self {
            ReportWhy::Spam => ReportReason::Spam,
            ReportWhy::Harassment => ReportReason::Harassment,
            ReportWhy::Hateful => ReportReason::Hateful,
            ReportWhy::FalseInformation => ReportReason::FalseInformation,
            ReportWhy::PrivateInformation => ReportReason::PrivateInformation,
            ReportWhy::Other => ReportReason::Other,
        }
    }

    pub(super) fn label(self, language: Language) -> &'static str {
        let (fr, en) = match self {
            ReportWhy::Spam => ("Publicité ou message indésirable", "Advertising or spam"),
            ReportWhy::Harassment => ("Harcèlement ou propos blessants", "Harassment or hurtful words"),
            ReportWhy::Hateful => ("Propos haineux ou discriminatoires", "Hateful or discriminatory words"),
            ReportWhy::FalseInformation => ("Fausse information", "False information"),
            ReportWhy::PrivateInformation => ("Informations personnelles exposées", "Private information exposed"),
            ReportWhy::Other => ("Autre chose, contraire à la charte", "Something else against the charter"),
        };
        match language {
            Language::French => fr,
            Language::English => en,
        }
    }
}

/// What a group's organiser decides about a report in their group (suspending an account is
/// the federation moderators', from the console).
#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum Decision {
    /// Nothing against the charter.
    Dismiss,
    /// Taken out of the group, kept for the record.
    Hide,
    /// Taken out and erased.
    Delete,
    /// The author is warned; it stays.
    Warn,
}

impl Decision {
    pub(super) const ALL: [Decision; 4] = [Decision::Dismiss, Decision::Hide, Decision::Delete, Decision::Warn];

    pub(super) fn wire(self) -> ModerationDecision {
        match self {
            Decision::Dismiss => ModerationDecision::Dismiss,
            Decision::Hide => ModerationDecision::Hide,
            Decision::Delete => ModerationDecision::Delete,
            Decision::Warn => ModerationDecision::Warn,
        }
    }

    pub(super) fn label(self, language: Language) -> &'static str {
        let (fr, en) = match self {
            Decision::Dismiss => ("Rien à redire", "Nothing wrong"),
            Decision::Hide => ("Masquer", "Hide"),
            Decision::Delete => ("Supprimer", "Delete"),
            Decision::Warn => ("Avertir l'auteur", "Warn the author"),
        };
        match language {
            Language::French => fr,
            Language::English => en,
        }
    }
}

#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum ModerationEvent {
    /// Accept the charter shown on the charter screen.
    AcceptCharter,
    /// Report something to the moderators (from the report screen).
    Report { what: ReportWhat, id: String, reason: ReportWhy, details: String },
    /// An organiser decides a report about their group, with the reason the author and the
    /// reporters will read.
    DecideReport { case_id: String, decision: Decision, reason: String },
    /// Sync's news: the server refused writes with these codes (the charter may need
    /// accepting). Only the core creates these.
    #[serde(skip)]
    #[facet(skip)]
    WritesRefused { epoch: u64, codes: Vec<String> },
}

/// The charter as this session knows it.
#[derive(Debug, Default)]
pub struct CharterState {
    /// `None` until the server answered; then the charter in force, if there is one.
    pub known: Option<Option<Charter>>,
    pub tag: Option<u64>,
}

impl CharterState {
    /// A charter is in force and this person has not accepted it (nor is about to).
    pub fn pending(&self) -> Option<&Charter> {
        match &self.known {
            Some(Some(charter)) if !charter.accepted => Some(charter),
            _ => None,
        }
    }
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupReportView {
    pub case_id: String,
    /// "Publication de Bruno" / "Bruno's post".
    pub title: String,
    pub excerpt: String,
    /// "Publicité ou message indésirable (2 signalements)".
    pub reasons: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DecisionOption {
    pub decision: Decision,
    pub label: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CharterView {
    pub title: String,
    /// The charter's text (empty while it is read, with `loading_text` shown).
    pub text: String,
    pub version: i64,
    pub accepted: bool,
    /// "J'ai lu la charte et je l'accepte", when not accepted yet.
    pub accept_label: Option<String>,
    /// "Vos 2 messages partiront dès que vous aurez accepté la charte."
    pub held_text: Option<String>,
    /// Shown instead of a text: reading it, or no charter published.
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ReportReasonView {
    pub reason: ReportWhy,
    pub label: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ReportView {
    pub what: ReportWhat,
    pub id: String,
    pub title: String,
    pub hint: String,
    pub reasons: Vec<ReportReasonView>,
    pub details_label: String,
}
