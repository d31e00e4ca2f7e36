//! Time as the core knows it: the [`Clock`] it reads and makes ids from (the phone's, or a
//! fixed one in tests), and times as the core hands them to the shells: RFC 3339 in UTC, to
//! the second (`2027-03-14T17:00:00Z`), the one form the views carry.

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The only place the core reads the time and makes new ids. The phone's clock by default;
/// a test fixes it (`Clock::fixed`) so what depends on "now" (coming events, closing polls,
/// "5 min ago") and the ids of new writes are the same at every run.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    fixed: Option<DateTime<Utc>>,
    /// Ids made on a fixed clock so far.
    made: u64,
}

impl Clock {
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock { fixed: Some(at), made: 0 }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.fixed.unwrap_or_else(Utc::now)
    }

    /// A new id, ordered by time (UUID v7): on a fixed clock, its time and a counter instead
    /// of random bits.
    pub fn new_id(&mut self) -> Uuid {
        match self.fixed {
            None => Uuid::now_v7(),
            Some(at) => {
                self.made += 1;
                let mut counter = [0u8; 10];
                counter[2..].copy_from_slice(&self.made.to_be_bytes());
                let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
                uuid::Builder::from_unix_timestamp_millis(millis, &counter).into_uuid()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_gives_the_same_time_and_ids_at_every_run() {
        let at: DateTime<Utc> = "2027-03-14T16:55:00Z".parse().unwrap();
        let (mut one, mut two) = (Clock::fixed(at), Clock::fixed(at));
        assert_eq!(one.now(), at);
        let ids: Vec<Uuid> = (0..3).map(|_| one.new_id()).collect();
        assert_eq!(ids, (0..3).map(|_| two.new_id()).collect::<Vec<_>>());
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ordered");
        assert_eq!(ids[0].get_version_num(), 7);
        let mut phone = Clock::default();
        assert_ne!(phone.new_id(), phone.new_id());
    }
}
