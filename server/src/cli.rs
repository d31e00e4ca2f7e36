//! What the `fabrique` binary does for each command.

use std::future::Future;
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use std::time::Duration;

use tracing_subscriber::EnvFilter;

use crate::accounts::{self, rate_limit, setup};
use crate::config::{AdminCommand, Cli, Command, CreateAdminArgs, ServeArgs, Settings, StoreArgs};
use crate::db::Db;
use crate::mail::sender::{MailSender, MailSenderOptions};
use crate::web_push::sender::SenderOptions;
use crate::{Application, demo, fields, sync};

pub async fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Serve(args) => serve(args, false).await,
        Command::Demo(args) => serve(args, true).await,
        Command::Admin(AdminCommand::Create(args)) => create_admin(args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fabrique: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logs(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}

/// Connects and brings the schema up to date.
pub async fn open_store(store: &StoreArgs) -> Result<Db, String> {
    if store.database_url.is_none() {
        std::fs::create_dir_all(&store.data_dir)
            .map_err(|e| format!("cannot create the data directory {}: {e}", store.data_dir.display()))?;
    }
    let db = Db::connect_with(&store.database_url(), store.database_pool)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    db.migrate().await.map_err(|e| format!("cannot update the database schema: {e}"))?;
    let indexed = crate::search::backfill(&db).await.map_err(|e| format!("cannot prepare search: {e}"))?;
    if indexed > 0 {
        tracing::info!(indexed, "search index completed");
    }
    Ok(db)
}

async fn serve(args: ServeArgs, demo_data: bool) -> Result<(), String> {
    init_logs(args.log_json);
    let db = open_store(&args.store).await?;
    tracing::info!(backend = db.backend(), "database ready");
    if demo_data || args.demo {
        match demo::fill_if_empty(&db).await.map_err(|e| format!("cannot write the demo data: {e}"))? {
            Some(sign_in) => println!(
                "\nDemo federation created. Sign in as {} with the password \"{}\" (every demo account has it).\n",
                sign_in.email, sign_in.password
            ),
            None => tracing::info!("the database already holds data: demo data not added"),
        }
    }
    // Listening first, so that links name the address really listened on.
    let listener =
        tokio::net::TcpListener::bind(args.bind).await.map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
    let listening = listener.local_addr().map_err(|e| e.to_string())?;
    let public_url = args.public_url(listening);
    if let Some(code) = setup::ensure_setup_code(&db).await.map_err(|e| e.to_string())? {
        println!(
            "\nNo administrator yet. Open this one-time link to create the first one:\n\n    {public_url}/setup?code={code}\n\nor run `fabrique admin create`.\n"
        );
    }
    let mail = args.mail(&public_url)?;
    if mail.is_none() {
        tracing::warn!(
            "e-mail is not configured (--smtp-url): no mail is sent; the console shows invitation and password links to pass on"
        );
    }
    let files_dir = args.store.data_dir.join("attachments");
    let settings = Settings {
        public_url: public_url.clone(),
        search_batch: args.search_batch,
        files_dir,
        push_endpoints: args.push_endpoints(),
        write_limits: args.write_limits(),
        write_batch: args.write_batch as usize,
        trusted_proxies: args.trusted_proxies.clone(),
        mail: mail.clone(),
        apps: args.apps(),
    };
    let app = Application::on_listener(listener, db.clone(), settings)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
    let signal = shutdown_signal();
    tracing::info!(address = %app.local_addr(), "Fabrique is listening");
    let files_dir = app.state().settings.files_dir.clone();
    let maintenance = tokio::spawn(maintenance(
        db.clone(),
        app.pokes(),
        args.question_escalation_hours,
        files_dir,
        app.state().settings.clone(),
    ));
    let reminders = tokio::spawn(reminders(db.clone(), app.pokes()));
    // Pushes leave from here; at shutdown the batch under way is finished first.
    let contact = args.push_contact.clone().unwrap_or_else(|| public_url.clone());
    let sender = crate::web_push::sender::Sender::new(
        db.clone(),
        SenderOptions {
            contact,
            claim: Duration::from_secs(args.push_claim_seconds.unsigned_abs()),
            endpoints: args.push_endpoints(),
            ..SenderOptions::default()
        },
    )
    .await
    .map_err(|e| format!("cannot prepare push notifications: {e}"))?;
    let (stop_pushes, pushes_stopped) = tokio::sync::oneshot::channel::<()>();
    let pushes = tokio::spawn(sender.run(async move {
        let _ = pushes_stopped.await;
    }));
    // Mails leave from here, the one in hand finished at shutdown.
    let (stop_mails, mails_stopped) = tokio::sync::oneshot::channel::<()>();
    let mails = match mail {
        Some(config) => {
            let options = MailSenderOptions {
                claim: Duration::from_secs(args.mail_claim_seconds.unsigned_abs()),
                ..MailSenderOptions::default()
            };
            let sender = MailSender::new(db.clone(), config, options)?;
            Some(tokio::spawn(sender.run(async move {
                let _ = mails_stopped.await;
            })))
        }
        None => None,
    };
    let pokes = app.pokes();
    let stop = async move {
        signal.await;
        pokes.stop();
    };
    app.run_until_stopped(stop).await;
    let _ = stop_pushes.send(());
    let _ = pushes.await;
    let _ = stop_mails.send(());
    if let Some(mails) = mails {
        let _ = mails.await;
    }
    maintenance.abort();
    reminders.abort();
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Event reminders (24 h and 1 h before) and polls closing at their date, checked every minute.
async fn reminders(db: Db, pokes: crate::pokes::Pokes) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        loop {
            match crate::polls::close_due(&db, chrono::Utc::now()).await {
                Ok((count, scopes)) => {
                    pokes.after_commit(scopes);
                    if count < crate::polls::CLOSED_PER_ROUND {
                        break;
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "closing polls failed");
                    break;
                }
            }
        }
        // After a long stop, reminders due may be many: a round at a time until caught up.
        loop {
            match crate::events::remind_due(&db, chrono::Utc::now()).await {
                Ok((count, scopes)) => {
                    pokes.after_commit(scopes);
                    if count < crate::events::REMINDERS_PER_ROUND {
                        break;
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "event reminders failed");
                    break;
                }
            }
        }
    }
}

