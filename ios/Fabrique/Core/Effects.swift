import Foundation
import Security
import SharedTypes

/// One file per key in Application Support (in backups: unsent writes survive a restore),
/// a value written whole or not at all; secrets (`secret:` keys) in the Keychain instead.
struct KeyValueStore: Sendable {
    let directory: URL
    /// The Keychain service the secrets (`secret:` keys: the session token) are kept under.
    let secretService: String

    init(directory: URL? = nil, secretService: String = "org.fabrique.app.secrets") {
        let base = directory ?? FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
            .appendingPathComponent("core", isDirectory: true)
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        self.directory = base
        self.secretService = secretService
    }

    private func file(_ key: String) -> URL {
        // `shared:` keys where the notification service extension reads them.
        if key.hasPrefix("shared:"), let shared = SharedStorage.folder() {
            try? FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
            return SharedStorage.file(key, in: shared)
        }
        return directory.appendingPathComponent(key.utf8.map { String(format: "%02x", $0) }.joined())
    }

    private func read(_ key: String) -> Value {
        if key.hasPrefix("secret:") { return readSecret(key) }
        guard let data = try? Data(contentsOf: file(key)) else { return .none }
        return .bytes([UInt8](data))
    }

    // Secrets live in the Keychain, on this device only (never in a backup nor moved to
    // another phone), readable once the phone was unlocked after starting.

    private func secretQuery(_ key: String) -> [String: Any] {
        [kSecClass as String: kSecClassGenericPassword, kSecAttrService as String: secretService, kSecAttrAccount as String: key]
    }

    private func readSecret(_ key: String) -> Value {
        var query = secretQuery(key)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var found: CFTypeRef?
        guard SecItemCopyMatching(query as CFDictionary, &found) == errSecSuccess, let data = found as? Data else { return .none }
        return .bytes([UInt8](data))
    }

    private func writeSecret(_ key: String, _ value: [UInt8]) throws {
        SecItemDelete(secretQuery(key) as CFDictionary)
        var item = secretQuery(key)
        item[kSecValueData as String] = Data(value)
        item[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let status = SecItemAdd(item as CFDictionary, nil)
        guard status == errSecSuccess else { throw NSError(domain: NSOSStatusErrorDomain, code: Int(status)) }
    }

    func handle(_ operation: KeyValueOperation) -> KeyValueResult {
        do {
            switch operation {
            case .get(let key):
                return .ok(response: .get(value: read(key)))
            case .set(let key, let value):
                let previous = read(key)
                if key.hasPrefix("secret:") {
                    try writeSecret(key, value)
                } else {
                    try Data(value).write(to: file(key), options: .atomic)
                }
                return .ok(response: .set(previous: previous))
            case .delete(let key):
                let previous = read(key)
                if key.hasPrefix("secret:") {
                    SecItemDelete(secretQuery(key) as CFDictionary)
                } else {
                    try? FileManager.default.removeItem(at: file(key))
                }
                return .ok(response: .delete(previous: previous))
            case .exists(let key):
                if case .bytes = read(key) { return .ok(response: .exists(isPresent: true)) }
                return .ok(response: .exists(isPresent: false))
            case .listKeys:
                return .ok(response: .listKeys(keys: [], nextCursor: 0))
            }
        } catch {
            return .err(error: .io(message: error.localizedDescription))
        }
    }
}

enum HttpClient {
    static func send(_ request: HttpRequest) async -> HttpResult {
        guard let url = URL(string: request.url) else { return .err(.url(request.url)) }
        var urlRequest = URLRequest(url: url, timeoutInterval: 20)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = Data(request.body)
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else { return .err(.io("not an HTTP answer")) }
            let headers = http.allHeaderFields.map { HttpHeader(name: "\($0.key)".lowercased(), value: "\($0.value)") }
            return .ok(HttpResponse(status: UInt16(http.statusCode), headers: headers, body: [UInt8](data)))
        } catch let error as URLError where error.code == .timedOut {
            return .err(.timeout)
        } catch {
            return .err(.io(error.localizedDescription))
        }
    }
}

/// Sends a chosen file (copied into the app's storage) with its progress, streamed from disk.
struct FileUploader {
    func send(url: String, token: String, file: String, progress: @escaping (UploadProgress) -> Void) async -> UploadProgress {
        let path = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: file) else { return .fileMissing }
        guard let address = URL(string: url) else { return .unreachable }
        var request = URLRequest(url: address, timeoutInterval: 60)
        request.httpMethod = "PUT"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        do {
            let (data, response) = try await URLSession.shared.upload(for: request, fromFile: path, delegate: ProgressDelegate(progress))
            guard let http = response as? HTTPURLResponse else { return .unreachable }
            return .answered(status: UInt16(http.statusCode), body: String(decoding: data, as: UTF8.self))
        } catch {
            return .unreachable
        }
    }
}

/// Fetches a file of the server with the session into the app's caches (out of backups,
/// emptied by the system when space runs short), moved into place whole.
struct FileDownloader {
    func fetch(url: String, token: String, name: String) async -> DownloadProgress {
        guard let address = URL(string: url) else { return .unreachable }
        var request = URLRequest(url: address, timeoutInterval: 60)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        do {
            let (downloaded, response) = try await URLSession.shared.download(for: request)
            guard let http = response as? HTTPURLResponse else { return .unreachable }
            guard http.statusCode < 300 else {
                let body = (try? String(contentsOf: downloaded, encoding: .utf8)) ?? ""
                return .answered(status: UInt16(http.statusCode), body: body)
            }
            let folder = try FileManager.default.url(for: .cachesDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
                .appendingPathComponent("files", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // The core names the file; nothing of it may leave the folder.
            let target = folder.appendingPathComponent((name as NSString).lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: downloaded, to: target)
            return .saved(file: target.path)
        } catch {
            return .unreachable
        }
    }
}

private final class ProgressDelegate: NSObject, URLSessionTaskDelegate {
    private let progress: (UploadProgress) -> Void
    private var told: Int64 = -1

    init(_ progress: @escaping (UploadProgress) -> Void) {
        self.progress = progress
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64, totalBytesSent: Int64, totalBytesExpectedToSend: Int64) {
        // Every 2 % is enough for a progress bar.
        guard totalBytesExpectedToSend > 0, (totalBytesSent - told) * 50 >= totalBytesExpectedToSend || totalBytesSent == totalBytesExpectedToSend else { return }
        told = totalBytesSent
        progress(.sent(bytes: UInt64(totalBytesSent), total: UInt64(totalBytesExpectedToSend)))
    }
}
