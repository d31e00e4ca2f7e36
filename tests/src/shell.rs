//! A headless shell: a phone without a screen. It drives the core through the same bytes a
//! phone's shell uses (`CoreFFI` update / resolve / view, bincode) and carries out every
//! effect for real: HTTP with reqwest to a running server, the key-value store as files in
//! a directory (so a killed app restarts with what it had), timers with tokio, and the
//! server-sent-events stream that pokes the core.
//!
//! With [`Device::start_with_push`] the phone has a push subscription at a local
//! [`PushService`]: what arrives there for it is handed to the core as
//! `Event::PushReceived`, as a phone's notification handler does.
//!
//! A [`Device`] can go offline (its requests then fail as a phone's would), be killed (its
//! tasks stop, its storage stays) and be started again from the same storage.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bincode::Options;
use crux_core::bridge::Request;
use crux_http::protocol::{HttpHeader, HttpRequest, HttpResponse, HttpResult};
use crux_kv::{KeyValueOperation, KeyValueResponse, KeyValueResult};
use crux_time::{TimeRequest, TimeResponse};
use fabrique_core::accounts::AccountsEvent;
use fabrique_core::attachments::{DownloadOperation, DownloadProgress, UploadOperation, UploadProgress};
use fabrique_core::ffi::CoreFFI;
use fabrique_core::i18n::Language;
use fabrique_core::model::EffectFfi;
use fabrique_core::notifications::{PushOperation, PushRegistration};
use fabrique_core::realtime::RealtimeOperation;
use fabrique_core::view::Screen;
use fabrique_core::{Event, ViewModel};
use futures::StreamExt;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::push_service::{Device as PushDevice, PushService};

/// Timers at most this long are waited for by [`Device::settle`] (the debounce after a
/// write, the first retry); longer ones (periodic sync, later retries) are not.
const SHORT_TIMER: Duration = Duration::from_millis(1000);

fn bincode_options() -> impl Options {
    // The options of Crux's bridge: fixed-size integers, trailing bytes allowed.
    bincode::DefaultOptions::new().with_fixint_encoding().allow_trailing_bytes()
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    bincode_options().serialize(value).expect("shell values serialize")
}

/// Something that happened outside the core and must go in: an effect's output, or an event.
enum Incoming {
    Output {
        id: u32,
        bytes: Vec<u8>,
    },
    /// One of several outputs of a stream (an upload's progress): the effect is still under way.
    Progress {
        id: u32,
        bytes: Vec<u8>,
    },
    Event(Vec<u8>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    Http,
    ShortTimer,
    LongTimer,
}

pub struct Device {
    pub name: String,
    core: CoreFFI,
    server_url: String,
    storage: PathBuf,
    client: reqwest::Client,
    online: Arc<AtomicBool>,
    sender: mpsc::UnboundedSender<Incoming>,
    receiver: mpsc::UnboundedReceiver<Incoming>,
    pending: HashMap<u32, Pending>,
    tasks: Vec<JoinHandle<()>>,
    realtime: Option<JoinHandle<()>>,
    push: Option<(PushService, PushDevice)>,
    /// The payloads of the pushes this phone received, decrypted.
    pushes: Arc<Mutex<Vec<serde_json::Value>>>,
    /// The next upload is cut after this many bytes (the network drops mid-file); 0: not cut.
    cut_upload_after: Arc<std::sync::atomic::AtomicU64>,
}

impl Drop for Device {
    fn drop(&mut self) {
        self.kill_tasks();
    }
}

impl Device {
    /// Start the app on a phone whose storage is `storage` (created if new).
    pub async fn start(name: &str, server_url: &str, storage: &Path) -> Device {
        Device::start_on(name, server_url, storage, None).await
    }

    /// A phone that can receive pushes, at `service`.
    pub async fn start_with_push(name: &str, server_url: &str, storage: &Path, service: &PushService) -> Device {
        Device::start_on(name, server_url, storage, Some((service.clone(), service.device()))).await
    }

    fn new(name: &str, server_url: &str, storage: &Path, push: Option<(PushService, PushDevice)>) -> Device {
        std::fs::create_dir_all(storage).expect("the device's storage can be created");
        let (sender, receiver) = mpsc::unbounded_channel();
        Device {
            name: name.to_owned(),
            core: CoreFFI::new(),
            server_url: server_url.to_owned(),
            storage: storage.to_owned(),
            client: reqwest::Client::builder().timeout(Duration::from_secs(20)).build().expect("an HTTP client"),
            online: Arc::new(AtomicBool::new(true)),
            sender,
            receiver,
            pending: HashMap::new(),
            tasks: Vec::new(),
            realtime: None,
            push,
            pushes: Arc::default(),
            cut_upload_after: Arc::default(),
        }
    }