/// Housekeeping that no request should pay for: forget old rate-limit windows, uploads
/// never published, compact tombstones older than 90 days (older cursors then get a reset).
async fn maintenance(
    db: Db,
    pokes: crate::pokes::Pokes,
    escalation_hours: u32,
    files_dir: std::path::PathBuf,
    settings: std::sync::Arc<Settings>,
) {
    let mut tick = tokio::time::interval(Duration::from_secs(300));
    let mut rounds: u64 = 0;
    loop {
        tick.tick().await;
        rounds += 1;
        let delay = chrono::Duration::hours(i64::from(escalation_hours));
        match crate::questions::escalate_due(&db, chrono::Utc::now(), delay).await {
            Ok(escalation) if escalation.moved == 0 => {}
            Ok(escalation) => {
                tracing::info!(count = escalation.moved, "questions escalated");
                // Phones that are open learn it at once.
                pokes.after_commit(escalation.scopes);
            }
            Err(error) => tracing::warn!(%error, "question escalation failed"),
        }
        // Digests for people who did not open the app, a short transaction at a time.
        loop {
            match crate::notifications::digest::send_due(&db, &settings, chrono::Utc::now()).await {
                Ok(round) => {
                    if round.mailed > 0 {
                        tracing::info!(count = round.mailed, "digests queued");
                    }
                    if (round.looked_at as i64) < crate::notifications::digest::PER_ROUND {
                        break;
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "digests failed");
                    break;
                }
            }
        }
        // Must-read messages whose delay is over, mailed to those who have not read them.
        loop {
            match crate::must_reads::mail::mail_due(&db, &settings, chrono::Utc::now()).await {
                Ok(round) => {
                    if round.mailed > 0 {
                        tracing::info!(count = round.mailed, "must-read messages mailed");
                    }
                    if !round.due {
                        break;
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "must-read mails failed");
                    break;
                }
            }
        }
        // The rest once an hour.
        if rounds % 12 != 1 {
            continue;
        }
        if let Err(error) = rate_limit::forget_old(&db).await {
            tracing::warn!(%error, "rate-limit clean-up failed");
        }
        if let Err(error) = accounts::throttle::forget_old(&db).await {
            tracing::warn!(%error, "sign-in throttle clean-up failed");
        }
        if let Err(error) = crate::activity::forget_old(&db, chrono::Utc::now()).await {
            tracing::warn!(%error, "activity clean-up failed");
        }
        // Notifications and audit lines past the federation's retention (console, "Conservation").
        match crate::retention::apply(&db, &pokes, &settings, chrono::Utc::now()).await {
            Ok(forgotten) => {
                if forgotten.notifications > 0
                    || forgotten.audit_lines > 0
                    || forgotten.warned > 0
                    || forgotten.closed > 0
                {
                    tracing::info!(
                        notifications = forgotten.notifications,
                        audit_lines = forgotten.audit_lines,
                        warned = forgotten.warned,
                        closed = forgotten.closed,
                        "applied the federation's retention"
                    );
                }
            }
            Err(error) => tracing::warn!(%error, "retention clean-up failed"),
        }
        // Copies of people's data: those cut off by a restart are prepared; those past their
        // 7 days leave the disk.
        match crate::exports::prepare_waiting(&db, &pokes, &settings, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "prepared copies of people's data"),
            Err(error) => tracing::warn!(%error, "preparing copies of people's data failed"),
        }
        match crate::exports::expire(&db, &files_dir, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "forgot copies of people's data past their 7 days"),
            Err(error) => tracing::warn!(%error, "forgetting old copies of people's data failed"),
        }
        // Accounts whose erasure's grace period ended (GDPR art. 17).
        match crate::people::erasure::erase_due(&db, &pokes, &files_dir, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "erased accounts"),
            Err(error) => tracing::warn!(%error, "erasure of accounts failed"),
        }
        match crate::mail::sender::forget_finished(&db, chrono::Utc::now() - chrono::Duration::days(7)).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "forgot old mails"),
            Err(error) => tracing::warn!(%error, "mail outbox clean-up failed"),
        }
        match crate::web_push::sender::forget_finished(&db, chrono::Utc::now() - chrono::Duration::days(7)).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "forgot old push deliveries"),
            Err(error) => tracing::warn!(%error, "push deliveries clean-up failed"),
        }
        let unpublished = chrono::Utc::now() - crate::attachments::UNPUBLISHED_KEPT_FOR;
        match crate::attachments::forget_unpublished(&db, &files_dir, unpublished).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "forgot unpublished uploads"),
            Err(error) => tracing::warn!(%error, "uploads clean-up failed"),
        }
        // Files without rows: every file at the first round after a start, then those of
        // the last day (a file gets its row within seconds of being written).
        let now = std::time::SystemTime::now();
        let since = (rounds > 1).then(|| now - Duration::from_secs(25 * 3600));
        match crate::attachments::sweep_files_without_rows(&db, &files_dir, since, now - Duration::from_secs(3600))
            .await
        {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "removed files without rows"),
            Err(error) => tracing::warn!(%error, "files clean-up failed"),
        }
        let horizon = chrono::Utc::now() - chrono::Duration::days(90);
        match sync::log::compact(&db, horizon).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "compacted old deletions"),
            Err(error) => tracing::warn!(%error, "compaction failed"),
        }
    }
}

