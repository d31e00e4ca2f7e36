//! The two languages of every text the server writes itself (the console, public pages,
//! e-mails): French first, English for those whose browser or app prefers it.

use axum::http::header;

/// The clock the console and mails tell times by, until the federation chooses another
/// (console, "Réglages"; see `retention::set_time_zone`).
pub const FEDERATION_TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;
pub(crate) const TIME_ZONE_KEY: &str = "federation.time_zone";

/// The clocks a federation may choose: where French-speaking associations are (the name, as
/// the IANA database has it, and how people call it).
pub const TIME_ZONES: [(&str, &str, &str); 14] = [
    ("Europe/Paris", "France métropolitaine", "Metropolitan France"),
    ("Europe/Brussels", "Belgique", "Belgium"),
    ("Europe/Luxembourg", "Luxembourg", "Luxembourg"),
    ("Europe/Zurich", "Suisse", "Switzerland"),
    ("America/Toronto", "Québec, Ontario", "Quebec, Ontario"),
    ("America/Guadeloupe", "Guadeloupe", "Guadeloupe"),
    ("America/Martinique", "Martinique", "Martinique"),
    ("America/Cayenne", "Guyane", "French Guiana"),
    ("Indian/Reunion", "La Réunion", "Réunion"),
    ("Indian/Mayotte", "Mayotte", "Mayotte"),
    ("Pacific/Noumea", "Nouvelle-Calédonie", "New Caledonia"),
    ("Pacific/Tahiti", "Polynésie française", "French Polynesia"),
    ("Africa/Dakar", "Sénégal", "Senegal"),
    ("Africa/Abidjan", "Côte d'Ivoire", "Ivory Coast"),
];

/// The federation's clock: its choice, or Paris.
pub async fn time_zone(tx: &mut crate::db::Tx) -> crate::error::ApiResult<chrono_tz::Tz> {
    let value: Option<String> = crate::on_tx!(tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(TIME_ZONE_KEY).fetch_optional(c).await)?;
    Ok(chosen_time_zone(value))
}

/// The clock a stored choice names, or Paris.
pub fn chosen_time_zone(value: Option<String>) -> chrono_tz::Tz {
    value.and_then(|v| v.parse().ok()).unwrap_or(FEDERATION_TIME_ZONE)
}

/// The federation's clock, read on its own (public pages); Paris if it cannot be read.
pub async fn time_zone_of(db: &crate::db::Db) -> chrono_tz::Tz {
    let read = async {
        let mut tx = db.begin_read().await?;
        let tz = time_zone(&mut tx).await?;
        tx.commit().await?;
        Ok::<_, crate::error::ApiError>(tz)
    };
    read.await.unwrap_or(FEDERATION_TIME_ZONE)
}

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

    /// A date and time as people read it, on the federation's clock (summer and winter):
    /// "14/03/2027 à 17:00", "14/03/2027 at 17:00".
    pub fn when(&self, at: &chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
        let local = at.with_timezone(&tz);
        match self {
            Lang::Fr => local.format("%d/%m/%Y à %H:%M").to_string(),
            Lang::En => local.format("%d/%m/%Y at %H:%M").to_string(),
        }
    }

    /// A day as people read it, on the federation's clock: "14 mars 2027", "14 March 2027".
    pub fn day(&self, at: &chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
        let local = at.with_timezone(&tz);
        match self {
            Lang::Fr => local.format_localized("%-d %B %Y", chrono::Locale::fr_FR).to_string(),
            Lang::En => local.format_localized("%-d %B %Y", chrono::Locale::en_GB).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FEDERATION_TIME_ZONE as PARIS, Lang};

    #[test]
    fn a_day_reads_in_each_language_on_the_federations_clock() {
        // 23:30 UTC on the 13th is already the 14th in Paris.
        let at = "2027-03-13T23:30:00Z".parse().unwrap();
        assert_eq!(Lang::Fr.day(&at, PARIS), "14 mars 2027");
        assert_eq!(Lang::En.day(&at, PARIS), "14 March 2027");
        assert_eq!(Lang::Fr.day(&at, chrono_tz::America::Martinique), "13 mars 2027", "another clock");
        let august = "2027-08-01T10:00:00Z".parse().unwrap();
        assert_eq!(Lang::Fr.day(&august, PARIS), "1 août 2027");
        assert_eq!(Lang::En.when(&august, chrono_tz::Indian::Reunion), "01/08/2027 at 14:00");
    }
}
