package org.fabrique.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Badge
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.ConversationView
import org.fabrique.core.types.ConversationsEvent
import org.fabrique.core.types.ConversationsView
import org.fabrique.core.types.Event
import org.fabrique.core.types.PickPurpose
import org.fabrique.core.types.Route
import org.fabrique.core.types.ViewModel

@Composable
fun ConversationsScreen(view: ConversationsView, send: Send) {
    LazyColumn {
        item { TextButton(onClick = { send(Event.Navigate(Route.PickPeople(PickPurpose.StartConversation))) }) { Text(stringResource(R.string.new_conversation)) } }
        items(view.items, key = { it.id }) { item ->
            ListItem(
                headlineContent = { Text(item.title) },
                supportingContent = { Text(item.lastMessage, maxLines = 2) },
                trailingContent = { if (item.unread > 0u) Badge { Text("${item.unread}") } },
                modifier = Modifier.clickable { send(Event.Navigate(Route.Conversation(item.id))) },
            )
        }
        item { EmptyState(view.emptyText) }
    }
}

/** Oldest message first, mine not yet sent at the end; photos and documents join a message. */
@Composable
fun ConversationScreen(view: ConversationView, model: ViewModel, send: Send, pickFile: () -> Unit) {
    var body by rememberSaveable(view.id) { mutableStateOf("") }
    Column(Modifier.fillMaxWidth().padding(8.dp)) {
        Text(view.title, style = MaterialTheme.typography.titleLarge)
        if (view.participants.isNotEmpty()) Text(view.participants.joinToString(", "), style = MaterialTheme.typography.bodySmall)
        ErrorText(view.error)
        view.blockedText?.let { Text(it) }
        LazyColumn(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            items(view.messages, key = { it.id }) { message ->
                Card(Modifier.fillMaxWidth().padding(start = if (message.mine) 48.dp else 0.dp, end = if (message.mine) 0.dp else 48.dp)) {
                    Column(Modifier.padding(10.dp)) {
                        val who = if (message.mine) "" else message.authorName
                        Text(listOf(who, message.whenText).filter { it.isNotEmpty() }.joinToString(" · "), style = MaterialTheme.typography.labelLarge)
                        if (message.body.isNotEmpty()) Text(message.body)
                        Attachments(message.attachments, model.mediaAuthorization, send)
                        PendingFiles(message.pendingFiles)
                        if (message.pending) Text(model.status.notSentLabel, style = MaterialTheme.typography.bodySmall)
                    }
                }
            }
            item { EmptyState(view.emptyText) }
        }
        if (view.canWrite) {
            FormFiles(model.formFiles, model.canAttach, send, pickFile)
            Row(verticalAlignment = Alignment.CenterVertically) {
                OutlinedTextField(value = body, onValueChange = { body = it }, label = { Text(stringResource(R.string.your_message)) }, modifier = Modifier.weight(1f))
                Button(onClick = { send(Event.Conversations(ConversationsEvent.Send(view.id, body))); body = "" }) { Text(stringResource(R.string.send)) }
            }
        }
        Row {
            view.otherPersonId?.let { person ->
                TextButton(onClick = { send(Event.Navigate(Route.Person(person))) }) { Text(stringResource(R.string.profile)) }
                if (view.blocked) {
                    TextButton(onClick = { send(Event.Conversations(ConversationsEvent.Unblock(person))) }) { Text(stringResource(R.string.unblock)) }
                } else {
                    TextButton(onClick = { send(Event.Conversations(ConversationsEvent.Block(person))) }) { Text(stringResource(R.string.block)) }
                }
            }
            if (view.canAddPeople) TextButton(onClick = { send(Event.Navigate(Route.PickPeople(PickPurpose.AddToConversation(view.id)))) }) { Text(stringResource(R.string.add_people)) }
            if (view.found) TextButton(onClick = { send(Event.Conversations(ConversationsEvent.Leave(view.id))) }) { Text(stringResource(R.string.leave_conversation)) }
        }
    }
}
