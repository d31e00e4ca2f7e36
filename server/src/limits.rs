//! Write limits per person (DESIGN.md §12, issue 18): a script that posts, writes, mentions,
//! reports, invites or uploads in a loop is stopped within seconds, while a person writing
//! by hand never meets a limit.
//!
//! Each kind of write has a bucket per person (GCRA, from the `governor` crate): a burst
//! that is spent at once, refilled steadily over the hour. A write past its bucket is not
//! refused for good: [`crate::sync::push`] stops at it and answers 429 with `Retry-After`
//! (or the results of the writes before it), so the app keeps it in its outbox and sends
//! it later. Nothing is lost.
//!
//! The buckets live in this instance's memory: with N instances behind a balancer a script
//! gets at most N times the rate, still stopped within seconds. `--write-limits off` (bulk
//! imports, load tests) turns them all off.

use std::num::NonZeroU32;
use std::time::Duration;

use fabrique_wire::sync::Mutation;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use uuid::Uuid;

/// What a write counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Posts, questions, events, polls, organisers' messages, new groups.
    Posts,
    /// Comments and answers.
    Comments,
    /// Direct messages and new conversations.
    Messages,
    /// People named in a post, comment or answer (each one counts).
    Mentions,
    Reports,
    /// People invited into a group or added to a conversation (each one counts).
    Invitations,
    Uploads,
}

/// Writes per hour for each kind; the burst is a quarter of it (at least 10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PerHour {
    pub posts: u32,
    pub comments: u32,
    pub messages: u32,
    pub mentions: u32,
    pub reports: u32,
    pub invitations: u32,
    pub uploads: u32,
}

impl Default for PerHour {
    fn default() -> Self {
        PerHour {
            posts: 120,
            comments: 600,
            messages: 1200,
            mentions: 300,
            reports: 60,
            invitations: 400,
            uploads: 200,
        }
    }
}

/// The costs of one mutation: which buckets, how much. Every variant is named, so that a
/// new kind of write has to say what it costs.
pub fn costs(mutation: &Mutation) -> Vec<(Kind, u32)> {
    let many = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    match mutation {
        Mutation::CreatePost(post) => vec![(Kind::Posts, 1), (Kind::Mentions, many(post.mentions.len()))],
        Mutation::CreateComment { mentions, .. } | Mutation::AnswerQuestion { mentions, .. } => {
            vec![(Kind::Comments, 1), (Kind::Mentions, many(mentions.len()))]
        }
        Mutation::CommentAnswer { .. } => vec![(Kind::Comments, 1)],
        Mutation::AskQuestion(_)
        | Mutation::CreateEvent(_)
        | Mutation::CreatePoll(_)
        | Mutation::AnnounceToGroup { .. }
        | Mutation::AnnounceToAttendees { .. }
        | Mutation::SendMustRead(_)
        | Mutation::CreateGroup(_) => vec![(Kind::Posts, 1)],
        Mutation::SendMessage { .. } => vec![(Kind::Messages, 1)],
        Mutation::StartConversation { person_ids, .. } => {
            vec![(Kind::Messages, 1), (Kind::Invitations, many(person_ids.len()))]
        }
        Mutation::AddToConversation { person_ids, .. } => vec![(Kind::Invitations, many(person_ids.len()))],
        Mutation::InviteToGroup { .. } => vec![(Kind::Invitations, 1)],
        Mutation::Report { .. } => vec![(Kind::Reports, 1)],
        Mutation::UpdateGroup { .. }
        | Mutation::JoinGroup { .. }
        | Mutation::RequestToJoin { .. }
        | Mutation::DecideJoinRequest { .. }
        | Mutation::LeaveGroup { .. }
        | Mutation::RemoveMember { .. }
        | Mutation::SetMemberRole { .. }
        | Mutation::FollowGroup { .. }
        | Mutation::UnfollowGroup { .. }
        | Mutation::EditPost { .. }
        | Mutation::DeletePost { .. }
        | Mutation::EditComment { .. }
        | Mutation::DeleteComment { .. }
        | Mutation::React { .. }
        | Mutation::Unreact { .. }
        | Mutation::UpdateProfile { .. }
        | Mutation::EditQuestion { .. }
        | Mutation::DeleteQuestion { .. }
        | Mutation::EditAnswer { .. }
        | Mutation::DeleteAnswer { .. }
        | Mutation::AcceptAnswer { .. }
        | Mutation::DeleteAnswerComment { .. }
        | Mutation::FollowQuestion { .. }
        | Mutation::UnfollowQuestion { .. }
        | Mutation::MarkNotificationsRead { .. }
        | Mutation::MarkAllNotificationsRead {}
        | Mutation::SetNotificationSettings { .. }
        | Mutation::SetGroupNotificationLevel { .. }
        | Mutation::UpdateEvent(_)
        | Mutation::CancelEvent { .. }
        | Mutation::AnswerEvent { .. }
        | Mutation::AcceptCharter { .. }
        | Mutation::DecideReport { .. }
        | Mutation::LeaveConversation { .. }
        | Mutation::MarkConversationRead { .. }
        | Mutation::BlockPerson { .. }
        | Mutation::UnblockPerson { .. }
        | Mutation::Vote { .. }
        | Mutation::ClosePoll { .. }
        | Mutation::AcknowledgeMustRead { .. } => vec![],
    }
}

