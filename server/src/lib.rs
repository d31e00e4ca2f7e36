//! Fabrique's sync server.
//!
//! Where to start: [`Application::build`] assembles the router from each area's `router()`
//! over one [`db::Db`] that is either SQLite or PostgreSQL. Every content write arrives as a
//! mutation through [`sync::push`] (after the per-person [`limits`]), is checked against the
//! access rules in its area module ([`groups::access`]) and applied there, and is recorded
//! in the change log ([`sync::log`]) that [`sync::pull`] serves back per scope; [`pokes`]
//! tell live channels to pull. [`cli`] is what the `fabrique` binary runs.
//!
//! The areas, one module each: [`accounts`] (sign-in, sessions, invitations, throttling),
//! [`organisations`], [`people`], [`groups`], [`posts`], [`questions`], [`events`],
//! [`polls`], [`conversations`], [`attachments`], [`notifications`], [`web_push`] (Web Push:
//! endpoints, outbox, sender), [`search`], [`moderation`] (reports, the charter),
//! [`activity`] (counters for the console), [`audit`], and [`admin`] (the console's pages).
//! Below them: [`db`], [`error`], [`extract`], [`fields`], [`paging`], [`config`].

pub mod accounts;
pub mod activity;
pub mod admin;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod connections;
pub mod conversations;
pub mod db;
pub mod demo;
pub mod error;
pub mod events;
pub mod exports;
pub mod extract;
pub mod fields;
pub mod groups;
pub mod lang;
pub mod limits;
pub mod mail;
pub mod moderation;
pub mod must_reads;
pub mod notifications;
pub mod organisations;
pub mod paging;
pub mod people;
pub mod pokes;
pub mod polls;
pub mod posts;
pub mod questions;
pub mod retention;
pub mod search;
pub mod sync;
pub mod web_push;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

use crate::config::Settings;
use crate::db::Db;
use crate::error::{ApiError, ErrorCode, error_response};
use crate::pokes::Pokes;

/// Largest request body accepted anywhere but uploads (which have their own bound,
/// `fabrique_wire::attachments::SIZE_MAX`, checked before the body is read).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// What every handler can reach. Nothing here is state another instance would need: the
/// database holds it all, and pokes cross instances through PostgreSQL's LISTEN/NOTIFY.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub pokes: Pokes,
    /// Per-person write limits of this instance (see [`limits`]).
    pub limits: Arc<limits::WriteLimits>,
    /// The writer that applies concurrent pushes together (group commit), on either backend.
    pub writer: sync::writer::Writer<sync::push::Step>,
    /// Sessions found valid a moment ago (SQLite only, see [`auth::Sessions`]).
    pub sessions: Arc<auth::Sessions>,
    /// Turns at the database's readers for the requests that come in bursts (see [`db::Turns`]).
    pub turns: db::Turns,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Fabrique API", description = "Sync and REST API of Fabrique, the private social network of a federation and its associations. Every error answer is `{\"error\": {\"code\", \"message\"}}`."),
    modifiers(&BearerAuth),
    components(schemas(fabrique_wire::error::ErrorBody, fabrique_wire::exports::ExportArchive))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The running server: a bound listener and the router over the shared state.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// The pokes of this instance, for work done beside the requests (escalation).
    pub fn pokes(&self) -> pokes::Pokes {
        self.state.pokes.clone()
    }

    /// Binds first (so callers know the port before anything is served), then builds.
    pub async fn build(db: Db, settings: Settings, bind: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(bind).await?;
        Application::on_listener(listener, db, settings).await
    }

    /// Builds over a listener already bound (whose address the settings may name).
    pub async fn on_listener(listener: TcpListener, db: Db, settings: Settings) -> std::io::Result<Self> {
        let pokes = Pokes::start(&db).await.map_err(std::io::Error::other)?;
        let limits = Arc::new(match settings.write_limits {
            Some(per_hour) => limits::WriteLimits::new(per_hour),
            None => limits::WriteLimits::off(),
        });
        let writer = sync::writer::Writer::start(db.clone(), pokes.clone(), settings.write_batch.max(1));
        let sessions = Arc::new(auth::Sessions::for_db(&db));
        let turns = db::Turns::new(&db);
        let state = AppState { db, settings: Arc::new(settings), pokes, limits, writer, sessions, turns };
        let router = router(state.clone());
        Ok(Application { listener, router, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) {
        connections::serve(self.listener, self.router, shutdown).await;
    }
}

/// The `/v1` API with its OpenAPI document, built from the same route list.
pub fn api_router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(accounts::router())
        .merge(accounts::setup::api())
        .merge(accounts::reset::api())
        .merge(organisations::router())
        .merge(people::router())
        .merge(groups::router())
        .merge(posts::router())
        .merge(questions::router())
        .merge(events::router())
        .merge(exports::api())
        .merge(polls::router())
        .merge(must_reads::reach::router())
        .merge(search::router())
        .merge(web_push::router())
        .merge(moderation::charter::router())
        .merge(sync::router())
        .split_for_parts();
    let mut openapi = openapi;
    common_answers(&mut openapi);
    (router, openapi)
}

