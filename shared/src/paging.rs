//! A list read online page by page (groups to browse, a group's posts, the directory, search
//! results): the items so far, the next page's cursor, the request under way, what went wrong.

use fabrique_wire::Page;

use crate::api;
use crate::i18n::Text;

/// A list read online page by page: the items so far, the next page's cursor, the tag of
/// the request under way (an answer with another tag is stale), and what went wrong.
#[derive(Debug)]
pub struct OnlineList<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub tag: Option<u64>,
    pub loaded: bool,
    pub error: Option<Text>,
}

impl<T> Default for OnlineList<T> {
    fn default() -> Self {
        OnlineList { items: Vec::new(), next_cursor: None, tag: None, loaded: false, error: None }
    }
}

impl<T> OnlineList<T> {
    /// A page arrived (or failed): replace the items, or add them for the next page.
    pub fn answered(&mut self, append: bool, result: Result<Page<T>, api::Failure>) {
        self.tag = None;
        match result {
            Ok(page) => {
                if !append {
                    self.items.clear();
                }
                self.items.extend(page.items);
                self.next_cursor = page.next_cursor;
                self.loaded = true;
                self.error = None;
            }
            Err(failure) => self.error = Some(failure.text()),
        }
    }

    /// Shown as empty: loaded, nothing found, nothing under way.
    pub fn is_empty_result(&self) -> bool {
        self.loaded && self.items.is_empty() && self.tag.is_none()
    }
}
