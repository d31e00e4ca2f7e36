package org.fabrique.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Card
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import coil.compose.AsyncImage
import coil.request.ImageRequest
import org.fabrique.app.R
import org.fabrique.core.types.AttachmentView
import org.fabrique.core.types.AttachmentsEvent
import org.fabrique.core.types.Event
import org.fabrique.core.types.FileView
import org.fabrique.core.types.Status

typealias Send = (Event) -> Unit

@Composable
fun LoadingScreen() {
    Box(Modifier.fillMaxSize(), contentAlignment = Alignment.Center) {
        CircularProgressIndicator(Modifier.semantics { contentDescription = "…" })
    }
}

/** What to say when a list is empty: the core's sentence says what to do next. */
@Composable
fun EmptyState(text: String?) {
    if (text != null) {
        Text(text, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(24.dp))
    }
}

@Composable
fun ErrorText(text: String?) {
    if (text != null) {
        Text(text, color = MaterialTheme.colorScheme.error, modifier = Modifier.padding(vertical = 8.dp))
    }
}

@Composable
fun LoadingRow(loading: Boolean) {
    if (loading) LinearProgressIndicator(Modifier.fillMaxWidth())
}

@Composable
fun MoreButton(hasMore: Boolean, onClick: () -> Unit) {
    if (hasMore) TextButton(onClick = onClick) { Text(stringResource(R.string.show_more)) }
}

/** "Not sent yet" beside a choice kept on the phone (an answer, a vote, a setting) until the server has it. */
@Composable
fun NotSentYet(pending: Boolean) {
    if (pending) Text(stringResource(R.string.not_sent_yet), style = MaterialTheme.typography.bodySmall)
}

/** Offline, syncing, "3 not sent yet", and writes the server refused (each dismissable). */
@Composable
fun StatusBanner(status: Status, send: Send) {
    Column(Modifier.fillMaxWidth()) {
        val syncing = stringResource(R.string.syncing)
        if (status.syncing) LinearProgressIndicator(Modifier.fillMaxWidth().semantics { contentDescription = syncing })
        status.problem?.let { Text(it, modifier = Modifier.padding(8.dp), style = MaterialTheme.typography.bodyMedium) }
        if (status.notSentCount > 0u) {
            Text("${status.notSentCount} · ${status.notSentLabel}", modifier = Modifier.padding(horizontal = 8.dp))
        }
        for (failed in status.failed) {
            Card(Modifier.fillMaxWidth().padding(8.dp)) {
                Column(Modifier.padding(12.dp)) {
                    Text(failed.label, style = MaterialTheme.typography.titleSmall)
                    Text(failed.text)
                    Text(failed.reason, color = MaterialTheme.colorScheme.error)
                    TextButton(onClick = { send(Event.DismissFailed(failed.id)) }) { Text(stringResource(R.string.understood)) }
                }
            }
        }
    }
}

/** Photos (thumbnails, opened whole) and documents (opened by the phone) on an item. */
@Composable
fun Attachments(items: List<AttachmentView>, authorization: String?, send: Send) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        for (item in items) {
            // A tap opens it whole: the core fetches it with the session, then the app hands
            // it to the system's viewer (a photo full screen with zoom, a PDF in its reader).
            val open = { send(Event.Attachments(AttachmentsEvent.Open(item.id, item.name))) }
            val thumbnail = item.thumbnailUrl
            if (item.isImage && thumbnail != null) {
                val request = ImageRequest.Builder(androidx.compose.ui.platform.LocalContext.current)
                    .data(thumbnail)
                    .apply { if (authorization != null) addHeader("Authorization", authorization) }
                    .build()
                AsyncImage(model = request, contentDescription = item.name, modifier = Modifier.size(160.dp).clickable(onClick = open))
            } else {
                AssistChip(onClick = open, label = { Text("${item.name} · ${item.size}") })
            }
            item.opening?.let { percent ->
                LinearProgressIndicator(
                    progress = { percent.toFloat() / 100f },
                    modifier = Modifier.fillMaxWidth().semantics { contentDescription = item.name },
                )
            }
            ErrorText(item.error)
        }
    }
}

/** The files of something written on this phone, as they go up (read only). */
@Composable
fun PendingFiles(files: List<FileView>) {
    for (file in files) {
        Text("${file.name} · ${file.size}", style = MaterialTheme.typography.bodySmall)
        if (file.error != null) {
            ErrorText(file.error)
        } else {
            LinearProgressIndicator(
                progress = { file.progress.toFloat() / 100f },
                modifier = Modifier.fillMaxWidth().semantics { contentDescription = "${file.name}: ${file.status}" },
            )
        }
    }
}

/** The files chosen for the open form, each with its progress and, if refused, why. */
@Composable
fun FormFiles(files: List<FileView>, canAttach: Boolean, send: Send, pickFile: () -> Unit) {
    Column {
        for (file in files) {
            Row(verticalAlignment = Alignment.CenterVertically, modifier = Modifier.fillMaxWidth()) {
                Column(Modifier.weight(1f)) {
                    Text("${file.name} · ${file.size}")
                    if (file.error != null) {
                        ErrorText(file.error)
                    } else {
                        LinearProgressIndicator(
                            progress = { file.progress.toFloat() / 100f },
                            modifier = Modifier.fillMaxWidth().semantics { contentDescription = file.status },
                        )
                        Text(file.status, style = MaterialTheme.typography.bodySmall)
                    }
                }
                TextButton(onClick = { send(Event.Attachments(AttachmentsEvent.Remove(file.id))) }) {
                    Text(stringResource(R.string.remove))
                }
            }
        }
        if (canAttach) TextButton(onClick = pickFile) { Text(stringResource(R.string.add_file)) }
    }
}
