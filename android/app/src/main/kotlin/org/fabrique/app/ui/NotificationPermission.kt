package org.fabrique.app.ui

import android.Manifest
import android.content.SharedPreferences
import android.content.pm.PackageManager
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.core.content.ContextCompat
import org.fabrique.app.R

/**
 * Asks for the notifications permission (Android 13+) at a sensible moment: after the first
 * sign-in, with a sentence saying why, once; the person can still change it in the settings.
 */
@Composable
fun NotificationPermission(preferences: SharedPreferences) {
    if (Build.VERSION.SDK_INT < 33) return
    val context = LocalContext.current
    val granted = ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED
    var asking by remember { mutableStateOf(!granted && !preferences.getBoolean(ASKED, false)) }
    val request = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { }
    if (!asking) return
    val done = {
        preferences.edit().putBoolean(ASKED, true).apply()
        asking = false
    }
    AlertDialog(
        onDismissRequest = done,
        title = { Text(stringResource(R.string.notifications_why_title)) },
        text = { Text(stringResource(R.string.notifications_why)) },
        confirmButton = {
            TextButton(onClick = {
                done()
                request.launch(Manifest.permission.POST_NOTIFICATIONS)
            }) { Text(stringResource(R.string.notifications_allow)) }
        },
        dismissButton = { TextButton(onClick = done) { Text(stringResource(R.string.notifications_not_now)) } },
    )
}

private const val ASKED = "notifications_permission_asked"
