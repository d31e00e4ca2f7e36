import CryptoKit
import Foundation
import SharedTypes
import UIKit
import UserNotifications

/// Push on iOS (DESIGN.md §6): the server speaks Web Push only; a relay forwards each still
/// encrypted message to APNs, and the notification service extension decrypts it with the
/// keys made here. The endpoint given to the server is the relay's address for this phone's
/// APNs token. Without a relay configured (`FabriqueRelayURL` in Info.plist) the phone says
/// it cannot receive pushes, and the in-app list still works.
@MainActor
final class PushRegistrar {
    private var token: CheckedContinuation<Data?, Never>?

    func handle(_ operation: PushOperation) async -> PushRegistration {
        switch operation {
        case .unregister:
            UIApplication.shared.unregisterForRemoteNotifications()
            return .unregistered
        case .register:
            guard let relay = Bundle.main.object(forInfoDictionaryKey: "FabriqueRelayURL") as? String, !relay.isEmpty else {
                return .unavailable(reason: "no push relay configured for this app")
            }
            let allowed = (try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .badge, .sound])) ?? false
            guard allowed else { return .unavailable(reason: "notifications are turned off for Fabrique") }
            guard let deviceToken = await apnsToken() else { return .unavailable(reason: "APNs gave no token") }
            let keys = PushKeys.loadOrCreate()
            let hex = deviceToken.map { String(format: "%02x", $0) }.joined()
            return .subscribed(endpoint: "\(relay)/v1/apns/\(hex)", p256dh: keys.p256dh, auth: keys.auth, label: UIDevice.current.name)
        }
    }

    private func apnsToken() async -> Data? {
        await withCheckedContinuation { continuation in
            token = continuation
            UIApplication.shared.registerForRemoteNotifications()
        }
    }

    /// Called by the app delegate with what APNs answered.
    func received(token deviceToken: Data?) {
        token?.resume(returning: deviceToken)
        token = nil
    }
}

/// The Web Push keys of this phone (P-256 and the 16-byte auth secret), kept where the
/// notification service extension reads them to decrypt.
struct PushKeys {
    let p256dh: String
    let auth: String

    static func loadOrCreate() -> PushKeys {
        let defaults = UserDefaults(suiteName: "group.org.fabrique.app") ?? .standard
        if let privateKey = defaults.data(forKey: "push.private"), let auth = defaults.data(forKey: "push.auth"),
           let key = try? P256.KeyAgreement.PrivateKey(rawRepresentation: privateKey) {
            return PushKeys(p256dh: base64url(key.publicKey.x963Representation), auth: base64url(auth))
        }
        let key = P256.KeyAgreement.PrivateKey()
        let auth = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        defaults.set(key.rawRepresentation, forKey: "push.private")
        defaults.set(auth, forKey: "push.auth")
        return PushKeys(p256dh: base64url(key.publicKey.x963Representation), auth: base64url(auth))
    }
}

private func base64url(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
