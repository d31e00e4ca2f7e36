package org.fabrique.core

import java.io.File
import java.io.FileInputStream
import java.io.IOException
import java.net.HttpURLConnection
import java.net.URL
import org.fabrique.core.types.UploadOperation
import org.fabrique.core.types.UploadProgress

/**
 * Sends the files a person chose (a copy kept in the app's own storage) with the platform's
 * `HttpURLConnection`: streamed in pieces with the length known in advance, so a 20 MB photo
 * never sits whole in memory, each piece told as progress. The core decides what to send
 * and when to try again; here only the bytes move.
 */
class FileUploader(
    private val timeoutMillis: Int = 60_000,
    private val pieceBytes: Int = 64 * 1024,
) {
    /** Sends the file; [progress] hears how far it went; returns how it ended. */
    fun send(operation: UploadOperation.Send, progress: (UploadProgress) -> Unit): UploadProgress {
        val file = File(operation.file)
        if (!file.isFile) return UploadProgress.FileMissing
        val total = file.length()
        return try {
            val connection = URL(operation.url).openConnection() as HttpURLConnection
            try {
                connection.requestMethod = "PUT"
                connection.connectTimeout = timeoutMillis
                connection.readTimeout = timeoutMillis
                connection.doOutput = true
                connection.setFixedLengthStreamingMode(total)
                connection.setRequestProperty("Authorization", "Bearer ${operation.token}")
                connection.setRequestProperty("Content-Type", "application/octet-stream")
                connection.setRequestProperty("Accept", "application/json")
                var sent = 0L
                var told = -1L
                FileInputStream(file).use { input ->
                    connection.outputStream.use { output ->
                        val piece = ByteArray(pieceBytes)
                        while (true) {
                            val read = input.read(piece)
                            if (read < 0) break
                            output.write(piece, 0, read)
                            sent += read
                            // Every 2 % is enough for a progress bar, and spares the core.
                            if (sent == total || (sent - told) * 50 >= total) {
                                told = sent
                                progress(UploadProgress.Sent(sent.toULong(), total.toULong()))
                            }
                        }
                    }
                }
                val status = connection.responseCode
                val stream = if (status >= 400) connection.errorStream else connection.inputStream
                val body = stream?.use { it.readBytes().toString(Charsets.UTF_8) } ?: ""
                UploadProgress.Answered(status.toUShort(), body)
            } finally {
                connection.disconnect()
            }
        } catch (error: IOException) {
            UploadProgress.Unreachable
        } catch (error: IllegalArgumentException) {
            UploadProgress.Unreachable
        }
    }

    /** The core no longer needs this copy. */
    fun discard(operation: UploadOperation.Discard) {
        File(operation.file).delete()
    }
}
