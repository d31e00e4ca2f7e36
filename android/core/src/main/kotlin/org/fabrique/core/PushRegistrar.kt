package org.fabrique.core

import org.fabrique.core.types.PushOperation
import org.fabrique.core.types.PushRegistration

/**
 * Subscribes this device for Web Push when the core asks (after sign-in) and forgets the
 * subscription at sign-out. On Android the app implements it with UnifiedPush: the
 * distributor gives the endpoint, and the app's keys (p256dh, auth) decrypt what arrives;
 * each message received is handed to the core as `Event.PushReceived`.
 *
 * Called off the core thread: it may wait for the distributor.
 */
fun interface PushRegistrar {
    fun handle(operation: PushOperation): PushRegistration
}

/** A device without push (no distributor installed): the in-app list still works. */
object NoPush : PushRegistrar {
    override fun handle(operation: PushOperation): PushRegistration = when (operation) {
        is PushOperation.Register -> PushRegistration.Unavailable("no push distributor on this device")
        is PushOperation.Unregister -> PushRegistration.Unregistered
    }
}
