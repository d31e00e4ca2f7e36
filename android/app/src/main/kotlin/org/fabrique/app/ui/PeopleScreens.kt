package org.fabrique.app.ui

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
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.LinearProgressIndicator
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
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.AccountsEvent
import org.fabrique.core.types.ConversationsEvent
import org.fabrique.core.types.DataCopiesView
import org.fabrique.core.types.DirectoryView
import org.fabrique.core.types.ErasureView
import org.fabrique.core.types.Event
import org.fabrique.core.types.Language
import org.fabrique.core.types.MyProfileView
import org.fabrique.core.types.PeopleEvent
import org.fabrique.core.types.PersonView
import org.fabrique.core.types.PickPeopleView
import org.fabrique.core.types.ProfileEditorView
import org.fabrique.core.types.ProfileView
import org.fabrique.core.types.ReportWhat
import org.fabrique.core.types.Route

@Composable
fun MyProfileScreen(view: MyProfileView, send: Send) {
    Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        val editor = view.editor
        if (editor != null) {
            ProfileEditor(editor, send)
        } else {
            view.profile?.let { ProfileCard(it) }
            NotSentYet(view.pending)
            Text(view.email)
            Button(onClick = { send(Event.People(PeopleEvent.EditProfile)) }) { Text(stringResource(R.string.edit_profile)) }
        }
        OutlinedButton(onClick = { send(Event.Navigate(Route.Directory)) }) { Text(stringResource(R.string.directory)) }
        OutlinedButton(onClick = { send(Event.Navigate(Route.QuestionsForMe)) }) { Text(stringResource(R.string.questions_for_me)) }
        OutlinedButton(onClick = { send(Event.Navigate(Route.NotificationSettings)) }) { Text(stringResource(R.string.notification_settings)) }
        OutlinedButton(onClick = { send(Event.Navigate(Route.Charter)) }) { Text(stringResource(R.string.charter)) }
        Row {
            TextButton(onClick = { send(Event.SetLanguage(Language.FRENCH)) }) { Text("Français") }
            TextButton(onClick = { send(Event.SetLanguage(Language.ENGLISH)) }) { Text("English") }
        }
        MyData(view.data, send)
        TextButton(onClick = { send(Event.Accounts(AccountsEvent.SignOut)) }) { Text(stringResource(R.string.sign_out)) }
        DeleteAccount(view.erasure, send)
    }
}

/// "My data": a copy of one's data, asked for here, followed while the server prepares it,
/// then opened in the browser, which downloads the ZIP file.
@Composable
private fun MyData(data: DataCopiesView, send: Send) {
    val browser = LocalUriHandler.current
    Text(stringResource(R.string.my_data), style = MaterialTheme.typography.titleMedium)
    Text(data.explanation)
    for (copy in data.copies) {
        Text(copy.text)
        copy.progress?.let { LinearProgressIndicator(progress = { it.toFloat() / 100f }, modifier = Modifier.fillMaxWidth()) }
        copy.downloadUrl?.let { url -> Button(onClick = { browser.openUri(url) }) { Text(stringResource(R.string.download_my_data)) } }
    }
    ErrorText(data.error)
    OutlinedButton(enabled = !data.busy, onClick = { send(Event.People(PeopleEvent.AskDataCopy)) }) {
        Text(stringResource(R.string.ask_data_copy))
    }
}

