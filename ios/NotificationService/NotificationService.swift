import FabriqueCore
import Foundation
import UserNotifications

/// Runs for each push before it shows (`mutable-content`): decrypts the body the relay put in
/// `p` with this phone's keys and the core's Rust, and writes the notification in the phone's
/// language. Apple and the relay saw only ciphertext and a generic alert; if anything fails,
/// that generic alert shows.
final class NotificationService: UNNotificationServiceExtension {
    private var deliver: ((UNNotificationContent) -> Void)?
    private var content: UNMutableNotificationContent?

    override func didReceive(_ request: UNNotificationRequest, withContentHandler contentHandler: @escaping (UNNotificationContent) -> Void) {
        deliver = contentHandler
        let content = (request.content.mutableCopy() as? UNMutableNotificationContent) ?? UNMutableNotificationContent()
        self.content = content
        guard let body = (request.content.userInfo["p"] as? String).flatMap(Base64URL.decode),
              let keys = PushKeyStore.load(),
              let payload = try? pushDecrypt(privateKey: keys.privateKey, authSecret: keys.authSecret, body: body)
        else {
            contentHandler(content)
            return
        }
        let language = Locale.current.language.languageCode?.identifier ?? "fr"
        // The group's name when the phone holds it, kept by the app in the App Group.
        if let notice = try? pushNotice(payload: payload, language: language, names: SharedStorage.noticeNames()) {
            content.title = "Fabrique"
            content.body = notice.body
            // Grouped per group or conversation; the tap gives the core the payload.
            content.threadIdentifier = notice.thread
            content.userInfo["payload"] = String(decoding: payload, as: UTF8.self)
            content.userInfo["notification_id"] = notice.id
        }
        contentHandler(content)
    }

    override func serviceExtensionTimeWillExpire() {
        if let deliver, let content { deliver(content) }
    }
}
