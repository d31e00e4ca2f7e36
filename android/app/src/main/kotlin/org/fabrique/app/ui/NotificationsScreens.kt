package org.fabrique.app.ui

import android.app.TimePickerDialog
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.Event
import org.fabrique.core.types.NotificationSettingsView
import org.fabrique.core.types.NotificationsEvent
import org.fabrique.core.types.NotificationsView

@Composable
fun NotificationsScreen(view: NotificationsView, send: Send) {
    LazyColumn {
        view.pushUnavailable?.let { text -> item { Text(text, style = MaterialTheme.typography.bodySmall) } }
        item {
            view.markAllLabel?.let { label ->
                TextButton(onClick = { send(Event.Notifications(NotificationsEvent.MarkAllRead)) }) { Text(label) }
            }
        }
        items(view.items, key = { it.id }) { item ->
            ListItem(
                headlineContent = { Text(item.text, fontWeight = if (item.unread) FontWeight.Bold else FontWeight.Normal) },
                supportingContent = { Text(item.whenText) },
                modifier = Modifier.clickable { send(Event.Notifications(NotificationsEvent.Open(item.id))) },
            )
        }
        item { EmptyState(view.emptyText) }
    }
}

@Composable
fun NotificationSettingsScreen(view: NotificationSettingsView, send: Send) {
    var quietStart by remember { mutableStateOf(view.quietStart ?: "") }
    var quietEnd by remember { mutableStateOf(view.quietEnd ?: "") }
    var muted by remember { mutableStateOf(view.kinds.filter { !it.on }.map { it.kind }.toSet()) }
    Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(view.hint)
        NotSentYet(view.pending)
        for (kind in view.kinds) {
            Row(verticalAlignment = Alignment.CenterVertically) {
                Switch(checked = kind.kind !in muted, onCheckedChange = { on -> muted = if (on) muted - kind.kind else muted + kind.kind })
                Text(kind.label, Modifier.padding(start = 8.dp))
            }
        }
        Text(stringResource(R.string.quiet_hours), style = MaterialTheme.typography.titleSmall)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            TimeButton(stringResource(R.string.from), quietStart, Modifier.weight(1f)) { quietStart = it }
            TimeButton(stringResource(R.string.to), quietEnd, Modifier.weight(1f)) { quietEnd = it }
        }
        ErrorText(view.error)
        Button(onClick = {
            send(Event.Notifications(NotificationsEvent.SaveSettings(view.timeZone, quietStart.ifBlank { null }, quietEnd.ifBlank { null }, muted.toList())))
        }) { Text(stringResource(R.string.save)) }
        // The e-mail summary for when the app stays closed.
        Text(view.digestHint, style = MaterialTheme.typography.titleSmall)
        Row {
            for (option in view.digests) {
                FilterChip(
                    selected = view.digest == option.digest,
                    onClick = { send(Event.Notifications(NotificationsEvent.SetDigest(option.digest))) },
                    label = { Text(option.label) },
                )
            }
        }
        for (group in view.groups) {
            Text(group.name, style = MaterialTheme.typography.titleSmall)
            Row {
                for (level in view.levels) {
                    FilterChip(
                        selected = group.level == level.level,
                        onClick = { send(Event.Notifications(NotificationsEvent.SetGroupLevel(group.groupId, level.level))) },
                        label = { Text(level.label) },
                    )
                }
            }
        }
    }
}

/** An hour of the day ("22:00") chosen with Android's time picker; empty: none. */
@Composable
private fun TimeButton(label: String, value: String, modifier: Modifier, onPicked: (String) -> Unit) {
    val context = LocalContext.current
    OutlinedButton(onClick = {
        val (hour, minute) = value.split(":").mapNotNull { it.toIntOrNull() }.let { if (it.size == 2) it[0] to it[1] else 22 to 0 }
        TimePickerDialog(context, { _, h, m -> onPicked("%02d:%02d".format(h, m)) }, hour, minute, true).show()
    }, modifier = modifier) { Text(if (value.isEmpty()) label else "$label $value") }
}