/// "Delete my account": what it does, then the password again, in a dialog that stays open
/// with the core's answer (a wrong password) until it is done or cancelled.
@Composable
private fun DeleteAccount(erasure: ErasureView, send: Send) {
    var asking by rememberSaveable { mutableStateOf(false) }
    var password by remember { mutableStateOf("") }
    TextButton(onClick = { asking = true }) {
        Text(stringResource(R.string.delete_account), color = MaterialTheme.colorScheme.error)
    }
    if (asking) {
        AlertDialog(
            onDismissRequest = { if (!erasure.busy) asking = false },
            title = { Text(stringResource(R.string.delete_account)) },
            text = {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    Text(erasure.explanation)
                    OutlinedTextField(
                        value = password, onValueChange = { password = it }, label = { Text(stringResource(R.string.password)) },
                        visualTransformation = PasswordVisualTransformation(), modifier = Modifier.fillMaxWidth(),
                    )
                    ErrorText(erasure.error)
                }
            },
            confirmButton = {
                TextButton(enabled = !erasure.busy, onClick = { send(Event.Accounts(AccountsEvent.EraseAccount(password))) }) {
                    Text(stringResource(R.string.delete_account_confirm), color = MaterialTheme.colorScheme.error)
                }
            },
            dismissButton = {
                TextButton(enabled = !erasure.busy, onClick = { asking = false; password = "" }) { Text(stringResource(R.string.cancel)) }
            },
        )
    }
}

@Composable
private fun ProfileCard(profile: ProfileView) {
    Column {
        Text(profile.displayName, style = MaterialTheme.typography.headlineSmall)
        Text(listOf(profile.function, profile.organisationName).filter { it.isNotEmpty() }.joinToString(" · "))
        if (profile.skills.isNotEmpty()) Text(stringResource(R.string.skills) + " : " + profile.skills.joinToString(", "))
        if (profile.interests.isNotEmpty()) Text(stringResource(R.string.interests) + " : " + profile.interests.joinToString(", "))
        if (profile.bio.isNotEmpty()) Text(profile.bio)
    }
}

@Composable
private fun ProfileEditor(editor: ProfileEditorView, send: Send) {
    var name by remember { mutableStateOf(editor.displayName) }
    var function by remember { mutableStateOf(editor.function) }
    var bio by remember { mutableStateOf(editor.bio) }
    var skills by remember { mutableStateOf(editor.skills.joinToString(", ")) }
    var interests by remember { mutableStateOf(editor.interests.joinToString(", ")) }
    var visible by remember { mutableStateOf(editor.federationVisible) }
    OutlinedTextField(value = name, onValueChange = { name = it }, label = { Text(stringResource(R.string.your_name)) }, modifier = Modifier.fillMaxWidth())
    OutlinedTextField(value = function, onValueChange = { function = it }, label = { Text(stringResource(R.string.function)) }, modifier = Modifier.fillMaxWidth())
    OutlinedTextField(value = skills, onValueChange = { skills = it }, label = { Text(stringResource(R.string.skills)) }, modifier = Modifier.fillMaxWidth())
    OutlinedTextField(value = interests, onValueChange = { interests = it }, label = { Text(stringResource(R.string.interests)) }, modifier = Modifier.fillMaxWidth())
    OutlinedTextField(value = bio, onValueChange = { bio = it }, label = { Text(stringResource(R.string.bio)) }, minLines = 3, modifier = Modifier.fillMaxWidth())
    Row(verticalAlignment = Alignment.CenterVertically) {
        Switch(checked = visible, onCheckedChange = { visible = it })
        Text(stringResource(R.string.visible_to_federation))
    }
    ErrorText(editor.error)
    Row {
        TextButton(onClick = { send(Event.People(PeopleEvent.CancelEdit)) }) { Text(stringResource(R.string.cancel)) }
        Button(onClick = {
            val list = { text: String -> text.split(',').map { it.trim() }.filter { it.isNotEmpty() } }
            send(Event.People(PeopleEvent.SaveProfile(name, function, bio, list(skills), list(interests), visible)))
        }) { Text(stringResource(R.string.save)) }
    }
}

@Composable
fun PersonScreen(view: PersonView, send: Send) {
    Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        LoadingRow(view.loading)
        ErrorText(view.error)
        view.profile?.let { ProfileCard(it) }
        if (view.canWrite) Button(onClick = { send(Event.Conversations(ConversationsEvent.WriteTo(view.id))) }) { Text(stringResource(R.string.write)) }
        if (view.canBlock && !view.blocked) TextButton(onClick = { send(Event.Conversations(ConversationsEvent.Block(view.id))) }) { Text(stringResource(R.string.block)) }
        if (view.blocked) TextButton(onClick = { send(Event.Conversations(ConversationsEvent.Unblock(view.id))) }) { Text(stringResource(R.string.unblock)) }
        TextButton(onClick = { send(Event.Navigate(Route.Report(ReportWhat.PERSON, view.id))) }) { Text(stringResource(R.string.report)) }
    }
}

