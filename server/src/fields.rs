//! Parse, don't validate: values from outside become these types at the edge, or a 422
//! that names the field. Past this module, a name is never empty or over-long.

use crate::error::{ApiError, ErrorCode};

fn field_error(field: &str, message: String) -> ApiError {
    ApiError::invalid(ErrorCode::InvalidField, message).with_details(serde_json::json!({ "field": field }))
}

/// Whether a text field may be left empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
}

/// Whether a text may hold line breaks (and tabs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Trimmed text of at most `max` characters, without control characters (line breaks are
/// allowed with [`Lines::Many`]). Empty is refused when [`Presence::Required`].
///
/// Line breaks are kept as `\n` only: a `\r`, alone or before `\n`, becomes `\n`, so that no
/// text can end a line early where it is written into a line-based format (an `.ics` file,
/// a mail header, a CSV export).
pub fn text(field: &str, value: &str, max: usize, presence: Presence, lines: Lines) -> Result<String, ApiError> {
    let (required, multiline) = (presence == Presence::Required, lines == Lines::Many);
    let normalised;
    let value = if multiline && value.contains('\r') {
        normalised = value.replace("\r\n", "\n").replace('\r', "\n");
        normalised.trim()
    } else {
        value.trim()
    };
    if required && value.is_empty() {
        return Err(field_error(field, format!("`{field}` cannot be empty."))
            .with_details(serde_json::json!({ "field": field, "problem": "empty" })));
    }
    let count = value.chars().count();
    if count > max {
        return Err(field_error(field, format!("`{field}` is too long ({count} characters; at most {max})."))
            .with_details(serde_json::json!({ "field": field, "problem": "too_long", "max": max })));
    }
    if value.chars().any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t'))) {
        return Err(field_error(field, format!("`{field}` contains characters that are not allowed.")));
    }
    Ok(value.to_owned())
}

pub fn display_name(value: &str) -> Result<String, ApiError> {
    text("display_name", value, fabrique_wire::people::DISPLAY_NAME_MAX, Presence::Required, Lines::One)
}

pub fn email(value: &str) -> Result<String, ApiError> {
    let value = value.trim().to_lowercase();
    let valid = value.len() <= 254
        && !value.chars().any(char::is_whitespace)
        && matches!(value.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains('@'));
    if valid { Ok(value) } else { Err(field_error("email", "This is not a valid email address.".into())) }
}

/// At least 10 characters (NIST SP 800-63B favours length over composition rules), and not
/// guessable: common passwords, words of a dictionary, keyboard walks, repetitions and
/// sequences, dates, or the person's own name and address are refused (zxcvbn's estimate
/// must reach "safely unguessable", 10¹⁰ guesses). `personal`: what an attacker would try
/// first for this person (their email, their name).
pub fn new_password(field: &str, value: &str, personal: &[&str]) -> Result<String, ApiError> {
    let count = value.chars().count();
    if count < 10 {
        return Err(field_error(field, "The password must have at least 10 characters.".into()));
    }
    if count > 256 {
        return Err(field_error(field, "The password is too long (at most 256 characters).".into()));
    }
    // The person's name and address, word by word and run together ("hugochevalier").
    let mut known: Vec<String> =
        ["fabrique", "federation", "fédération", "association", "motdepasse"].map(str::to_owned).to_vec();
    for text in personal {
        let text = text.to_lowercase();
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3).collect();
        known.push(words.concat());
        known.extend(words.iter().map(|w| (*w).to_owned()));
    }
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    if (zxcvbn::zxcvbn(value, &known).score() as u8) < 3 {
        return Err(ApiError::invalid(
            ErrorCode::WeakPassword,
            "This password is too easy to guess (a common password, a word, a sequence or your own name): choose a few words of your own, with a number or a sign.",
        )
        .with_details(serde_json::json!({ "field": field })));
    }
    Ok(value.to_owned())
}

/// Normalised tags: trimmed, lower-case, inner spaces collapsed, without duplicates.
pub fn tags(field: &str, values: &[String]) -> Result<Vec<String>, ApiError> {
    if values.len() > 20 {
        return Err(field_error(field, format!("`{field}` has too many tags (at most 20).")));
    }
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let tag = value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if tag.is_empty() {
            return Err(field_error(field, format!("`{field}` has an empty tag.")));
        }
        if tag.chars().count() > 40 || tag.chars().any(char::is_control) {
            return Err(field_error(
                field,
                format!("The tag \"{tag}\" is too long or has characters that are not allowed."),
            ));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// One emoji (or a short sequence such as a flag or a skin tone): no spaces, at most 8 characters.
pub fn emoji(value: &str) -> Result<String, ApiError> {
    let count = value.chars().count();
    if count == 0
        || count > 8
        || value.chars().any(|c| c.is_whitespace() || c.is_control() || c.is_ascii_alphanumeric())
    {
        return Err(field_error("emoji", "A reaction is one emoji.".into()));
    }
    Ok(value.to_owned())
}

/// Page size from a query string: default, capped.
pub fn page_limit(limit: Option<u32>, default: u32, max: u32) -> Result<i64, ApiError> {
    match limit {
        None => Ok(default as i64),
        Some(0) => Err(ApiError::bad_request(ErrorCode::InvalidQuery, "`limit` must be at least 1.")),
        Some(n) => Ok(n.min(max) as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised_and_deduplicated() {
        let tags =
            tags("skills", &["  Comptabilité ".into(), "comptabilité".into(), "Levée  de   fonds".into()]).unwrap();
        assert_eq!(tags, vec!["comptabilité", "levée de fonds"]);
    }

    #[test]
    fn email_is_lower_cased_and_checked() {
        assert_eq!(email(" Claire@Example.ORG ").unwrap(), "claire@example.org");
        assert!(email("claire@").is_err());
        assert!(email("claire example@x.org").is_err());
        assert!(email("@x.org").is_err());
    }

    #[test]
    fn text_refuses_control_characters_and_overlong_values() {
        assert!(text("name", "a\u{0}b", 10, Presence::Required, Lines::One).is_err());
        assert!(text("name", &"é".repeat(11), 10, Presence::Required, Lines::One).is_err());
        assert_eq!(text("name", "  Trésorerie  ", 10, Presence::Required, Lines::One).unwrap(), "Trésorerie");
        assert!(text("body", "ligne 1\nligne 2", 100, Presence::Required, Lines::Many).is_ok());
    }

    #[test]
    fn an_emoji_is_not_a_word() {
        assert!(emoji("👍").is_ok());
        assert!(emoji("🇫🇷").is_ok());
        assert!(emoji("like").is_err());
        assert!(emoji("").is_err());
    }
}
