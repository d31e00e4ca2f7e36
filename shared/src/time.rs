//! Times as the core hands them to the shells: RFC 3339 in UTC, to the second
//! (`2027-03-14T17:00:00Z`), the one form the views carry.

use chrono::{DateTime, Utc};

pub fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
