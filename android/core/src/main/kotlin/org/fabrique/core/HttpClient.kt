package org.fabrique.core

import com.novi.serde.Bytes
import java.io.IOException
import java.net.HttpURLConnection
import java.net.SocketTimeoutException
import java.net.URL
import java.util.zip.GZIPInputStream
import org.fabrique.core.types.HttpError
import org.fabrique.core.types.HttpHeader
import org.fabrique.core.types.HttpRequest
import org.fabrique.core.types.HttpResponse
import org.fabrique.core.types.HttpResult

/**
 * Carries out the core's HTTP requests with the platform's `HttpURLConnection` (the same on
 * Android and on a desktop JVM). Any status is an answer for the core to read; only a
 * failure to talk to the server is an error. Answers come gzip-compressed when the server
 * compresses them (a pull is mostly repeated JSON, paid for on mobile data): asked for here
 * and read here, the same on both platforms (iOS's URLSession does it by itself).
 */
class HttpClient(private val timeoutMillis: Int = 20_000) {
    fun send(request: HttpRequest): HttpResult = try {
        val connection = URL(request.url).openConnection() as HttpURLConnection
        try {
            connection.requestMethod = request.method
            connection.connectTimeout = timeoutMillis
            connection.readTimeout = timeoutMillis
            connection.setRequestProperty("Accept-Encoding", "gzip")
            for (header in request.headers) connection.setRequestProperty(header.name, header.value)
            if (request.body.content.isNotEmpty()) {
                connection.doOutput = true
                connection.outputStream.use { it.write(request.body.content) }
            }
            val status = connection.responseCode
            val raw = if (status >= 400) connection.errorStream else connection.inputStream
            val stream = if (connection.contentEncoding == "gzip") raw?.let { GZIPInputStream(it) } else raw
            val body = stream?.use { it.readBytes() } ?: ByteArray(0)
            val headers = connection.headerFields
                .filterKeys { it != null }
                .flatMap { (name, values) -> values.map { HttpHeader(name.lowercase(), it) } }
            HttpResult.Ok(HttpResponse(status.toUShort(), headers, Bytes(body)))
        } finally {
            connection.disconnect()
        }
    } catch (error: SocketTimeoutException) {
        HttpResult.Err(HttpError.Timeout)
    } catch (error: IOException) {
        HttpResult.Err(HttpError.Io(error.message ?: error.javaClass.simpleName))
    } catch (error: IllegalArgumentException) {
        HttpResult.Err(HttpError.Url(error.message ?: request.url))
    }
}
