package org.fabrique.core

import java.io.File
import java.io.IOException
import java.net.HttpURLConnection
import java.net.URL
import org.fabrique.core.types.DownloadOperation
import org.fabrique.core.types.DownloadProgress

/**
 * Fetches a file of the server with the session, into [directory] (the app's cache on
 * Android: out of backups, emptied by the system when space runs short), streamed in pieces
 * with progress, written to a temporary file and moved into place whole. The core decides
 * what to fetch; the app opens what it gives.
 */
class FileDownloader(
    private val directory: File,
    private val timeoutMillis: Int = 60_000,
    private val pieceBytes: Int = 64 * 1024,
) {
    /** Fetches the file; [progress] hears how far it went; returns how it ended. */
    fun fetch(operation: DownloadOperation.Fetch, progress: (DownloadProgress) -> Unit): DownloadProgress {
        directory.mkdirs()
        // The core names the file; nothing of it may leave the directory.
        val target = File(directory, File(operation.name).name)
        val partial = File(directory, target.name + ".part")
        return try {
            val connection = URL(operation.url).openConnection() as HttpURLConnection
            try {
                connection.connectTimeout = timeoutMillis
                connection.readTimeout = timeoutMillis
                connection.setRequestProperty("Authorization", "Bearer ${operation.token}")
                val status = connection.responseCode
                if (status >= 300) {
                    val body = connection.errorStream?.use { it.readBytes().toString(Charsets.UTF_8) } ?: ""
                    return DownloadProgress.Answered(status.toUShort(), body)
                }
                val total = connection.contentLengthLong.coerceAtLeast(0)
                var received = 0L
                var told = -1L
                connection.inputStream.use { input ->
                    partial.outputStream().use { output ->
                        val piece = ByteArray(pieceBytes)
                        while (true) {
                            val read = input.read(piece)
                            if (read < 0) break
                            output.write(piece, 0, read)
                            received += read
                            if (total == 0L || received == total || (received - told) * 50 >= total) {
                                told = received
                                progress(DownloadProgress.Received(received.toULong(), total.toULong()))
                            }
                        }
                    }
                }
                if (!partial.renameTo(target)) {
                    target.delete()
                    if (!partial.renameTo(target)) throw IOException("cannot move ${partial.name} into place")
                }
                DownloadProgress.Saved(target.path)
            } finally {
                connection.disconnect()
            }
        } catch (error: IOException) {
            partial.delete()
            DownloadProgress.Unreachable
        } catch (error: IllegalArgumentException) {
            partial.delete()
            DownloadProgress.Unreachable
        }
    }
}