    async fn start_on(name: &str, server_url: &str, storage: &Path, push: Option<(PushService, PushDevice)>) -> Device {
        let mut device = Device::new(name, server_url, storage, push);
        // What the phone holds is read at once (the key-value effect answers in place).
        device.send(Event::Start { language: Language::French }).await;
        // A new phone asks for its federation first; a test phone is told the test server's.
        if matches!(device.view().screen, Screen::Federation(_)) {
            let address = server_url.to_owned();
            device.send(Event::Accounts(AccountsEvent::ChooseFederation { address })).await;
            device.settle().await;
        }
        device
    }

    /// Start the app on a new phone and open an invitation link with it, as a person tapping
    /// the link in their mail does: the app asks for nothing else before the form that
    /// creates the account.
    pub async fn open_invitation(name: &str, link: &str, storage: &Path, push: Option<&PushService>) -> Device {
        let mut device = Device::new(name, "", storage, push.map(|service| (service.clone(), service.device())));
        device.send(Event::Accounts(AccountsEvent::OpenLink { url: link.to_owned() })).await;
        device.send(Event::Start { language: Language::French }).await;
        device.settle().await;
        if let Screen::SignIn(form) = device.view().screen
            && let Some((address, _)) = link.split_once("/join/")
        {
            device.server_url = address.to_owned();
            assert!(form.invitation_code.is_some(), "the link's code is filled in: {form:?}");
        }
        device
    }

    /// The app is killed: nothing more runs, nothing in flight is answered. Its storage stays.
    pub fn kill(mut self) -> PathBuf {
        self.kill_tasks();
        self.storage.clone()
    }

    fn kill_tasks(&mut self) {
        for task in self.tasks.drain(..) {
            task.abort();
        }
        if let Some(task) = self.realtime.take() {
            task.abort();
        }
    }

    pub fn set_online(&mut self, online: bool) {
        self.online.store(online, Ordering::SeqCst);
        if !online && let Some(task) = self.realtime.take() {
            task.abort();
        }
    }

    /// The network drops while the next file goes up, after `bytes` of it.
    pub fn cut_next_upload_after(&mut self, bytes: u64) {
        self.cut_upload_after.store(bytes, Ordering::SeqCst);
    }

    pub fn view(&self) -> ViewModel {
        let bytes = self.core.view().expect("the view model serializes");
        bincode_options().deserialize(&bytes).expect("the view model reads")
    }

    /// Send an event as a phone does, and carry out what it asks at once where that is
    /// immediate (storage); HTTP and timers run in the background until [`Device::settle`].
    pub async fn send(&mut self, event: Event) {
        let requests = self.core.update(encode(&event)).expect("the core takes the event");
        self.carry_out(requests);
    }

    fn carry_out(&mut self, requests: Vec<u8>) {
        let mut queue: Vec<Request<EffectFfi>> =
            bincode_options().deserialize(&requests).expect("the core's requests read");
        queue.reverse();
        while let Some(request) = queue.pop() {
            let id = request.id.0;
            match request.effect {
                EffectFfi::Render(_) => {}
                EffectFfi::KeyValue(operation) => {
                    let output = self.key_value(operation);
                    let more = self.core.resolve(id, encode(&output)).expect("the core takes the key-value output");
                    let mut more: Vec<Request<EffectFfi>> =
                        bincode_options().deserialize(&more).expect("the core's requests read");
                    more.reverse();
                    // Keep the order: what the storage answer caused runs next.
                    queue.extend(more);
                }
                EffectFfi::Http(request) => self.http(id, request),
                EffectFfi::Time(request) => self.time(id, request),
                EffectFfi::Realtime(operation) => self.realtime(operation),
                EffectFfi::Push(operation) => self.push(id, operation),
                EffectFfi::Upload(operation) => self.upload(id, operation),
                EffectFfi::Download(operation) => self.download(id, operation),
            }
        }
    }

    fn key_path(&self, key: &str) -> PathBuf {
        let name: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        self.storage.join(name)
    }

