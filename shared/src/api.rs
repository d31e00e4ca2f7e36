//! Talking to the server: requests built with the session's token, answers read into what
//! the rest of the core needs (a value, or a failure a person can be told about).
//!
//! Compression is the shells' HTTP stacks' business, not the core's: the server compresses
//! answers (zstd or gzip) for clients that accept it; iOS's URLSession asks and decompresses
//! by itself, Android's `HttpClient` asks for gzip and reads it; the core sees plain JSON.

use crux_http::protocol::{HttpHeader, HttpRequest, HttpResponse, HttpResult};
use fabrique_wire::error::ErrorBody;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::i18n::{self, Text};

/// Where the server is and who is calling.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Credentials {
    pub server_url: String,
    pub token: String,
}

/// Why a call did not give its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No answer at all (no network, server down): try again later, nothing is wrong with the request.
    Unreachable,
    /// The server failed (5xx) or answered something unreadable: try again later.
    Server,
    /// The session is no longer valid.
    Unauthorized,
    /// The server refused this request for good.
    Refused { status: u16, code: String, details: Option<serde_json::Value> },
}

impl Failure {
    /// Worth trying again later, unchanged.
    pub fn is_transient(&self) -> bool {
        matches!(self, Failure::Unreachable | Failure::Server) || matches!(self, Failure::Refused { status: 429, .. })
    }

    pub fn text(&self) -> Text {
        match self {
            Failure::Unreachable => Text::ServerUnreachable,
            Failure::Server => Text::ServerError,
            Failure::Unauthorized => Text::SessionExpired,
            Failure::Refused { code, .. } => i18n::for_error_code(code),
        }
    }
}

pub fn url(server_url: &str, path: &str) -> String {
    format!("{}{}", server_url.trim_end_matches('/'), path)
}

/// A request before any sign-in (a federation's `/health`).
pub fn public_get(server_url: &str, path: &str) -> HttpRequest {
    request("GET", server_url, path, None, Vec::new())
}

pub fn get(credentials: &Credentials, path: &str) -> HttpRequest {
    request("GET", &credentials.server_url, path, Some(&credentials.token), Vec::new())
}

pub fn post(credentials: Option<&Credentials>, server_url: &str, path: &str, body: &impl Serialize) -> HttpRequest {
    // Serialising our own wire types cannot fail (no maps with non-string keys, no foreign types).
    let body = serde_json::to_vec(body).unwrap_or_default();
    request("POST", server_url, path, credentials.map(|c| c.token.as_str()), body)
}

/// The request, telling the server the person's language (the mails it writes them are in it).
pub fn in_language(mut request: HttpRequest, language: crate::i18n::Language) -> HttpRequest {
    let code = match language {
        crate::i18n::Language::French => "fr",
        crate::i18n::Language::English => "en",
    };
    request.headers.push(HttpHeader { name: "accept-language".into(), value: code.into() });
    request
}

fn request(method: &str, server_url: &str, path: &str, token: Option<&str>, body: Vec<u8>) -> HttpRequest {
    let mut headers = vec![HttpHeader { name: "accept".into(), value: "application/json".into() }];
    if !body.is_empty() {
        headers.push(HttpHeader { name: "content-type".into(), value: "application/json".into() });
    }
    if let Some(token) = token {
        headers.push(HttpHeader { name: "authorization".into(), value: format!("Bearer {token}") });
    }
    HttpRequest { method: method.into(), url: url(server_url, path), headers, body }
}

/// Read an answer: the JSON value on success, a [`Failure`] otherwise.
pub fn decode<T: DeserializeOwned>(result: HttpResult) -> Result<T, Failure> {
    let response = answer(result)?;
    serde_json::from_slice(&response.body).map_err(|_| Failure::Server)
}

/// The answer's status, if there was an answer.
pub fn status(result: &HttpResult) -> Option<u16> {
    match result {
        HttpResult::Ok(response) => Some(response.status),
        HttpResult::Err(_) => None,
    }
}

/// Read an answer whose body does not matter.
pub fn decode_empty(result: HttpResult) -> Result<(), Failure> {
    answer(result).map(|_| ())
}

fn answer(result: HttpResult) -> Result<HttpResponse, Failure> {
    let response = match result {
        HttpResult::Ok(response) => response,
        HttpResult::Err(_) => return Err(Failure::Unreachable),
    };
    check(response.status, &response.body)?;
    Ok(response)
}

/// Read an answer the shell received outside the HTTP effect (an upload's): its status and
/// body, by the same rules.
pub fn read<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Failure> {
    check(status, body)?;
    serde_json::from_slice(body).map_err(|_| Failure::Server)
}

fn check(status: u16, body: &[u8]) -> Result<(), Failure> {
    match status {
        200..=299 => Ok(()),
        401 => Err(Failure::Unauthorized),
        // A proxy in front of a stopped server answers these: the server is not reachable.
        // Unless the server itself said why (a service it lacks, such as e-mail).
        502..=504 if serde_json::from_slice::<ErrorBody>(body).is_err() => Err(Failure::Unreachable),
        400..=499 | 502..=504 => {
            let (code, details) = match serde_json::from_slice::<ErrorBody>(body) {
                Ok(body) => (body.error.code, body.error.details),
                Err(_) => (String::from("refused"), None),
            };
            Err(Failure::Refused { status, code, details })
        }
        _ => Err(Failure::Server),
    }
}

/// Percent-encode one query value.
pub fn query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResult {
        HttpResult::Ok(HttpResponse { status, headers: vec![], body: body.as_bytes().to_vec() })
    }

    #[test]
    fn a_refusal_keeps_the_servers_code() {
        let failure = decode::<serde_json::Value>(response(
            403,
            r#"{"error":{"code":"not_a_member","message":"You are not a member."}}"#,
        ))
        .unwrap_err();
        assert_eq!(failure.text(), Text::NotAMember);
        assert!(!failure.is_transient());
    }

    #[test]
    fn a_server_error_or_garbage_is_transient() {
        assert!(decode::<serde_json::Value>(response(500, "oops")).unwrap_err().is_transient());
        assert!(decode::<serde_json::Value>(response(200, "not json")).unwrap_err().is_transient());
        assert_eq!(decode::<serde_json::Value>(response(401, "")).unwrap_err(), Failure::Unauthorized);
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_value("l'église & co"), "l%27%C3%A9glise%20%26%20co");
    }
}