struct Bucket {
    limiter: DefaultKeyedRateLimiter<Uuid>,
    burst: u32,
}

/// The buckets of this instance; `None` when limits are off.
pub struct WriteLimits {
    buckets: Option<Box<[Bucket; 7]>>,
    clock: DefaultClock,
}

impl WriteLimits {
    pub fn new(per_hour: PerHour) -> WriteLimits {
        let bucket = |per_hour: u32| {
            let per_hour = per_hour.max(1);
            let burst = (per_hour / 4).max(10);
            let refill = Duration::from_secs(3600) / per_hour;
            let quota = Quota::with_period(refill)
                .expect("a refill period over zero")
                .allow_burst(NonZeroU32::new(burst).expect("at least 10"));
            Bucket { limiter: RateLimiter::keyed(quota), burst }
        };
        let buckets = [
            bucket(per_hour.posts),
            bucket(per_hour.comments),
            bucket(per_hour.messages),
            bucket(per_hour.mentions),
            bucket(per_hour.reports),
            bucket(per_hour.invitations),
            bucket(per_hour.uploads),
        ];
        WriteLimits { buckets: Some(Box::new(buckets)), clock: DefaultClock::default() }
    }

    /// No limits at all (`--write-limits off`).
    pub fn off() -> WriteLimits {
        WriteLimits { buckets: None, clock: DefaultClock::default() }
    }

    fn bucket(&self, kind: Kind) -> Option<&Bucket> {
        let index = match kind {
            Kind::Posts => 0,
            Kind::Comments => 1,
            Kind::Messages => 2,
            Kind::Mentions => 3,
            Kind::Reports => 4,
            Kind::Invitations => 5,
            Kind::Uploads => 6,
        };
        self.buckets.as_ref().map(|b| &b[index])
    }

    /// Takes `costs` from `person`'s buckets, all or nothing; otherwise how long to wait.
    pub fn take(&self, person: Uuid, costs: &[(Kind, u32)]) -> Result<(), Duration> {
        let mut waits = Duration::ZERO;
        for &(kind, n) in costs {
            let (Some(bucket), Some(n)) = (self.bucket(kind), NonZeroU32::new(n)) else { continue };
            // More than a whole burst at once (50 people named in one post) can never pass:
            // it is refused as invalid elsewhere, or here for at most the burst's refill.
            let n = n.min(NonZeroU32::new(bucket.burst).expect("at least 10"));
            match bucket.limiter.check_key_n(&person, n) {
                Ok(Ok(())) => {}
                Ok(Err(not_until)) => waits = waits.max(not_until.wait_time_from(self.clock.now())),
                Err(_) => waits = waits.max(Duration::from_secs(60)),
            }
        }
        // What was taken from other buckets for a write that does not go is a small cost
        // to a script, and none to a person (who never comes near a limit).
        if waits.is_zero() { Ok(()) } else { Err(waits) }
    }

    /// Forgets people whose buckets are full again (run from time to time).
    pub fn forget_idle(&self) {
        if let Some(buckets) = &self.buckets {
            for bucket in buckets.iter() {
                bucket.limiter.retain_recent();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_script_waits() {
        let limits = WriteLimits::new(PerHour { posts: 120, ..PerHour::default() });
        let person = Uuid::now_v7();
        for _ in 0..30 {
            assert_eq!(limits.take(person, &[(Kind::Posts, 1)]), Ok(()));
        }
        let wait = limits.take(person, &[(Kind::Posts, 1)]).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(30), "{wait:?}");
        assert_eq!(limits.take(Uuid::now_v7(), &[(Kind::Posts, 1)]), Ok(()), "others are not affected");
    }

    #[test]
    fn off_means_off() {
        let limits = WriteLimits::off();
        let person = Uuid::now_v7();
        for _ in 0..10_000 {
            assert_eq!(limits.take(person, &[(Kind::Posts, 1), (Kind::Mentions, 50)]), Ok(()));
        }
    }
}