    fn key_value(&self, operation: KeyValueOperation) -> KeyValueResult {
        let response = match operation {
            KeyValueOperation::Get { key } => {
                KeyValueResponse::Get { value: std::fs::read(self.key_path(&key)).ok().into() }
            }
            KeyValueOperation::Set { key, value } => {
                let path = self.key_path(&key);
                let previous = std::fs::read(&path).ok();
                // Written whole or not at all, as a phone's storage does.
                let temporary = path.with_extension("tmp");
                if let Err(error) = std::fs::write(&temporary, &value).and_then(|_| std::fs::rename(&temporary, &path))
                {
                    return KeyValueResult::Err {
                        error: crux_kv::error::KeyValueError::Io { message: error.to_string() },
                    };
                }
                KeyValueResponse::Set { previous: previous.into() }
            }
            KeyValueOperation::Delete { key } => {
                let path = self.key_path(&key);
                let previous = std::fs::read(&path).ok();
                let _ = std::fs::remove_file(&path);
                KeyValueResponse::Delete { previous: previous.into() }
            }
            KeyValueOperation::Exists { key } => KeyValueResponse::Exists { is_present: self.key_path(&key).exists() },
            KeyValueOperation::ListKeys { .. } => KeyValueResponse::ListKeys { keys: Vec::new(), next_cursor: 0 },
        };
        KeyValueResult::Ok { response }
    }

    fn http(&mut self, id: u32, request: HttpRequest) {
        self.pending.insert(id, Pending::Http);
        let client = self.client.clone();
        let online = self.online.clone();
        let sender = self.sender.clone();
        self.tasks.push(tokio::spawn(async move {
            let result = if online.load(Ordering::SeqCst) {
                send_http(&client, request).await
            } else {
                HttpResult::Err(crux_http::HttpError::Io("the network is unreachable".into()))
            };
            let _ = sender.send(Incoming::Output { id, bytes: encode(&result) });
        }));
    }

    fn time(&mut self, id: u32, request: TimeRequest) {
        match request {
            TimeRequest::NotifyAfter { id: timer, duration } => {
                let duration = Duration::from_nanos(duration_nanos(&duration));
                let kind = if duration <= SHORT_TIMER { Pending::ShortTimer } else { Pending::LongTimer };
                self.pending.insert(id, kind);
                let sender = self.sender.clone();
                self.tasks.push(tokio::spawn(async move {
                    tokio::time::sleep(duration).await;
                    let output = TimeResponse::DurationElapsed { id: timer };
                    let _ = sender.send(Incoming::Output { id, bytes: encode(&output) });
                }));
            }
            TimeRequest::Now => {
                let output = TimeResponse::Now { instant: std::time::SystemTime::now().into() };
                let _ = self.sender.send(Incoming::Output { id, bytes: encode(&output) });
                self.pending.insert(id, Pending::ShortTimer);
            }
            TimeRequest::NotifyAt { .. } | TimeRequest::Clear { .. } => {}
        }
    }

