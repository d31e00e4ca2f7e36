package org.fabrique.app.push

import android.Manifest
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import java.io.File
import java.util.Locale
import org.fabrique.app.MainActivity
import org.fabrique.app.R
import org.fabrique.core.FileKeyValueStore
import org.fabrique.core.ffi.pushNotice
import org.fabrique.core.types.KeyValueOperation
import org.fabrique.core.types.KeyValueResponse
import org.fabrique.core.types.KeyValueResult
import org.fabrique.core.types.Value

/**
 * System notifications from decrypted pushes: one channel per kind of news (so people
 * silence what they want in the system settings), grouped per group or conversation, keyed
 * by the notification's id (a push sent twice shows once), and a tap that hands the payload
 * to the core ([MainActivity.PAYLOAD]).
 */
object Notifier {
    private val channels = listOf(
        "questions" to R.string.channel_questions,
        "events" to R.string.channel_events,
        "messages" to R.string.channel_messages,
        "groups" to R.string.channel_groups,
        "moderation" to R.string.channel_moderation,
    )

    /** The channels, made once (Android keeps the person's choices for each). */
    fun createChannels(context: Context) {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.O) return
        val manager = context.getSystemService(NotificationManager::class.java) ?: return
        for ((id, name) in channels) {
            val importance = if (id == "groups") NotificationManager.IMPORTANCE_LOW else NotificationManager.IMPORTANCE_DEFAULT
            manager.createNotificationChannel(NotificationChannel(id, context.getString(name), importance))
        }
    }

    private fun channelOf(kind: String): String = when (kind) {
        "question_asked", "question_answered", "answer_accepted", "mention" -> "questions"
        "event_created", "event_changed", "event_cancelled", "event_reminder", "poll_created" -> "events"
        "message", "announcement" -> "messages"
        "moderation" -> "moderation"
        else -> "groups"
    }

    /** What the core kept for notices (the person's group names), read from its storage; empty when none. */
    private fun noticeNames(context: Context): ByteArray {
        val store = FileKeyValueStore(File(context.filesDir, "core"))
        val result = store.handle(KeyValueOperation.Get("shared:notice-names"))
        val value = ((result as? KeyValueResult.Ok)?.response as? KeyValueResponse.Get)?.value
        return (value as? Value.Bytes)?.value?.toUByteArray()?.toByteArray() ?: ByteArray(0)
    }

    /** Shows the push whose decrypted JSON is [payload]; nothing when notifications are off. */
    fun show(context: Context, payload: ByteArray) {
        if (Build.VERSION.SDK_INT >= 33 &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) {
            return
        }
        val notice = try {
            // The group's name when the phone holds it (the core keeps it for notices).
            pushNotice(payload, Locale.getDefault().language, noticeNames(context))
        } catch (unreadable: Exception) {
            return
        }
        val open = Intent(context, MainActivity::class.java)
            .setFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_SINGLE_TOP)
            .putExtra(MainActivity.PAYLOAD, String(payload, Charsets.UTF_8))
        val tap = PendingIntent.getActivity(
            context, notice.id.hashCode(), open, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        val notification = NotificationCompat.Builder(context, channelOf(notice.kind))
            .setSmallIcon(android.R.drawable.stat_notify_chat)
            .setContentTitle(context.getString(R.string.app_name))
            .setContentText(notice.body)
            .setGroup(notice.thread)
            .setAutoCancel(true)
            .setContentIntent(tap)
            .build()
        try {
            // The notification's id is the key: the same push twice replaces, never doubles.
            NotificationManagerCompat.from(context).notify(notice.id, 0, notification)
        } catch (refused: SecurityException) {
            // Notifications were turned off meanwhile: the in-app list still has it.
        }
    }
}
