package org.fabrique.app

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.provider.OpenableColumns
import android.webkit.MimeTypeMap
import android.widget.Toast
import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.core.content.FileProvider
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.io.File
import java.lang.ref.WeakReference
import java.util.UUID
import org.fabrique.app.push.UnifiedPushRegistrar
import org.fabrique.app.ui.FabriqueRoot
import org.fabrique.app.ui.FabriqueTheme
import org.fabrique.app.ui.LoadingScreen
import org.fabrique.app.ui.NotificationPermission
import org.fabrique.core.types.AccountsEvent
import org.fabrique.core.types.AttachmentsEvent
import org.fabrique.core.types.Event
import org.fabrique.core.types.NotificationsEvent
import org.fabrique.core.types.OpenFileView
import org.fabrique.core.types.Screen

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val app = application as FabriqueApplication
        opened(intent)
        setContent {
            FabriqueTheme {
                val view by app.view.collectAsStateWithLifecycle()
                val pickFile = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
                    if (uri != null) attach(app, uri)
                }
                val current = view
                if (current == null) {
                    LoadingScreen()
                } else {
                    BackHandler(enabled = current.canGoBack) { app.core.send(Event.Back) }
                    // Once signed in, once: why notifications help, then Android's question.
                    if (current.screen !is Screen.SignIn && current.screen !is Screen.Federation) {
                        NotificationPermission(getPreferences(MODE_PRIVATE))
                    }
                    // A file fetched for a tap: handed to the system's viewer, once.
                    val toOpen = current.openFile
                    LaunchedEffect(toOpen) {
                        if (toOpen != null) {
                            openWithSystem(toOpen)
                            app.core.send(Event.Attachments(AttachmentsEvent.Opened))
                        }
                    }
                    FabriqueRoot(
                        view = current,
                        send = app.core::send,
                        pickFile = { pickFile.launch(arrayOf("image/*", "application/pdf", "application/*")) },
                    )
                }
            }
        }
    }

    /** A photo full screen (with zoom) or a document in the app that reads it, by its type. */
    private fun openWithSystem(file: OpenFileView) {
        val uri = FileProvider.getUriForFile(this, "$packageName.files", File(file.path))
        val extension = file.name.substringAfterLast('.', "").lowercase()
        val type = MimeTypeMap.getSingleton().getMimeTypeFromExtension(extension) ?: if (file.isImage) "image/*" else "*/*"
        val view = Intent(Intent.ACTION_VIEW).setDataAndType(uri, type).addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        try {
            startActivity(view)
        } catch (missing: ActivityNotFoundException) {
            Toast.makeText(this, getString(R.string.no_viewer, file.name), Toast.LENGTH_LONG).show()
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        opened(intent)
    }

    override fun onResume() {
        super.onResume()
        UnifiedPushRegistrar.activity = WeakReference(this)
    }

    override fun onPause() {
        UnifiedPushRegistrar.activity = null
        super.onPause()
    }

    /**
     * A tap on a notification: the core opens what it is about and marks it read. An
     * invitation link (https://<federation>/join/<code> or fabrique://join?…): the core opens
     * its federation with the code filled in.
     */
    private fun opened(intent: Intent?) {
        val core = (application as FabriqueApplication).core
        if (intent?.action == Intent.ACTION_VIEW) {
            val link = intent.dataString ?: return
            intent.data = null
            core.send(Event.Accounts(AccountsEvent.OpenLink(link)))
            return
        }
        val payload = intent?.getStringExtra(PAYLOAD) ?: return
        intent.removeExtra(PAYLOAD)
        core.send(Event.Notifications(NotificationsEvent.Tapped(payload)))
    }

    companion object {
        /** The decrypted push a notification's tap carries. */
        const val PAYLOAD = "org.fabrique.app.PUSH_PAYLOAD"
    }

    /** The picked file is copied into the app's storage (the picker's grant does not last), then given to the core. */
    private fun attach(app: FabriqueApplication, uri: Uri) {
        val name = contentResolver.query(uri, arrayOf(OpenableColumns.DISPLAY_NAME), null, null, null)?.use { cursor ->
            if (cursor.moveToFirst()) cursor.getString(0) else null
        } ?: getString(R.string.file_default_name)
        val copy = File(app.outgoing, UUID.randomUUID().toString())
        Thread {
            val size = contentResolver.openInputStream(uri)?.use { input ->
                copy.outputStream().use { output -> input.copyTo(output) }
            } ?: return@Thread
            app.core.send(Event.Attachments(AttachmentsEvent.Add(copy.path, name, size.toULong())))
        }.start()
    }
}
