//! The two languages of every text the server writes itself (the console, public pages,
//! e-mails): French first, English for those whose browser or app prefers it.

use axum::http::header;

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

    /// A date and time as people read it (UTC, said so).
    pub fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        match self {
            Lang::Fr => at.format("%d/%m/%Y %H:%M UTC").to_string(),
            Lang::En => at.format("%Y-%m-%d %H:%M UTC").to_string(),
        }
    }

    /// A day as people read it: "14 mars 2027", "14 March 2027".
    pub fn day(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        use chrono::Datelike;
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = at.month0() as usize;
        match self {
            Lang::Fr => format!("{} {} {}", at.day(), FR[month], at.year()),
            Lang::En => format!("{} {} {}", at.day(), EN[month], at.year()),
        }
    }
}