    /// Subscribe at the push service (when this phone has one), then hand each push that
    /// arrives to the core.
    fn push(&mut self, id: u32, operation: PushOperation) {
        let registration = match (operation, &self.push) {
            (PushOperation::Register { .. }, Some((service, device))) => {
                let registration = PushRegistration::Subscribed {
                    endpoint: device.endpoint.clone(),
                    p256dh: device.p256dh.clone(),
                    auth: device.auth.clone(),
                    label: format!("Téléphone de {}", self.name),
                };
                let (service, device) = (service.clone(), device.clone());
                let (sender, pushes) = (self.sender.clone(), self.pushes.clone());
                self.tasks.push(tokio::spawn(async move {
                    let mut seen = 0;
                    loop {
                        let received = service.received(&device);
                        for push in &received[seen..] {
                            pushes.lock().unwrap_or_else(|e| e.into_inner()).push(push.payload.clone());
                            let _ = sender.send(Incoming::Event(encode(&Event::PushReceived)));
                        }
                        seen = received.len();
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }));
                registration
            }
            (PushOperation::Register { .. }, None) => {
                PushRegistration::Unavailable { reason: "this phone has no push service".into() }
            }
            (PushOperation::Unregister, _) => PushRegistration::Unregistered,
        };
        self.pending.insert(id, Pending::Http);
        let _ = self.sender.send(Incoming::Output { id, bytes: encode(&registration) });
    }

    /// Send a file chosen on the phone: streamed in pieces, each piece told as progress, as a
    /// phone's shell does; the file is deleted when the core says it is no longer needed.
    fn upload(&mut self, id: u32, operation: UploadOperation) {
        let (url, token, file) = match operation {
            UploadOperation::Send { url, token, file } => (url, token, file),
            UploadOperation::Discard { file } => {
                let _ = std::fs::remove_file(file);
                return;
            }
        };
        self.pending.insert(id, Pending::Http);
        let (client, online, sender) = (self.client.clone(), self.online.clone(), self.sender.clone());
        let cut_after = self.cut_upload_after.swap(0, Ordering::SeqCst);
        self.tasks.push(tokio::spawn(async move {
            let job = UploadJob { id, url, token, file, cut_after };
            let end = send_file(&client, &online, &sender, job).await;
            let _ = sender.send(Incoming::Output { id, bytes: encode(&end) });
        }));
    }

    /// Fetch a file with the session into the phone's cache (`<storage>/cache`), telling the
    /// progress as a phone's shell does.
    fn download(&mut self, id: u32, operation: DownloadOperation) {
        let DownloadOperation::Fetch { url, token, name } = operation;
        self.pending.insert(id, Pending::Http);
        let (client, online, sender) = (self.client.clone(), self.online.clone(), self.sender.clone());
        let cache = self.storage.join("cache");
        self.tasks.push(tokio::spawn(async move {
            let end = fetch_file(&client, &online, &sender, id, &url, &token, &cache.join(name)).await;
            let _ = sender.send(Incoming::Output { id, bytes: encode(&end) });
        }));
    }

    /// The payloads of the pushes received so far.
    pub fn pushes(&self) -> Vec<serde_json::Value> {
        self.pushes.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn realtime(&mut self, operation: RealtimeOperation) {
        if let Some(task) = self.realtime.take() {
            task.abort();
        }
        let RealtimeOperation::Connect { url, token } = operation else { return };
        if !self.online.load(Ordering::SeqCst) {
            return;
        }
        let client = self.client.clone();
        let sender = self.sender.clone();
        self.realtime = Some(tokio::spawn(async move {
            let poke = encode(&Event::Poked);
            let Ok(response) = client.get(&url).bearer_auth(token).timeout(Duration::from_secs(3600)).send().await
            else {
                return;
            };
            let mut stream = response.bytes_stream();
            let mut buffer = String::new();
            while let Some(Ok(chunk)) = stream.next().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let message: String = buffer.drain(..end + 2).collect();
                    if message.lines().any(|line| line.trim() == "event: poke") {
                        let _ = sender.send(Incoming::Event(poke.clone()));
                    }
                }
            }
        }));
    }

    /// Carry out everything in flight until the app is quiet: no HTTP request and no short
    /// timer left, and no sync running. Panics after `limit` (a stuck app is a failure).
    pub async fn settle(&mut self) {
        self.settle_within(Duration::from_secs(30)).await;
    }

    pub async fn settle_within(&mut self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let busy = self.pending.values().any(|p| *p != Pending::LongTimer);
            if !busy && !self.view().status.syncing {
                return;
            }
            let incoming = tokio::time::timeout_at(deadline, self.receiver.recv())
                .await
                .unwrap_or_else(|_| panic!("{}: still busy after {limit:?}", self.name))
                .expect("the device's channel stays open");
            self.take(incoming);
        }
    }

    /// Carry out what arrives until `condition` holds on the view (pokes included).
    pub async fn wait_until(&mut self, limit: Duration, condition: impl Fn(&ViewModel) -> bool) {
        let deadline = tokio::time::Instant::now() + limit;
        while !condition(&self.view()) {
            let incoming = tokio::time::timeout_at(deadline, self.receiver.recv())
                .await
                .unwrap_or_else(|_| panic!("{}: condition not reached after {limit:?}", self.name))
                .expect("the device's channel stays open");
            self.take(incoming);
        }
    }

    fn take(&mut self, incoming: Incoming) {
        match incoming {
            Incoming::Output { id, bytes } => {
                self.pending.remove(&id);
                let requests = self.core.resolve(id, bytes).expect("the core takes the effect output");
                self.carry_out(requests);
            }
            Incoming::Progress { id, bytes } => {
                let requests = self.core.resolve(id, bytes).expect("the core takes the progress");
                self.carry_out(requests);
            }
            Incoming::Event(bytes) => {
                let requests = self.core.update(bytes).expect("the core takes the event");
                self.carry_out(requests);
            }
        }
    }

    pub fn storage(&self) -> &Path {
        &self.storage
    }

    pub fn server_url(&self) -> &str {
        &self.server_url
    }
}

