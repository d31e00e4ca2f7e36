//! Words as search sees them, in French: lower case, accents removed, stemmed
//! ("Événements" → "even", "subventions" → "subvent"), elisions and short words dropped.
//!
//! On SQLite the index stores these stems (FTS5 has no French stemmer); on both backends
//! they decide which words of a result are highlighted. Any input is safe: only letters and
//! digits survive, so `l'église`, `C++`, `qui-vient`, quotes or emoji never reach a query
//! as syntax.

use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Words too common to say anything (and elided articles, dropped as one-letter words).
const STOP_WORDS: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "il", "ils", "je", "la", "le",
    "les", "leur", "lui", "ma", "mais", "me", "mes", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas",
    "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "ton", "tu", "un", "une", "vos",
    "votre", "vous", "est", "sont", "the", "of", "and", "to", "in",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

/// A word of a text: where it is (byte offsets) and its stem.
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub stem: String,
}

/// Lower case without accents or ligatures: "Événement" → "evenement", "œuvre" → "oeuvre".
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'œ' | 'Œ' => folded.push_str("oe"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'ß' => folded.push_str("ss"),
            c => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The words of `text` worth searching, in order.
pub fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let mut start = None;
    let mut chars = text.char_indices().chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (index, c) in chars.by_ref() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(index),
                (false, Some(from)) => {
                    start = None;
                    if let Some(stem) = stem(&text[from..index]) {
                        return Some(Word { start: from, end: index, stem });
                    }
                }
                _ => {}
            }
        }
        None
    })
}

fn stem(word: &str) -> Option<String> {
    let folded = fold(word);
    if folded.chars().count() < 2 || STOP_WORDS.contains(&folded.as_str()) {
        return None;
    }
    Some(stemmer().stem(&folded).into_owned())
}

/// The stems of a text, separated by spaces: what the SQLite index stores.
pub fn stems(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.stem);
    }
    out
}

/// The stems of a query, without repeats, in order.
pub fn query_stems(query: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    words(query).map(|w| w.stem).filter(|s| seen.insert(s.clone())).collect()
}

/// An FTS5 query for these stems: each one quoted (so it is a word, never syntax), all
/// required, or any of them when `any`.
pub fn fts5_query(stems: &[String], any: bool) -> String {
    let quoted: Vec<String> = stems.iter().map(|s| format!("\"{}\"", s.replace('"', ""))).collect();
    quoted.join(if any { " OR " } else { " " })
}

/// A piece of text with the places to highlight, as character offsets [start, end).
#[derive(Debug, Clone, PartialEq)]
pub struct Highlighted {
    pub text: String,
    pub marks: Vec<[u32; 2]>,
}

/// `text` (cut to about `max_chars` around its first match when longer) with the words
/// whose stem the query holds marked.
pub fn highlight(text: &str, stems: &[String], max_chars: usize) -> Highlighted {
    let found: Vec<Word> = words(text).filter(|w| stems.contains(&w.stem)).collect();
    let total = text.chars().count();
    let (from, to, ellipsis_before, ellipsis_after) = if total <= max_chars {
        (0, text.len(), false, false)
    } else {
        // Start a little before the first match, on a character boundary.
        let first = found.first().map_or(0, |w| w.start);
        let before = text[..first].chars().count();
        let start_char = before.saturating_sub(max_chars / 4);
        let from = text.char_indices().nth(start_char).map_or(0, |(i, _)| i);
        let to = text[from..].char_indices().nth(max_chars).map_or(text.len(), |(i, _)| from + i);
        (from, to, from > 0, to < text.len())
    };
    let mut out = String::new();
    if ellipsis_before {
        out.push('…');
    }
    let offset_chars = out.chars().count() as u32;
    out.push_str(&text[from..to]);
    if ellipsis_after {
        out.push('…');
    }
    let marks = found
        .iter()
        .filter(|w| w.start >= from && w.end <= to)
        .map(|w| {
            let start = text[from..w.start].chars().count() as u32 + offset_chars;
            let end = start + text[w.start..w.end].chars().count() as u32;
            [start, end]
        })
        .collect();
    Highlighted { text: out, marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_endings_do_not_matter() {
        assert_eq!(query_stems("evenement"), query_stems("Événements"));
        assert_eq!(query_stems("subvention"), query_stems("subventions"));
        assert_eq!(query_stems("bénévoles"), query_stems("benevole"));
    }

    #[test]
    fn raw_input_gives_words_never_syntax() {
        assert_eq!(query_stems("l'église"), query_stems("eglise"));
        assert_eq!(query_stems("qui-vient"), query_stems("vient"));
        assert!(query_stems("C++").is_empty());
        assert!(query_stems("\"unbalanced").len() == 1);
        assert!(query_stems("🎉 ✨").is_empty());
        assert_eq!(fts5_query(&query_stems("NEAR OR NOT \" *"), false), "\"near\" \"or\" \"not\"");
    }

    #[test]
    fn matches_are_marked_in_a_window_around_the_first() {
        let text = format!("{} Les subventions régionales arrivent.", "Préambule. ".repeat(40));
        let shown = highlight(&text, &query_stems("subvention"), 80);
        assert!(shown.text.starts_with('…'));
        let [start, end] = shown.marks[0];
        let marked: String = shown.text.chars().skip(start as usize).take((end - start) as usize).collect();
        assert_eq!(marked, "subventions");
    }
}
