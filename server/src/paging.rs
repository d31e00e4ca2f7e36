//! Keyset pagination for REST lists: a page ends with an opaque cursor that holds the sort
//! key of its last item (e.g. name and id, or time and id); the next page starts after it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fabrique_wire::Page;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// The key in `cursor`, or `first` when there is none (the first page).
pub fn start_after<K: DeserializeOwned>(cursor: &Option<String>, first: K) -> ApiResult<K> {
    match cursor {
        None => Ok(first),
        Some(text) => {
            URL_SAFE_NO_PAD.decode(text).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).ok_or_else(|| {
                ApiError::bad_request(
                    ErrorCode::InvalidCursor,
                    "The page cursor is not valid: start again from the first page.",
                )
            })
        }
    }
}

/// A page from `limit + 1` fetched items: the extra one only says that more follow.
pub fn page<T, K: Serialize>(mut items: Vec<T>, limit: i64, key: impl Fn(&T) -> K) -> Page<T> {
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|last| URL_SAFE_NO_PAD.encode(serde_json::to_vec(&key(last)).unwrap_or_default()))
    } else {
        None
    };
    Page { items, next_cursor }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    #[test]
    fn the_cursor_of_a_full_page_starts_the_next_one() {
        let page = page(vec![1, 2, 3], 2, |n| (format!("n{n}"), Uuid::nil()));
        assert_eq!(page.items, vec![1, 2]);
        let key: (String, Uuid) = start_after(&page.next_cursor, (String::new(), Uuid::nil())).unwrap();
        assert_eq!(key, ("n2".to_owned(), Uuid::nil()));
    }

    #[test]
    fn the_last_page_has_no_cursor_and_garbage_is_refused() {
        assert!(page(vec![1], 2, |n| *n).next_cursor.is_none());
        assert!(start_after::<(String, Uuid)>(&Some("%%".into()), (String::new(), Uuid::nil())).is_err());
    }
}