fn duration_nanos(duration: &crux_time::Duration) -> u64 {
    // `Duration` keeps its nanoseconds private; its serialized form is that one number.
    let bytes = bincode_options().serialize(duration).expect("a duration serializes");
    bincode_options().deserialize::<u64>(&bytes).expect("a duration is a number of nanoseconds")
}

/// Pieces of a file as it goes up.
const UPLOAD_PIECE: usize = 64 * 1024;

struct UploadJob {
    id: u32,
    url: String,
    token: String,
    file: String,
    cut_after: u64,
}

async fn send_file(
    client: &reqwest::Client,
    online: &Arc<AtomicBool>,
    sender: &mpsc::UnboundedSender<Incoming>,
    job: UploadJob,
) -> UploadProgress {
    let UploadJob { id, url, token, file, cut_after } = job;
    let Ok(content) = std::fs::read(&file) else { return UploadProgress::FileMissing };
    if !online.load(Ordering::SeqCst) {
        return UploadProgress::Unreachable;
    }
    let total = content.len() as u64;
    let pieces: Vec<Vec<u8>> = content.chunks(UPLOAD_PIECE).map(<[u8]>::to_vec).collect();
    let (progress, online) = (sender.clone(), online.clone());
    let mut sent = 0u64;
    let body = futures::stream::iter(pieces).map(move |piece| {
        // The network going away mid-file cuts the upload, as on a phone.
        if !online.load(Ordering::SeqCst) || (cut_after > 0 && sent >= cut_after) {
            return Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "the network went away"));
        }
        sent += piece.len() as u64;
        let _ = progress.send(Incoming::Progress { id, bytes: encode(&UploadProgress::Sent { bytes: sent, total }) });
        Ok(piece)
    });
    let request = client
        .put(&url)
        .bearer_auth(&token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .header(reqwest::header::CONTENT_LENGTH, total)
        .body(reqwest::Body::wrap_stream(body));
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(body) => UploadProgress::Answered { status, body },
                Err(_) => UploadProgress::Unreachable,
            }
        }
        Err(_) => UploadProgress::Unreachable,
    }
}

async fn send_http(client: &reqwest::Client, request: HttpRequest) -> HttpResult {
    let Ok(method) = reqwest::Method::from_bytes(request.method.as_bytes()) else {
        return HttpResult::Err(crux_http::HttpError::Url(format!("bad method {}", request.method)));
    };
    let mut builder = client.request(method, &request.url);
    for header in &request.headers {
        builder = builder.header(&header.name, &header.value);
    }
    if !request.body.is_empty() {
        builder = builder.body(request.body);
    }
    let response = match builder.send().await {
        Ok(response) => response,
        Err(error) if error.is_timeout() => return HttpResult::Err(crux_http::HttpError::Timeout),
        Err(error) => return HttpResult::Err(crux_http::HttpError::Io(error.to_string())),
    };
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| HttpHeader {
            name: name.as_str().to_owned(),
            value: value.to_str().unwrap_or_default().to_owned(),
        })
        .collect();
    match response.bytes().await {
        Ok(body) => HttpResult::Ok(HttpResponse { status, headers, body: body.to_vec() }),
        Err(error) => HttpResult::Err(crux_http::HttpError::Io(error.to_string())),
    }
}

/// A download as a phone's shell makes it: streamed to the file, with progress.
async fn fetch_file(
    client: &reqwest::Client,
    online: &AtomicBool,
    progress: &mpsc::UnboundedSender<Incoming>,
    id: u32,
    url: &str,
    token: &str,
    path: &Path,
) -> DownloadProgress {
    if !online.load(Ordering::SeqCst) {
        return DownloadProgress::Unreachable;
    }
    let Ok(response) = client.get(url).bearer_auth(token).send().await else { return DownloadProgress::Unreachable };
    let status = response.status().as_u16();
    if status >= 300 {
        let body = response.text().await.unwrap_or_default();
        return DownloadProgress::Answered { status, body };
    }
    let total = response.content_length().unwrap_or(0);
    let mut content = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else { return DownloadProgress::Unreachable };
        content.extend_from_slice(&chunk);
        let bytes = content.len() as u64;
        let _ = progress.send(Incoming::Progress { id, bytes: encode(&DownloadProgress::Received { bytes, total }) });
    }
    if let Some(folder) = path.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    match std::fs::write(path, &content) {
        Ok(()) => DownloadProgress::Saved { file: path.to_string_lossy().into_owned() },
        Err(_) => DownloadProgress::Unreachable,
    }
}
