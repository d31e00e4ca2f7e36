package org.fabrique.app.push

import android.os.Build
import org.fabrique.app.FabriqueApplication
import org.fabrique.core.types.Event
import org.fabrique.core.types.NotificationsEvent
import org.fabrique.core.types.PushRegistration
import org.unifiedpush.android.connector.FailedReason
import org.unifiedpush.android.connector.PushService
import org.unifiedpush.android.connector.data.PushEndpoint
import org.unifiedpush.android.connector.data.PushMessage

/**
 * What a UnifiedPush distributor sends (phones without Google services): the connector
 * decrypts it with its keys; it is shown as a system notification and the core syncs.
 */
class FabriquePushService : PushService() {
    private val core get() = (application as FabriqueApplication).core

    override fun onNewEndpoint(endpoint: PushEndpoint, instance: String) {
        val keys = endpoint.pubKeySet
        val registration = if (keys == null) {
            PushRegistration.Unavailable("the distributor gave no encryption keys")
        } else {
            PushRegistration.Subscribed(endpoint.url, keys.pubKey, keys.auth, "${Build.MANUFACTURER} ${Build.MODEL}")
        }
        val pending = UnifiedPushRegistrar.pending
        if (pending != null && !pending.isDone) {
            pending.complete(registration)
        } else {
            // Not asked for: the distributor changed the address; the core registers again.
            core.send(Event.Notifications(NotificationsEvent.PushRenewed))
        }
    }

    override fun onMessage(message: PushMessage, instance: String) {
        if (message.decrypted) Notifier.show(this, message.content)
        core.send(Event.PushReceived)
    }

    override fun onRegistrationFailed(reason: FailedReason, instance: String) {
        UnifiedPushRegistrar.pending?.complete(PushRegistration.Unavailable("push registration failed: $reason"))
    }

    override fun onUnregistered(instance: String) {
        UnifiedPushRegistrar.pending?.complete(PushRegistration.Unregistered)
    }
}
