package org.fabrique.app.push

import android.content.Context
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import org.fabrique.core.PushRegistrar
import org.fabrique.core.types.PushOperation
import org.fabrique.core.types.PushRegistration
import org.unifiedpush.android.connector.UnifiedPush

/**
 * Web Push on Android through UnifiedPush: the distributor the person installed (ntfy,
 * NextPush, …) gives an endpoint; the connector keeps the keys and decrypts what arrives.
 * Called off the core thread: it waits for the distributor's answer (a minute at most).
 */
class UnifiedPushRegistrar(private val context: Context) : PushRegistrar {
    override fun handle(operation: PushOperation): PushRegistration = when (operation) {
        is PushOperation.Register -> register(operation.applicationServerKey)
        is PushOperation.Unregister -> {
            UnifiedPush.unregister(context, INSTANCE)
            PushRegistration.Unregistered
        }
    }

    private fun register(vapid: String): PushRegistration {
        val chosen = CompletableFuture<Boolean>()
        // The connector asks the person to pick a distributor only from an Activity.
        val from: Context = activity?.get() ?: context
        UnifiedPush.tryUseCurrentOrDefaultDistributor(from) { success -> chosen.complete(success) }
        if (!chosen.get(30, TimeUnit.SECONDS)) {
            return PushRegistration.Unavailable("no UnifiedPush distributor on this phone")
        }
        val answer = CompletableFuture<PushRegistration>()
        pending = answer
        UnifiedPush.register(context, INSTANCE, null, vapid)
        return try {
            answer.get(60, TimeUnit.SECONDS)
        } catch (timeout: TimeoutException) {
            PushRegistration.Unavailable("the push distributor did not answer")
        } finally {
            pending = null
        }
    }

    companion object {
        const val INSTANCE = "fabrique"

        /** The activity on screen, set by [org.fabrique.app.MainActivity] while it is resumed. */
        @Volatile
        var activity: java.lang.ref.WeakReference<android.app.Activity>? = null

        /** The registration waiting for the distributor's endpoint (set while [register] waits). */
        @Volatile
        var pending: CompletableFuture<PushRegistration>? = null
    }
}
