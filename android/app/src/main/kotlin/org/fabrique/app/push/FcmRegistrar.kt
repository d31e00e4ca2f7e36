package org.fabrique.app.push

import android.content.Context
import android.os.Build
import android.util.Base64
import com.google.android.gms.common.ConnectionResult
import com.google.android.gms.common.GoogleApiAvailability
import com.google.android.gms.tasks.Tasks
import com.google.firebase.messaging.FirebaseMessaging
import java.util.concurrent.TimeUnit
import org.fabrique.app.BuildConfig
import org.fabrique.core.PushRegistrar
import org.fabrique.core.types.PushOperation
import org.fabrique.core.types.PushRegistration

/**
 * Push on Android: through Google's FCM and the publisher's `fabrique-relay` on phones with
 * Google services (most of them), through UnifiedPush otherwise (a distributor such as ntfy).
 * The subscription given to the server is the relay's address for this phone's FCM token,
 * with keys made by the core. Called off the core thread.
 */
class FcmRegistrar(private val context: Context, private val unifiedPush: UnifiedPushRegistrar) : PushRegistrar {
    private fun googleServices(): Boolean =
        BuildConfig.RELAY_URL.isNotEmpty() &&
            GoogleApiAvailability.getInstance().isGooglePlayServicesAvailable(context) == ConnectionResult.SUCCESS

    override fun handle(operation: PushOperation): PushRegistration {
        if (!googleServices()) return unifiedPush.handle(operation)
        return when (operation) {
            is PushOperation.Register -> try {
                val token = Tasks.await(FirebaseMessaging.getInstance().token, 30, TimeUnit.SECONDS)
                val keys = PushKeyFile.loadOrCreate(context)
                val flags = Base64.URL_SAFE or Base64.NO_PADDING or Base64.NO_WRAP
                PushRegistration.Subscribed(
                    "${BuildConfig.RELAY_URL}/fcm/$token",
                    Base64.encodeToString(keys.publicKey, flags),
                    Base64.encodeToString(keys.authSecret, flags),
                    "${Build.MANUFACTURER} ${Build.MODEL}",
                )
            } catch (failed: Exception) {
                unifiedPush.handle(operation)
            }
            is PushOperation.Unregister -> {
                FirebaseMessaging.getInstance().deleteToken()
                PushRegistration.Unregistered
            }
        }
    }
}
