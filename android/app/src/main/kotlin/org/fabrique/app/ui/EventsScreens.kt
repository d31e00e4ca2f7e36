package org.fabrique.app.ui

import android.app.DatePickerDialog
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
import androidx.compose.material3.Checkbox
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.ModalBottomSheet
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
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
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import org.fabrique.app.R
import org.fabrique.core.types.CalendarView
import org.fabrique.core.types.Event
import org.fabrique.core.types.EventFormView
import org.fabrique.core.types.EventSummary
import org.fabrique.core.types.EventView
import org.fabrique.core.types.EventsEvent
import org.fabrique.core.types.EventsView
import org.fabrique.core.types.MessageView
import org.fabrique.core.types.Route
import org.fabrique.core.types.ViewModel

@Composable
fun EventRow(event: EventSummary, send: Send) {
    ListItem(
        headlineContent = { Text(event.title) },
        supportingContent = { Text(listOfNotNull(event.whenText, event.place.ifEmpty { null }, event.groupName, event.label).joinToString(" · ")) },
        trailingContent = { event.myStatus?.let { Text(it) } },
        modifier = Modifier.clickable { send(Event.Navigate(Route.Event(event.id))) },
    )
}

@Composable
fun EventsScreen(view: EventsView, send: Send) {
    LazyColumn {
        item { TextButton(onClick = { send(Event.Navigate(Route.Calendar)) }) { Text(view.calendarLabel) } }
        items(view.items, key = { it.id }) { event -> EventRow(event, send) }
        item { EmptyState(view.emptyText) }
    }
}

@Composable
fun CalendarScreen(view: CalendarView, send: Send) {
    LazyColumn {
        items(view.items, key = { it.id }) { event -> EventRow(event, send) }
        item { EmptyState(view.emptyText) }
    }
}

@Composable
fun EventScreen(view: EventView, model: ViewModel, send: Send) {
    val uri = LocalUriHandler.current
    Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        LoadingRow(view.loading)
        ErrorText(view.error)
        view.event?.let { event ->
            Text(event.title, style = MaterialTheme.typography.headlineSmall)
            Text(event.whenText)
            if (event.place.isNotEmpty()) Text(event.place)
            event.label?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
        }
        view.onlineUrl?.let { url -> TextButton(onClick = { uri.openUri(url) }) { Text(url) } }
        Text(view.description)
        Attachments(view.attachments, model.mediaAuthorization, send)
        Text(view.seats)
        Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            NotSentYet(view.answerPending)
            for (choice in view.choices) {
                FilterChip(selected = choice.selected, onClick = { send(Event.Events(EventsEvent.Answer(view.id, choice.choice))) }, label = { Text(choice.label) })
            }
        }
        if (view.canManage) {
            Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                OutlinedButton(onClick = { send(Event.Events(EventsEvent.StartEdit(view.id))) }) { Text(stringResource(R.string.edit)) }
                OutlinedButton(onClick = { send(Event.Events(EventsEvent.MessageAttendees(view.id))) }) { Text(stringResource(R.string.message_attendees)) }
                TextButton(onClick = { send(Event.Events(EventsEvent.CancelEvent(view.id))) }) { Text(stringResource(R.string.cancel_event)) }
            }
        }
        view.attendeesLabel?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
        for (attendee in view.attendees) {
            ListItem(
                headlineContent = { Text(attendee.name) },
                supportingContent = { Text(attendee.function) },
                modifier = Modifier.clickable { send(Event.Navigate(Route.Person(attendee.personId))) },
            )
        }
    }
}

