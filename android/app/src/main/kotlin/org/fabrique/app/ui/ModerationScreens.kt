package org.fabrique.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.CharterView
import org.fabrique.core.types.Event
import org.fabrique.core.types.ModerationEvent
import org.fabrique.core.types.ReportView
import org.fabrique.core.types.ReportWhy

@Composable
fun CharterScreen(view: CharterView, send: Send) {
    Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(view.title, style = MaterialTheme.typography.headlineSmall)
        EmptyState(view.emptyText)
        view.heldText?.let { Text(it) }
        Text(view.text)
        view.acceptLabel?.let { label ->
            Button(onClick = { send(Event.Moderation(ModerationEvent.AcceptCharter)) }) { Text(label) }
        }
    }
}

@Composable
fun ReportScreen(view: ReportView, send: Send) {
    var reason by remember { mutableStateOf<ReportWhy?>(null) }
    var details by remember { mutableStateOf("") }
    Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(view.title, style = MaterialTheme.typography.headlineSmall)
        Text(view.hint)
        for (option in view.reasons) {
            Row(verticalAlignment = Alignment.CenterVertically) {
                RadioButton(selected = reason == option.reason, onClick = { reason = option.reason })
                Text(option.label)
            }
        }
        OutlinedTextField(value = details, onValueChange = { details = it }, label = { Text(view.detailsLabel) }, minLines = 3, modifier = Modifier.fillMaxWidth())
        Button(
            onClick = { reason?.let { send(Event.Moderation(ModerationEvent.Report(view.what, view.id, it, details))) } },
            enabled = reason != null,
        ) { Text(stringResource(R.string.send_report)) }
    }
}
