package org.fabrique.core

import java.io.IOException
import java.net.HttpURLConnection
import java.net.URL

/**
 * The live channel: reads the server's event stream and calls [onPoke] for each `poke`.
 * Reconnects after a drop (with a pause) until [stop]; a poke carries no data, the core
 * answers it with a sync.
 */
class RealtimeStream(
    private val url: String,
    private val token: String,
    private val onPoke: () -> Unit,
) : Runnable {
    @Volatile
    private var stopped = false

    @Volatile
    private var connection: HttpURLConnection? = null

    fun stop() {
        stopped = true
        connection?.disconnect()
    }

    override fun run() {
        while (!stopped) {
            try {
                val opened = URL(url).openConnection() as HttpURLConnection
                connection = opened
                opened.setRequestProperty("authorization", "Bearer $token")
                opened.setRequestProperty("accept", "text/event-stream")
                opened.connectTimeout = 20_000
                // The server sends a comment every 15 seconds: a longer silence is a dead link.
                opened.readTimeout = 60_000
                if (opened.responseCode != 200) return
                opened.inputStream.bufferedReader().use { reader ->
                    var event = ""
                    while (!stopped) {
                        val line = reader.readLine() ?: break
                        when {
                            line.startsWith("event:") -> event = line.removePrefix("event:").trim()
                            line.isEmpty() -> {
                                if (event == "poke") onPoke()
                                event = ""
                            }
                        }
                    }
                }
            } catch (error: IOException) {
                // Dropped: try again below.
            }
            if (!stopped) Thread.sleep(5_000)
        }
    }
}
