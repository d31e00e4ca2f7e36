import FabriqueCore
import Foundation
import SharedTypes
import UIKit
import UserNotifications

/// Push on iOS (DESIGN.md §6): the server speaks Web Push only; `fabrique-relay` forwards each
/// still encrypted message to APNs, and the notification service extension
/// (`ios/NotificationService`) decrypts it with the keys made here by the core. The endpoint given to the server is the relay's address for this phone's
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
            // Keys made by the core, kept where the notification service extension reads them.
            let keys = PushKeyStore.loadOrCreate()
            let hex = deviceToken.map { String(format: "%02x", $0) }.joined()
            return .subscribed(
                endpoint: "\(relay)/apns/\(hex)",
                p256dh: Base64URL.encode(keys.publicKey),
                auth: Base64URL.encode(keys.authSecret),
                label: UIDevice.current.name
            )
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