/// Completes at SIGTERM or Ctrl-C. Listens from the moment it is called, not from its first
/// poll: a stop sent as soon as the server says it listens is not missed (the process would
/// otherwise die of the signal instead of finishing its requests).
fn shutdown_signal() -> impl Future<Output = ()> + Send + use<> {
    #[cfg(unix)]
    let listening = {
        use tokio::signal::unix::{SignalKind, signal};
        (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
    };
    async move {
        #[cfg(unix)]
        {
            let (terminate, interrupt) = listening;
            tokio::select! {
                () = received(terminate) => {},
                () = received(interrupt) => {},
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing requests in flight");
    }
}

/// A signal that could not be listened for never comes.
#[cfg(unix)]
async fn received(signal: std::io::Result<tokio::signal::unix::Signal>) {
    match signal {
        Ok(mut signal) => {
            signal.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

async fn create_admin(args: CreateAdminArgs) -> Result<(), String> {
    init_logs(false);
    let password = if args.password_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the password: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        rpassword::prompt_password("Password (at least 10 characters): ")
            .map_err(|e| format!("cannot read the password: {e}"))?
    };
    let password =
        fields::new_password("password", &password, &[&args.email, &args.name]).map_err(|e| match e.as_client() {
            Some((_, message)) => message.to_owned(),
            None => e.to_string(),
        })?;
    let db = open_store(&args.store).await?;
    let hash = accounts::hash_password(password).await.map_err(|e| e.to_string())?;
    let mut tx = db.begin_write().await.map_err(|e| e.to_string())?;
    let id =
        setup::create_admin(&mut tx, &args.email, &args.name, hash, &args.federation_name).await.map_err(
            |e| match e.as_client() {
                Some((_, message)) => message.to_owned(),
                None => e.to_string(),
            },
        )?;
    tx.commit().await.map_err(|e| e.to_string())?;
    db.close().await;
    println!("Federation administrator {} created (id {id}). They can sign in now.", args.email.trim().to_lowercase());
    Ok(())
}
