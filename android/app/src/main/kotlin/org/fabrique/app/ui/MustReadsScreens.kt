package org.fabrique.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.fabrique.core.types.Event
import org.fabrique.core.types.MustReadCard
import org.fabrique.core.types.MustReadView
import org.fabrique.core.types.MustReadsEvent
import org.fabrique.core.types.ReachView
import org.fabrique.core.types.Route

/** A must-read message pinned at the top of the feed until "J'ai lu": all it says comes from the core. */
@Composable
fun PinnedMustRead(card: MustReadCard, send: Send) {
    Card(
        Modifier.fillMaxWidth().padding(8.dp).clickable { send(Event.Navigate(Route.MustRead(card.id))) },
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.tertiaryContainer),
    ) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(card.label, style = MaterialTheme.typography.labelLarge)
            Text(card.title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
            Text(card.from, style = MaterialTheme.typography.bodySmall)
            Text(card.excerpt, style = MaterialTheme.typography.bodyLarge)
            Button(onClick = { send(Event.MustReads(MustReadsEvent.Acknowledge(card.id))) }) { Text(card.acknowledgeLabel) }
        }
    }
}

/** One must-read message, whole; for its sender, how far it reached. */
@Composable
fun MustReadScreen(view: MustReadView, send: Send) {
    Column(Modifier.fillMaxWidth().verticalScroll(rememberScrollState()).padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        LoadingRow(view.loading)
        ErrorText(view.error)
        Text(view.label, style = MaterialTheme.typography.labelLarge)
        Text(view.title, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })
        Text(view.from, style = MaterialTheme.typography.bodySmall)
        Text(view.body, style = MaterialTheme.typography.bodyLarge)
        if (view.canAcknowledge) {
            Button(onClick = { send(Event.MustReads(MustReadsEvent.Acknowledge(view.id))) }) { Text(view.acknowledgeLabel) }
        }
        view.readText?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
        view.reach?.let { Reach(it) }
    }
}

@Composable
private fun Reach(reach: ReachView) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        Text(reach.summary, style = MaterialTheme.typography.titleMedium)
        LinearProgressIndicator(progress = { reach.percent.toFloat() / 100f }, modifier = Modifier.fillMaxWidth())
        for (line in reach.lines) Text(line)
        Text(reach.mailText, style = MaterialTheme.typography.bodySmall)
        reach.notReachedTitle?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
        for (name in reach.notReached) Text(name)
        reach.moreText?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
    }
}