/** An organiser's event: dates chosen with the system's pickers on the event's clock, checked by the core. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun EventFormSheet(view: EventFormView, model: ViewModel, send: Send, pickFile: () -> Unit) {
    var title by remember { mutableStateOf(view.title) }
    var description by remember { mutableStateOf(view.description) }
    var startsAt by remember { mutableStateOf(view.startsAt) }
    var endsAt by remember { mutableStateOf(view.endsAt) }
    var place by remember { mutableStateOf(view.place) }
    var onlineUrl by remember { mutableStateOf(view.onlineUrl) }
    var capacity by remember { mutableStateOf(view.capacity?.toString() ?: "") }
    val changed = {
        send(Event.Events(EventsEvent.FormChanged(title, description, startsAt, endsAt, view.timeZone, place, onlineUrl, capacity.trim().toUIntOrNull())))
    }
    ModalBottomSheet(onDismissRequest = { send(Event.Events(EventsEvent.CloseForm)) }) {
        Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(view.groupName, style = MaterialTheme.typography.labelLarge)
            OutlinedTextField(value = title, onValueChange = { title = it; changed() }, label = { Text(stringResource(R.string.title)) }, modifier = Modifier.fillMaxWidth())
            Text(stringResource(R.string.starts_at), style = MaterialTheme.typography.labelLarge)
            DateTimeButton(view.startsText, startsAt, view.timeZone) { startsAt = it; changed() }
            Text(stringResource(R.string.ends_at), style = MaterialTheme.typography.labelLarge)
            DateTimeButton(view.endsText, endsAt.ifEmpty { startsAt }, view.timeZone) { endsAt = it; changed() }
            OutlinedTextField(value = place, onValueChange = { place = it; changed() }, label = { Text(stringResource(R.string.place)) }, modifier = Modifier.fillMaxWidth())
            OutlinedTextField(value = onlineUrl, onValueChange = { onlineUrl = it; changed() }, label = { Text(stringResource(R.string.online_link)) }, modifier = Modifier.fillMaxWidth())
            OutlinedTextField(value = capacity, onValueChange = { capacity = it; changed() }, label = { Text(stringResource(R.string.capacity)) }, modifier = Modifier.fillMaxWidth())
            OutlinedTextField(value = description, onValueChange = { description = it; changed() }, label = { Text(stringResource(R.string.description)) }, minLines = 3, modifier = Modifier.fillMaxWidth())
            if (!view.editing) FormFiles(model.formFiles, model.canAttach, send, pickFile)
            ErrorText(view.error)
            Row {
                TextButton(onClick = { send(Event.Events(EventsEvent.CloseForm)) }) { Text(stringResource(R.string.cancel)) }
                Button(onClick = { changed(); send(Event.Events(EventsEvent.SubmitForm)) }) { Text(stringResource(R.string.save)) }
            }
        }
    }
}

/** An organiser's message, with how many people it will reach before it is sent. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun MessageSheet(view: MessageView, send: Send) {
    var text by remember { mutableStateOf(view.text) }
    var title by remember { mutableStateOf(view.title) }
    ModalBottomSheet(onDismissRequest = { send(Event.Events(EventsEvent.CloseMessage)) }) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(view.audienceLabel, style = MaterialTheme.typography.titleMedium)
            LoadingRow(view.loading)
            view.reachText?.let { Text(it) }
            if (view.canBeMustRead) {
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Checkbox(view.mustRead, { send(Event.Events(EventsEvent.MessageMustRead(it))) })
                    Text(view.mustReadLabel)
                }
                if (view.mustRead) {
                    Text(view.mustReadHint, style = MaterialTheme.typography.bodySmall)
                    OutlinedTextField(
                        value = title,
                        onValueChange = { title = it; send(Event.Events(EventsEvent.MessageTitleChanged(it))) },
                        label = { Text(view.titleLabel) },
                        singleLine = true,
                        modifier = Modifier.fillMaxWidth(),
                    )
                }
            }
            OutlinedTextField(value = text, onValueChange = { text = it; send(Event.Events(EventsEvent.MessageChanged(it))) }, minLines = 4, modifier = Modifier.fillMaxWidth())
            ErrorText(view.error)
            Row {
                TextButton(onClick = { send(Event.Events(EventsEvent.CloseMessage)) }) { Text(stringResource(R.string.cancel)) }
                Button(onClick = { send(Event.Events(EventsEvent.SendMessage)) }, enabled = view.canSend) { Text(stringResource(R.string.send)) }
            }
        }
    }
}

/**
 * A date and time chosen with Android's own pickers (the day, then the hour), on [timeZone]'s
 * clock; [onPicked] gets it as RFC 3339 for the core, which shows it back as [label].
 */
@Composable
fun DateTimeButton(label: String, current: String, timeZone: String, onPicked: (String) -> Unit) {
    val context = LocalContext.current
    val zone = runCatching { ZoneId.of(timeZone) }.getOrDefault(ZoneId.systemDefault())
    OutlinedButton(onClick = {
        val start = runCatching { Instant.parse(current).atZone(zone) }.getOrElse { ZonedDateTime.now(zone).plusDays(1).withHour(18).withMinute(0) }
        DatePickerDialog(context, { _, year, month, day ->
            TimePickerDialog(context, { _, hour, minute ->
                val picked = ZonedDateTime.of(year, month + 1, day, hour, minute, 0, 0, zone)
                onPicked(picked.toInstant().toString())
            }, start.hour, start.minute, android.text.format.DateFormat.is24HourFormat(context)).show()
        }, start.year, start.monthValue - 1, start.dayOfMonth).show()
    }, modifier = Modifier.fillMaxWidth()) { Text(label) }
}
