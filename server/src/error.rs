//! The server's one error type and its JSON answer (DESIGN.md §11).
//!
//! Client mistakes carry a stable code and a sentence; database and internal failures are
//! logged inside the request span and answered as a generic 500 that leaks nothing.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
pub use fabrique_wire::error::ErrorCode;
use fabrique_wire::error::{ErrorBody, ErrorDetail};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{code}: {message}")]
    Client {
        status: StatusCode,
        code: ErrorCode,
        message: String,
        details: Option<serde_json::Value>,
        retry_after: Option<u64>,
    },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn client(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::Client { status, code, message: message.into(), details: None, retry_after: None }
    }
    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::client(StatusCode::BAD_REQUEST, code, message)
    }
    pub fn invalid(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::client(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }
    pub fn unauthorized() -> Self {
        Self::client(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, "Sign in to continue.")
    }
    pub fn forbidden(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::client(StatusCode::FORBIDDEN, code, message)
    }
    pub fn not_found(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::client(StatusCode::NOT_FOUND, code, message)
    }
    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::client(StatusCode::CONFLICT, code, message)
    }
    pub fn rate_limited(retry_after: u64) -> Self {
        ApiError::Client {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: ErrorCode::RateLimited,
            message: "Too many attempts. Wait a moment and try again.".into(),
            details: None,
            retry_after: Some(retry_after),
        }
    }
    /// A person writing faster than a person can (see `limits`): the write waits on the
    /// device and goes again after `retry_after` seconds.
    pub fn write_limited(retry_after: u64) -> Self {
        ApiError::Client {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: ErrorCode::RateLimited,
            message: format!(
                "You are writing faster than anyone can by hand: what you wrote is kept and goes in {retry_after} s."
            ),
            details: None,
            retry_after: Some(retry_after),
        }
    }
    pub fn with_details(mut self, value: serde_json::Value) -> Self {
        if let ApiError::Client { details, .. } = &mut self {
            *details = Some(value);
        }
        self
    }
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::Internal(message.into())
    }

    /// The stable code and message, for a client error; `None` for internal failures.
    pub fn as_client(&self) -> Option<(&'static str, &str)> {
        match self {
            ApiError::Client { code, message, .. } => Some((code.as_str(), message)),
            _ => None,
        }
    }
}

/// Unique-constraint violations become a 409 in one line.
pub trait OnConstraint<T> {
    fn on_unique(self, code: ErrorCode, message: &'static str) -> ApiResult<T>;
}

impl<T> OnConstraint<T> for Result<T, sqlx::Error> {
    fn on_unique(self, code: ErrorCode, message: &'static str) -> ApiResult<T> {
        self.map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => ApiError::conflict(code, message),
            _ => ApiError::Database(e),
        })
    }
}

pub fn error_response(
    status: StatusCode,
    code: ErrorCode,
    message: &str,
    details: Option<serde_json::Value>,
) -> Response {
    let body =
        ErrorBody { error: ErrorDetail { code: code.as_str().to_owned(), message: message.to_owned(), details } };
    (status, axum::Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Client { status, code, message, details, retry_after } => {
                if status == StatusCode::TOO_MANY_REQUESTS {
                    // Someone going faster than a person: logged inside the request's span.
                    tracing::warn!(code = code.as_str(), retry_after, "refused: too many requests");
                }
                let mut response = error_response(status, code, &message, details);
                if let Some(seconds) = retry_after {
                    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                response
            }
            ApiError::Database(e) => {
                tracing::error!(error = %e, "database error");
                internal_response()
            }
            ApiError::Internal(message) => {
                tracing::error!(error = %message, "internal error");
                internal_response()
            }
        }
    }
}

fn internal_response() -> Response {
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        "Something went wrong on our side. Your data is safe; try again in a moment.",
        None,
    )
}
