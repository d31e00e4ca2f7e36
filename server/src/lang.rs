//! The two languages of every text the server writes itself (the console, public pages,
//! e-mails): French first, English for those whose browser or app prefers it.

use axum::http::header;

/// The clock the console and mails tell times by.
pub const FEDERATION_TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// French unless the browser (or the app) prefers English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn from_headers(headers: &axum::http::HeaderMap) -> Lang {
        let preferred = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .unwrap_or("fr")
            .trim()
            .to_ascii_lowercase();
        if preferred.starts_with("en") { Lang::En } else { Lang::Fr }
    }

    /// The text in this language: templates write both, side by side, `l.tr("…", "…")`.
    pub fn tr<'a>(&self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// A date and time as people read it, on the federation's clock (Paris time, summer
    /// and winter): "14/03/2027 à 17:00", "14/03/2027 at 17:00".
    pub fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        let local = at.with_timezone(&FEDERATION_TIME_ZONE);
        match self {
            Lang::Fr => local.format("%d/%m/%Y à %H:%M").to_string(),
            Lang::En => local.format("%d/%m/%Y at %H:%M").to_string(),
        }
    }

    /// A day as people read it: "14 mars 2027", "14 March 2027".
    pub fn day(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        let local = at.with_timezone(&FEDERATION_TIME_ZONE);
        match self {
            Lang::Fr => local.format_localized("%-d %B %Y", chrono::Locale::fr_FR).to_string(),
            Lang::En => local.format_localized("%-d %B %Y", chrono::Locale::en_GB).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn a_day_reads_in_each_language_on_the_federations_clock() {
        // 23:30 UTC on the 13th is already the 14th in Paris.
        let at = "2027-03-13T23:30:00Z".parse().unwrap();
        assert_eq!(Lang::Fr.day(&at), "14 mars 2027");
        assert_eq!(Lang::En.day(&at), "14 March 2027");
        let august = "2027-08-01T10:00:00Z".parse().unwrap();
        assert_eq!(Lang::Fr.day(&august), "1 août 2027");
    }
}