@Composable
fun DirectoryScreen(view: DirectoryView, send: Send) {
    var query by rememberSaveable { mutableStateOf(view.query) }
    var skill by rememberSaveable { mutableStateOf(view.skill) }
    LazyColumn {
        item {
            OutlinedTextField(
                value = query,
                onValueChange = { query = it; send(Event.People(PeopleEvent.Directory(it, skill, view.organisationId))) },
                label = { Text(stringResource(R.string.search_people)) },
                modifier = Modifier.fillMaxWidth().padding(8.dp),
            )
            OutlinedTextField(
                value = skill,
                onValueChange = { skill = it; send(Event.People(PeopleEvent.Directory(query, it, view.organisationId))) },
                label = { Text(stringResource(R.string.skill)) },
                modifier = Modifier.fillMaxWidth().padding(8.dp),
            )
            LoadingRow(view.loading)
            ErrorText(view.error)
        }
        items(view.people, key = { it.id }) { person ->
            ListItem(
                headlineContent = { Text(person.displayName) },
                supportingContent = { Text(listOf(person.function, person.organisationName).filter { it.isNotEmpty() }.joinToString(" · ")) },
                modifier = Modifier.clickable { send(Event.Navigate(Route.Person(person.id))) },
            )
        }
        item {
            EmptyState(view.emptyText)
            MoreButton(view.hasMore) { send(Event.People(PeopleEvent.DirectoryMore)) }
        }
    }
}

/**
 * Choosing people from the directory: to invite into a group, to start a conversation with
 * several people, or to add people to one. The core says who cannot be chosen, and why.
 */
@Composable
fun PickPeopleScreen(view: PickPeopleView, send: Send) {
    var query by rememberSaveable { mutableStateOf(view.query) }
    var title by rememberSaveable { mutableStateOf("") }
    LazyColumn(Modifier.padding(horizontal = 8.dp)) {
        item {
            Text(view.title, style = MaterialTheme.typography.headlineSmall)
            Text(view.hint)
            OutlinedTextField(
                value = query,
                onValueChange = { query = it; send(Event.People(PeopleEvent.Directory(it, "", null))) },
                label = { Text(stringResource(R.string.search_people)) },
                modifier = Modifier.fillMaxWidth(),
            )
            if (view.chosen.isNotEmpty()) Text(view.chosen.joinToString(", "), style = MaterialTheme.typography.titleSmall)
            if (view.asksTitle) {
                OutlinedTextField(value = title, onValueChange = { title = it }, label = { Text(stringResource(R.string.conversation_title)) }, modifier = Modifier.fillMaxWidth())
            }
            Button(onClick = { send(Event.People(PeopleEvent.PickConfirm(title))) }, enabled = view.canConfirm) { Text(view.confirmLabel) }
            LoadingRow(view.loading)
            ErrorText(view.error)
        }
        items(view.people, key = { it.id }) { person ->
            ListItem(
                headlineContent = { Text(person.displayName) },
                supportingContent = { Text(listOfNotNull(person.detail.ifEmpty { null }, person.unavailable).joinToString(" · ")) },
                leadingContent = {
                    Checkbox(
                        checked = person.chosen,
                        onCheckedChange = { send(Event.People(PeopleEvent.PickToggle(person.id, person.displayName))) },
                        enabled = person.unavailable == null,
                    )
                },
                modifier = Modifier.clickable(enabled = person.unavailable == null) {
                    send(Event.People(PeopleEvent.PickToggle(person.id, person.displayName)))
                },
            )
        }
        item {
            EmptyState(view.emptyText)
            MoreButton(view.hasMore) { send(Event.People(PeopleEvent.DirectoryMore)) }
        }
    }
}
