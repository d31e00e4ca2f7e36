//! Moderation and the charter: what a person reports from the app, how a case ends, and
//! the charter in force that everyone accepts before taking part.

use chrono::{DateTime, Utc};

use crate::wire_type;

/// Longest free text with a report.
pub const REPORT_DETAILS_MAX: usize = 1_000;

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

impl ReportTarget {
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