/// The answers every operation may give by what it takes (a body, ids in its address, a
/// query, a session), each the JSON error body of DESIGN.md §11: listed here once rather
/// than by hand on each operation, so that none is forgotten.
fn common_answers(openapi: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let error = |description: &str| -> RefOr<utoipa::openapi::Response> {
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
        RefOr::T(ResponseBuilder::new().description(description).content("application/json", content).build())
    };
    for (path, item) in openapi.paths.paths.iter_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            let located = |place: ParameterIn| {
                operation.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
            };
            let (in_path, in_query) = (path.contains('{') || located(ParameterIn::Path), located(ParameterIn::Query));
            let (has_body, signed_in) = (operation.request_body.is_some(), operation.security.is_some());
            let mut answers: Vec<(&str, &str)> = vec![("500", "`internal`: the server failed; nothing is told of why")];
            if signed_in {
                answers.push(("401", "`unauthorized`: no valid session"));
            }
            if in_path {
                answers.push(("400", "`invalid_id`: an id in the address is not valid"));
            }
            if in_query {
                answers.push(("400", "`invalid_query`: a query parameter is not valid"));
            }
            if has_body {
                answers.push(("400", "`malformed_json`: the body is not JSON"));
                answers.push(("413", "`body_too_large`: the body is over the size cap"));
                answers.push(("415", "`unsupported_media_type`: the body is not sent as JSON"));
                answers.push(("422", "`invalid_body` or a field's own code: the body is not of the expected shape"));
            }
            for (status, description) in answers {
                operation.responses.responses.entry(status.to_owned()).or_insert_with(|| error(description));
            }
        }
    }
}

fn router(state: AppState) -> Router {
    let (api, openapi) = api_router();
    // Kept as the text it is served as: the document's own structure, held for the process's
    // life, took about 2 MB.
    let openapi = axum::body::Bytes::from(serde_json::to_vec(&openapi).expect("the OpenAPI document is JSON"));
    // Browsers that reached us over https keep to it (only when the public address is https:
    // a plain-HTTP development server must stay reachable).
    let hsts = state.settings.public_url.starts_with("https://").then(|| {
        SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        )
    });
    Router::new()
        .merge(api)
        .route("/health", get(health))
        .route("/v1/openapi.json", get(move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi) }))
        .merge(accounts::setup::router())
        .merge(accounts::reset::router())
        .merge(accounts::join::router())
        .merge(notifications::digest::router())
        .merge(attachments::transfer::router())
        .merge(exports::router())
        .merge(admin::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(run_to_completion))
        // Answers carry tokens and private content: never stored by a cache along the way
        // unless a handler said otherwise (files), and never read as another type.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(tower::util::option_layer(hsts))
        // Answers compressed for clients that accept it (zstd, else gzip): a pull of 100 items
        // is mostly repeated JSON keys, paid for on mobile data. Photos, and the live channel's
        // events (which must not wait in a compressor's buffer), go as they are. Level 1: the
        // phones ask gzip, and gzip's default level cost a quarter of the server's time under
        // pulls. Measured on the reader's pull of 100 items (64.3 KB plain): 13.6 KB at level 1,
        // 10.6 KB at level 2, for 18 % more of the server's time per pull.
        .layer(
            CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(1))
                .compress_when(compressed_answers()),
        )
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Smaller answers than this go as they are: a push's answer, a pull with nothing new, a
/// person's profile. Compressing them saved a few hundred bytes at most (each fits in one TCP
/// segment either way) for a compressor set up for each. Measured while 16 devices post,
/// asking compressed answers as the apps' HTTP stacks do (a push's answer is about 75 bytes):
/// 315–342 µs of the server's CPU a post against 346–358, 2,339–2,545 posts/s against
/// 2,249–2,381.
const COMPRESSED_FROM: u64 = 1024;

/// What is compressed: answers of [`COMPRESSED_FROM`] bytes or more, or of a size not known
/// ahead, except photos, gRPC and the live channel's events (tower-http's own exceptions).
fn compressed_answers() -> impl tower_http::compression::Predicate {
    use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
    SizeAbove::new(COMPRESSED_FROM)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
}

/// [`Health`]: whether the database answers (503 when not), and which federation this is,
/// so an app can check an address a person typed before keeping it. The version only to a
/// signed-in federation administrator (it tells an attacker which flaws to try).
async fn health(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let federation: Result<Option<String>, _> = on_db!(&state.db, c => sqlx::query_scalar(
        "SELECT name FROM organisations WHERE kind = 'federation' ORDER BY created_at LIMIT 1").fetch_optional(c).await);
    let reachable = federation.is_ok();
    let token = crate::auth::bearer(&headers);
    let admin = match token {
        Some(token) if reachable => {
            crate::auth::authenticate(&state, token).await.ok().flatten().is_some_and(|a| a.is_federation_admin)
        }
        _ => false,
    };
    let body = fabrique_wire::accounts::Health {
        status: if reachable { "ok" } else { "unavailable" }.into(),
        service: "fabrique".into(),
        federation: federation.ok().flatten().unwrap_or_else(|| "Fabrique".into()),
        database: state.db.backend().into(),
        version: admin.then(|| env!("CARGO_PKG_VERSION").to_owned()),
    };
    let status = if reachable { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, axum::Json(body)).into_response()
}

/// A request the server has started is finished whatever the client does. When a client
/// hangs up (a phone losing its network), axum drops the request's future, which would stop
/// a write at an arbitrary await, and a read between its `COMMIT` and the moment the
/// connection learns of it (PostgreSQL then logs a stray `ROLLBACK`); sqlx once even left
/// connections inside a transaction that way (see `db.rs`). So each request runs in its own
/// task, which the connection only awaits: its work goes on to commit or rollback, and a
/// phone that retries finds its mutations applied once. A task costs about a microsecond;
/// work for an answer nobody reads is bounded by the API's page sizes.
async fn run_to_completion(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let work = tracing::Instrument::in_current_span(next.run(request));
    match tokio::spawn(work).await {
        Ok(response) => response,
        Err(error) => ApiError::internal(format!("a request's task failed: {error}")).into_response(),
    }
}

async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, ErrorCode::NotFound, "There is nothing at this address.", None)
}

async fn method_not_allowed() -> Response {
    ApiError::client(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "This address does not accept this method.",
    )
    .into_response()
}
