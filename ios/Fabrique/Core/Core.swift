import Foundation
import Observation
import FabriqueFFI
import SharedTypes

/// The app's side of the Rust core: sends events, carries out each effect the core asks for
/// (HTTP with URLSession, key-value files in Application Support, timers, the live channel,
/// push registration, file uploads) and publishes the view model. Every call into the core
/// happens on the main actor; effects that wait run in tasks and come back to it. Nothing
/// here decides anything: the rules are in the core.
@Observable
@MainActor
final class Core {
    private(set) var view: ViewModel?

    private let ffi = CoreFfi()
    private let storage: KeyValueStore
    private let push: PushRegistrar
    private let storageQueue = DispatchQueue(label: "org.fabrique.storage")
    private let uploader = FileUploader()
    private let downloader = FileDownloader()
    /// Uploads that gave their final answer: a late progress report is dropped (the core
    /// takes nothing after the end).
    private var ended = Set<UInt32>()
    private var timers: [UInt64: Task<Void, Never>] = [:]
    private var realtime: Task<Void, Never>?

    init(storage: KeyValueStore = KeyValueStore(), push: PushRegistrar = PushRegistrar()) {
        self.storage = storage
        self.push = push
        self.view = readView()
    }

    func send(_ event: Event) {
        do {
            let bytes = try event.bincodeSerialize()
            carryOut(try ffi.update(event: Data(bytes)))
        } catch {
            report(error)
        }
    }

    private func resolve(_ id: UInt32, _ output: [UInt8]) {
        do {
            carryOut(try ffi.resolve(id: id, output: Data(output)))
        } catch {
            report(error)
        }
    }

    private func carryOut(_ bytes: Data) {
        let requests: [Request]
        do {
            requests = try Requests.bincodeDeserialize(input: [UInt8](bytes)).value
        } catch {
            return report(error)
        }
        for request in requests {
            let id = request.id
            switch request.effect {
            case .render:
                view = readView()
            case .keyValue(let operation):
                // Files and the Keychain off the main thread, in order; answers back on it.
                let storage = self.storage
                storageQueue.async {
                    let output = (try? storage.handle(operation).bincodeSerialize()) ?? []
                    DispatchQueue.main.async { MainActor.assumeIsolated { self.resolve(id, output) } }
                }
            case .http(let http):
                Task {
                    let result = await HttpClient.send(http)
                    self.resolve(id, (try? result.bincodeSerialize()) ?? [])
                }
            case .time(let time):
                self.time(id, time)
            case .realtime(let operation):
                self.realtime(operation)
            case .push(let operation):
                Task {
                    let registration = await push.handle(operation)
                    self.resolve(id, (try? registration.bincodeSerialize()) ?? [])
                }
            case .upload(let operation):
                upload(id, operation)
            case .download(let operation):
                download(id, operation)
            }
        }
    }

    private func time(_ id: UInt32, _ request: TimeRequest) {
        switch request {
        case .now:
            let now = Date().timeIntervalSince1970
            let instant = Instant(seconds: UInt64(now), nanos: UInt32((now - floor(now)) * 1_000_000_000))
            resolve(id, (try? TimeResponse.now(instant: instant).bincodeSerialize()) ?? [])
        case .notifyAfter(let timer, let duration):
            timers[timer.value] = Task {
                try? await Task.sleep(nanoseconds: duration.nanos)
                guard !Task.isCancelled else { return }
                self.timers[timer.value] = nil
                self.resolve(id, (try? TimeResponse.durationElapsed(id: timer).bincodeSerialize()) ?? [])
            }
        case .notifyAt(let timer, let instant):
            let delay = max(0, Double(instant.seconds) - Date().timeIntervalSince1970)
            timers[timer.value] = Task {
                try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                guard !Task.isCancelled else { return }
                self.timers[timer.value] = nil
                self.resolve(id, (try? TimeResponse.instantArrived(id: timer).bincodeSerialize()) ?? [])
            }
        case .clear(let timer):
            timers.removeValue(forKey: timer.value)?.cancel()
            resolve(id, (try? TimeResponse.cleared(id: timer).bincodeSerialize()) ?? [])
        }
    }

    /// The server-sent events stream: each poke makes the core sync; a drop reconnects.
    private func realtime(_ operation: RealtimeOperation) {
        realtime?.cancel()
        realtime = nil
        guard case .connect(let url, let token) = operation, let address = URL(string: url) else { return }
        realtime = Task {
            var failures = 0
            while !Task.isCancelled {
                var request = URLRequest(url: address)
                request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                request.timeoutInterval = 3600
                if let (lines, response) = try? await URLSession.shared.bytes(for: request) {
                    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                    if status == 401 || status == 403 {
                        // The session ended: one sync finds it out and signs out; no retry.
                        self.send(.poked)
                        return
                    }
                    if status == 200 {
                        failures = 0
                        self.send(.poked)
                        do {
                            for try await line in lines.lines where line.trimmingCharacters(in: .whitespaces) == "event: poke" {
                                self.send(.poked)
                            }
                        } catch {}
                    }
                }
                // Again after 5 s, longer while the server keeps failing (up to 5 minutes).
                failures += 1
                let delay = min(300, 5 * (1 << min(failures - 1, 6)))
                try? await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000_000)
            }
        }
    }

    private func upload(_ id: UInt32, _ operation: UploadOperation) {
        switch operation {
        case .send(let url, let token, let file):
            Task {
                let end = await uploader.send(url: url, token: token, file: file) { progress in
                    Task { @MainActor in self.resolve(id, (try? progress.bincodeSerialize()) ?? []) }
                }
                self.resolve(id, (try? end.bincodeSerialize()) ?? [])
            }
        case .discard(let file):
            try? FileManager.default.removeItem(atPath: file)
        }
    }

    /// A file fetched with the session into the cache, to be opened whole.
    private func download(_ id: UInt32, _ operation: DownloadOperation) {
        switch operation {
        case .fetch(let url, let token, let name):
            Task {
                let end = await downloader.fetch(url: url, token: token, name: name)
                self.resolve(id, (try? end.bincodeSerialize()) ?? [])
            }
        }
    }

    private func readView() -> ViewModel? {
        guard let bytes = try? ffi.view() else { return nil }
        return try? ViewModel.bincodeDeserialize(input: [UInt8](bytes))
    }

    private func report(_ error: Error) {
        print("fabrique core: \(error)")
    }
}
