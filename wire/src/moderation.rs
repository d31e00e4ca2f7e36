//! Moderation and the charter: what a person reports from the app, how a case ends, and
//! the charter in force that everyone accepts before taking part.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Longest free text with a report.
pub const REPORT_DETAILS_MAX: usize = 1_000;
/// Longest reason given with a moderator's decision (the author and the reporters read it).
pub const REASON_MAX: usize = 2_000;

wire_type! {
    /// What can be reported.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum ReportTarget {
        Post,
        Comment,
        Question,
        Answer,
        Person,
    }

    /// Why, in a few words everyone understands.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum ReportReason {
        Spam,
        Harassment,
        Hateful,
        FalseInformation,
        PrivateInformation,
        Other,
    }

    /// How a moderator ends a case.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum ModerationDecision {
        /// Nothing against the charter.
        Dismiss,
        /// Taken out of the network; kept in the case for the record.
        Hide,
        /// Taken out of the network and erased, from the case too.
        Delete,
        /// The author is warned; the content stays.
        Warn,
        /// The author may not write for a time.
        Suspend,
    }

    /// An open case about something in a group, in the group's admin scope: its organisers
    /// moderate it from the app. It leaves the scope once decided.
    pub struct GroupReport {
        /// The case's id.
        pub id: Uuid,
        pub group_id: Uuid,
        pub target: ReportTarget,
        pub target_id: Uuid,
        pub author_name: String,
        /// What was reported, as it was (the start of it).
        pub excerpt: String,
        pub reasons: Vec<ReportReason>,
        pub report_count: i64,
        pub opened_at: DateTime<Utc>,
    }

    /// `GET /v1/charter`: the version in force, and whether the caller accepted it.
    pub struct Charter {
        pub version: i64,
        pub text: String,
        pub published_at: DateTime<Utc>,
        pub accepted: bool,
    }
}

impl ModerationDecision {
    pub const ALL: [ModerationDecision; 5] = [
        ModerationDecision::Dismiss,
        ModerationDecision::Hide,
        ModerationDecision::Delete,
        ModerationDecision::Warn,
        ModerationDecision::Suspend,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ModerationDecision::Dismiss => "dismiss",
            ModerationDecision::Hide => "hide",
            ModerationDecision::Delete => "delete",
            ModerationDecision::Warn => "warn",
            ModerationDecision::Suspend => "suspend",
        }
    }

    pub fn parse(text: &str) -> Option<ModerationDecision> {
        Self::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

impl ReportReason {
    pub fn parse(text: &str) -> Option<ReportReason> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl ReportTarget {
    pub fn parse(text: &str) -> Option<ReportTarget> {
        [ReportTarget::Post, ReportTarget::Comment, ReportTarget::Question, ReportTarget::Answer, ReportTarget::Person]
            .into_iter()
            .find(|t| t.as_str() == text)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            ReportTarget::Post => "post",
            ReportTarget::Comment => "comment",
            ReportTarget::Question => "question",
            ReportTarget::Answer => "answer",
            ReportTarget::Person => "person",
        }
    }
}

impl ReportReason {
    pub const ALL: [ReportReason; 6] = [
        ReportReason::Spam,
        ReportReason::Harassment,
        ReportReason::Hateful,
        ReportReason::FalseInformation,
        ReportReason::PrivateInformation,
        ReportReason::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Harassment => "harassment",
            ReportReason::Hateful => "hateful",
            ReportReason::FalseInformation => "false_information",
            ReportReason::PrivateInformation => "private_information",
            ReportReason::Other => "other",
        }
    }
}
