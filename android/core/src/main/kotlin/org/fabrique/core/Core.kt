package org.fabrique.core

import java.io.File
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.ScheduledFuture
import java.util.concurrent.TimeUnit
import org.fabrique.core.ffi.CoreException
import org.fabrique.core.ffi.CoreFfi
import org.fabrique.core.types.DownloadOperation
import org.fabrique.core.types.Effect
import org.fabrique.core.types.Event
import org.fabrique.core.types.Instant
import org.fabrique.core.types.RealtimeOperation
import org.fabrique.core.types.Requests
import org.fabrique.core.types.TimeRequest
import org.fabrique.core.types.TimeResponse
import org.fabrique.core.types.UploadOperation
import org.fabrique.core.types.ViewModel

/**
 * The app's side of the Rust core: sends events, carries out each effect the core asks for
 * (HTTP, key-value storage, timers, the live channel, push registration), and publishes
 * the view model.
 *
 * Every call into the core happens on one thread; effects that wait (HTTP, file uploads,
 * timers, the live channel) run elsewhere and hand their output back to that thread. Nothing here
 * decides anything: the rules are in the core. The Android app wraps [observe] in a
 * `StateFlow`.
 */
class Core(
    private val storage: KeyValueStore,
    private val http: HttpClient = HttpClient(),
    private val push: PushRegistrar = NoPush,
    private val uploader: FileUploader = FileUploader(),
    /** Where files opened whole are fetched to: the app's cache directory on Android. */
    private val downloader: FileDownloader = FileDownloader(File(System.getProperty("java.io.tmpdir"), "fabrique-files")),
    private val onError: (String) -> Unit = { System.err.println("fabrique core: $it") },
) : AutoCloseable {
    private val ffi = CoreFfi()
    private val coreThread: ScheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor { task -> Thread(task, "fabrique-core").apply { isDaemon = true } }
    private val io: ExecutorService =
        Executors.newCachedThreadPool { task -> Thread(task, "fabrique-io").apply { isDaemon = true } }
    private val timers = HashMap<ULong, ScheduledFuture<*>>()
    private val listeners = CopyOnWriteArrayList<(ViewModel) -> Unit>()
    private var realtime: RealtimeStream? = null

    @Volatile
    var view: ViewModel = readView()
        private set

    /** Call [listener] with the view model now and after every change. */
    fun observe(listener: (ViewModel) -> Unit) {
        listeners += listener
        listener(view)
    }

    fun send(event: Event) {
        val bytes = event.bincodeSerialize()
        coreThread.execute { carryOut { ffi.update(bytes) } }
    }

    override fun close() {
        realtime?.stop()
        coreThread.shutdownNow()
        io.shutdownNow()
        ffi.close()
    }

    private fun resolve(id: UInt, output: ByteArray) = carryOut { ffi.resolve(id, output) }

    /** Runs on the core thread. */
    private fun carryOut(call: () -> ByteArray) {
        val requests = try {
            Requests.bincodeDeserialize(call()).value
        } catch (error: CoreException) {
            onError(error.message ?: error.toString())
            return
        }
        for (request in requests) {
            when (val effect = request.effect) {
                is Effect.Render -> publish()
                is Effect.KeyValue -> resolve(request.id, storage.handle(effect.value).bincodeSerialize())
                is Effect.Http -> io.execute {
                    val output = http.send(effect.value).bincodeSerialize()
                    coreThread.execute { resolve(request.id, output) }
                }
                is Effect.Time -> time(request.id, effect.value)
                is Effect.Realtime -> realtime(effect.value)
                is Effect.Push -> io.execute {
                    val output = push.handle(effect.value).bincodeSerialize()
                    coreThread.execute { resolve(request.id, output) }
                }
                is Effect.Upload -> upload(request.id, effect.value)
                is Effect.Download -> download(request.id, effect.value)
            }
        }
    }

    private fun time(id: UInt, request: TimeRequest) {
        when (request) {
            is TimeRequest.NotifyAfter -> {
                val nanos = request.duration.nanos.toLong()
                timers[request.id.value] = coreThread.schedule({
                    timers.remove(request.id.value)
                    resolve(id, TimeResponse.DurationElapsed(request.id).bincodeSerialize())
                }, nanos, TimeUnit.NANOSECONDS)
            }
            is TimeRequest.NotifyAt -> {
                val delayMillis = request.instant.seconds.toLong() * 1000 - System.currentTimeMillis()
                timers[request.id.value] = coreThread.schedule({
                    timers.remove(request.id.value)
                    resolve(id, TimeResponse.InstantArrived(request.id).bincodeSerialize())
                }, delayMillis.coerceAtLeast(0), TimeUnit.MILLISECONDS)
            }
            is TimeRequest.Clear -> {
                timers.remove(request.id.value)?.cancel(false)
                resolve(id, TimeResponse.Cleared(request.id).bincodeSerialize())
            }
            is TimeRequest.Now -> {
                val now = System.currentTimeMillis()
                val instant = Instant((now / 1000).toULong(), ((now % 1000) * 1_000_000).toUInt())
                resolve(id, TimeResponse.Now(instant).bincodeSerialize())
            }
        }
    }

    /** A file goes up off the core thread; each piece's progress, then its end, comes back to it. */
    private fun upload(id: UInt, operation: UploadOperation) {
        when (operation) {
            is UploadOperation.Send -> io.execute {
                val end = uploader.send(operation) { progress ->
                    val output = progress.bincodeSerialize()
                    coreThread.execute { resolve(id, output) }
                }
                val output = end.bincodeSerialize()
                coreThread.execute { resolve(id, output) }
            }
            is UploadOperation.Discard -> io.execute { uploader.discard(operation) }
        }
    }

    /** A file comes down off the core thread; its progress, then its end, comes back to it. */
    private fun download(id: UInt, operation: DownloadOperation) {
        when (operation) {
            is DownloadOperation.Fetch -> io.execute {
                val end = downloader.fetch(operation) { progress ->
                    val output = progress.bincodeSerialize()
                    coreThread.execute { resolve(id, output) }
                }
                val output = end.bincodeSerialize()
                coreThread.execute { resolve(id, output) }
            }
        }
    }

    private fun realtime(operation: RealtimeOperation) {
        realtime?.stop()
        realtime = when (operation) {
            is RealtimeOperation.Connect -> RealtimeStream(operation.url, operation.token) { send(Event.Poked) }.also {
                io.execute(it)
            }
            is RealtimeOperation.Disconnect -> null
        }
    }

    private fun publish() {
        view = readView()
        for (listener in listeners) listener(view)
    }

    private fun readView(): ViewModel = ViewModel.bincodeDeserialize(ffi.view())
}
