import SwiftUI
import SharedTypes
import UIKit
import UserNotifications

@main
struct FabriqueApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var phase

    var body: some Scene {
        WindowGroup {
            RootView(core: delegate.core)
                // An invitation page's "Open in the app" button (fabrique://join?…).
                .onOpenURL { url in delegate.core.send(.accounts(.openLink(url: url.absoluteString))) }
                // An invitation link of a federation listed in the app's associated domains
                // (Universal Links, verified through its /.well-known/apple-app-site-association).
                .onContinueUserActivity(NSUserActivityTypeBrowsingWeb) { activity in
                    if let url = activity.webpageURL { delegate.core.send(.accounts(.openLink(url: url.absoluteString))) }
                }
        }
        .onChange(of: phase) { _, phase in
            switch phase {
            case .active: delegate.core.send(.foreground)
            case .background: delegate.core.send(.background)
            default: break
            }
        }
    }
}

/// Holds the one core of the app and hears what APNs says.
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    let push = PushRegistrar()
    lazy var core = Core(push: push)

    func application(_ application: UIApplication, didFinishLaunchingWithOptions options: [UIApplication.LaunchOptionsKey: Any]? = nil) -> Bool {
        // One app for every federation: the core asks for its address (or takes it from an
        // invitation link) and keeps it.
        let language: Language = Locale.current.language.languageCode?.identifier == "fr" ? .french : .english
        core.send(.start(language: language))
        // Taps on notifications come here, also when the tap started the app.
        UNUserNotificationCenter.current().delegate = self
        return true
    }

    /// A tap on a notification: the core opens what it is about (syncing first if needed)
    /// and marks it read.
    nonisolated func userNotificationCenter(_ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse) async {
        let payload = response.notification.request.content.userInfo["payload"] as? String
        await MainActor.run {
            if let payload {
                core.send(.notifications(.tapped(payload: payload)))
            } else {
                core.send(.navigate(.notifications))
            }
        }
    }

    /// While the app is open, a push syncs it instead of showing a banner over it.
    nonisolated func userNotificationCenter(_ center: UNUserNotificationCenter, willPresent notification: UNNotification) async -> UNNotificationPresentationOptions {
        await MainActor.run { core.send(.pushReceived) }
        return [.badge]
    }

    func application(_ application: UIApplication, didRegisterForRemoteNotificationsWithDeviceToken deviceToken: Data) {
        push.received(token: deviceToken)
    }

    func application(_ application: UIApplication, didFailToRegisterForRemoteNotificationsWithError error: Error) {
        push.received(token: nil)
    }

    /// A push carries ids only: the core syncs, then shows what arrived.
    func application(_ application: UIApplication, didReceiveRemoteNotification userInfo: [AnyHashable: Any]) async -> UIBackgroundFetchResult {
        core.send(.pushReceived)
        return .newData
    }
}
