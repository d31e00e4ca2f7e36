//! Extractors that answer bad input in our error format instead of axum's plain text.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ErrorCode};

/// JSON body: malformed JSON is a 400, a body of the wrong shape (unknown field, wrong
/// type, missing field) a 422, a body over the size cap a 413.
pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime_type::Essence>().ok())
            .is_some_and(|essence| essence.is_json());
        if !is_json {
            return Err(ApiError::client(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "Send the request body as JSON with Content-Type: application/json.",
            ));
        }
        let bytes = match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => bytes,
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::client(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ErrorCode::BodyTooLarge,
                    "The request body is too large.",
                ));
            }
            Err(_) => {
                return Err(ApiError::bad_request(ErrorCode::UnreadableBody, "The request body could not be read."));
            }
        };
        // Every body of this API is an object: serde would take a struct from an array too.
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            Some(b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                return Err(ApiError::invalid(ErrorCode::InvalidBody, "The request body must be a JSON object."));
            }
            _ => return Err(ApiError::bad_request(ErrorCode::MalformedJson, "The request body is not valid JSON.")),
        }
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

/// `Content-Type` without its parameters: `application/json` or `application/…+json`.
mod mime_type {
    pub struct Essence(String);

    impl std::str::FromStr for Essence {
        type Err = ();
        fn from_str(value: &str) -> Result<Self, ()> {
            Ok(Essence(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()))
        }
    }

    impl Essence {
        pub fn is_json(&self) -> bool {
            let essence = self.0.as_str();
            essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match &rejection {
        JsonRejection::JsonDataError(e) => ApiError::invalid(
            ErrorCode::InvalidBody,
            format!("The request body does not have the expected fields: {}", e.body_text()),
        ),
        JsonRejection::JsonSyntaxError(_) => {
            ApiError::bad_request(ErrorCode::MalformedJson, "The request body is not valid JSON.")
        }
        JsonRejection::MissingJsonContentType(_) => ApiError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Send the request body as JSON with Content-Type: application/json.",
        ),
        _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::client(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::BodyTooLarge, "The request body is too large.")
        }
        _ => ApiError::bad_request(ErrorCode::UnreadableBody, "The request body could not be read."),
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Path parameters: an id that is not a UUID is a 400.
pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => {
                Err(ApiError::bad_request(ErrorCode::InvalidId, "An id in the address is not valid."))
            }
            Err(_) => Err(ApiError::bad_request(ErrorCode::InvalidPath, "The address is not valid.")),
        }
    }
}

/// Query string parameters.
pub struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // Percent-escapes that do not spell UTF-8 would be read as replacement characters:
        // say so instead.
        if !parts.uri.query().is_none_or(decodes_to_utf8) {
            return Err(ApiError::bad_request(ErrorCode::InvalidQuery, "The query parameters are not valid UTF-8."));
        }
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => Err(ApiError::bad_request(
                ErrorCode::InvalidQuery,
                format!("The query parameters are not valid: {}", e.body_text()),
            )),
            Err(_) => Err(ApiError::bad_request(ErrorCode::InvalidQuery, "The query parameters are not valid.")),
        }
    }
}

/// Whether each `name=value` of a query string, once its percent-escapes are decoded, is
/// UTF-8.
fn decodes_to_utf8(query: &str) -> bool {
    query.split('&').all(|pair| {
        let bytes = pair.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                (b'%', Some(high), Some(low)) => {
                    decoded.push((high * 16 + low) as u8);
                    i += 3;
                }
                (byte, _, _) => {
                    decoded.push(byte);
                    i += 1;
                }
            }
        }
        std::str::from_utf8(&decoded).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::decodes_to_utf8;

    #[test]
    fn query_strings_must_decode_to_utf8() {
        assert!(decodes_to_utf8("q=%C3%A9glise&limit=10"));
        assert!(decodes_to_utf8("q=100%&x"));
        assert!(!decodes_to_utf8("q=%FF"));
        assert!(!decodes_to_utf8("q=%C3"));
    }
}
