package org.fabrique.app

import android.net.Uri
import android.os.Bundle
import android.provider.OpenableColumns
import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.runtime.getValue
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.io.File
import java.util.UUID
import org.fabrique.app.ui.FabriqueRoot
import org.fabrique.app.ui.FabriqueTheme
import org.fabrique.app.ui.LoadingScreen
import org.fabrique.core.types.AttachmentsEvent
import org.fabrique.core.types.Event

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val app = application as FabriqueApplication
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
                    FabriqueRoot(
                        view = current,
                        send = app.core::send,
                        pickFile = { pickFile.launch(arrayOf("image/*", "application/pdf", "application/*")) },
                    )
                }
            }
        }
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
