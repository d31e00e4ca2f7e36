package org.fabrique.app.push

import android.util.Base64
import com.google.firebase.messaging.FirebaseMessagingService
import com.google.firebase.messaging.RemoteMessage
import org.fabrique.app.FabriqueApplication
import org.fabrique.core.ffi.pushDecrypt
import org.fabrique.core.types.Event
import org.fabrique.core.types.NotificationsEvent

/**
 * Pushes through Google's FCM, for phones with Google services: `fabrique-relay` put the
 * still-encrypted Web Push body in the data message's `p`; it is decrypted here with this
 * phone's keys and the core's Rust, shown, and the core syncs.
 */
class FcmPushService : FirebaseMessagingService() {
    private val core get() = (application as FabriqueApplication).core

    override fun onMessageReceived(message: RemoteMessage) {
        val body = message.data["p"]?.let { Base64.decode(it, Base64.URL_SAFE or Base64.NO_PADDING or Base64.NO_WRAP) } ?: return
        val keys = PushKeyFile.loadOrCreate(this)
        val payload = try {
            pushDecrypt(keys.privateKey, keys.authSecret, body)
        } catch (notForUs: Exception) {
            return
        }
        Notifier.show(this, payload)
        core.send(Event.PushReceived)
    }

    /** A new token: the core registers again at once, so the server learns the new address. */
    override fun onNewToken(token: String) {
        core.send(Event.Notifications(NotificationsEvent.PushRenewed))
    }
}
