import Foundation

/// What the core writes for push notices (`shared:` keys: the person's group names), in the
/// App Group's container, so the notification service extension reads it: a notice then
/// names its group ("Nouvelle question dans « Trésorerie »"). Shared by the app (which
/// writes it through its key-value storage) and the extension (which reads it).
enum SharedStorage {
    static let group = "group.org.fabrique.app"

    /// The folder of the `shared:` keys; the app's own folder when the App Group is missing
    /// (a free team cannot sign one: notices are then generic).
    static func folder() -> URL? {
        FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: group)?
            .appendingPathComponent("core-shared", isDirectory: true)
    }

    static func file(_ key: String, in folder: URL) -> URL {
        folder.appendingPathComponent(key.utf8.map { String(format: "%02x", $0) }.joined())
    }

    /// The names the core kept for notices; empty when none.
    static func noticeNames() -> Data {
        guard let folder = folder(), let data = try? Data(contentsOf: file("shared:notice-names", in: folder)) else {
            return Data()
        }
        return data
    }
}
