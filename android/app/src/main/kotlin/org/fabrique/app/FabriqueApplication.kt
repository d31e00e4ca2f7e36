package org.fabrique.app

import android.app.Application
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.ProcessLifecycleOwner
import java.io.File
import java.util.Locale
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import org.fabrique.app.push.FcmRegistrar
import org.fabrique.app.push.Notifier
import org.fabrique.app.push.UnifiedPushRegistrar
import org.fabrique.core.Core
import org.fabrique.core.FileDownloader
import org.fabrique.core.FileKeyValueStore
import org.fabrique.core.ProtectedKeyValueStore
import org.fabrique.core.types.Event
import org.fabrique.core.types.Language
import org.fabrique.core.types.ViewModel

/**
 * One core per process: it outlives activities (a rotation, a trip to the file picker) and
 * is told when the app comes to the foreground or leaves it. Its view model is a StateFlow
 * the screens collect; nothing here decides anything.
 */
class FabriqueApplication : Application() {
    lateinit var core: Core
        private set

    private val views = MutableStateFlow<ViewModel?>(null)
    val view: StateFlow<ViewModel?> = views.asStateFlow()

    /** Where chosen files are copied before they are sent (deleted when the core says so). */
    val outgoing: File by lazy { File(filesDir, "outgoing").apply { mkdirs() } }

    override fun onCreate() {
        super.onCreate()
        core = Core(
            // The session token sealed under a Keystore key, out of backups; the rest in files.
            storage = ProtectedKeyValueStore(FileKeyValueStore(File(filesDir, "core")), File(noBackupFilesDir, "secrets"), KeystoreKeys()),
            push = FcmRegistrar(this, UnifiedPushRegistrar(this)),
            // Files opened whole: in the cache (out of backups; shared with viewers through
            // the FileProvider of res/xml/file_paths.xml).
            downloader = FileDownloader(File(cacheDir, "files")),
        )
        Notifier.createChannels(this)
        core.observe { views.value = it }
        val language = if (Locale.getDefault().language == "fr") Language.FRENCH else Language.ENGLISH
        core.send(Event.Start(language))
        ProcessLifecycleOwner.get().lifecycle.addObserver(object : DefaultLifecycleObserver {
            override fun onStart(owner: LifecycleOwner) = core.send(Event.Foreground)
            override fun onStop(owner: LifecycleOwner) = core.send(Event.Background)
        })
    }
}
