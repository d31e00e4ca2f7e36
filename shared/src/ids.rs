//! Ids as the shells hand them over: text, read into a [`Uuid`] (surrounding spaces ignored);
//! `None` for text that is not an id, which every area answers by doing nothing.

use uuid::Uuid;

pub fn parse(id: &str) -> Option<Uuid> {
    Uuid::parse_str(id.trim()).ok()
}
