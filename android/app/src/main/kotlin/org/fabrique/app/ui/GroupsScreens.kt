package org.fabrique.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
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
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.BrowseView
import org.fabrique.core.types.ComposerEvent
import org.fabrique.core.types.ComposerTarget
import org.fabrique.core.types.Event
import org.fabrique.core.types.EventsEvent
import org.fabrique.core.types.GroupRelation
import org.fabrique.core.types.GroupSummary
import org.fabrique.core.types.GroupView
import org.fabrique.core.types.GroupsEvent
import org.fabrique.core.types.ModerationEvent
import org.fabrique.core.types.MyGroupsView
import org.fabrique.core.types.PickPurpose
import org.fabrique.core.types.PollView
import org.fabrique.core.types.PollsEvent
import org.fabrique.core.types.QuestionsEvent
import org.fabrique.core.types.Route

@Composable
fun MyGroupsScreen(view: MyGroupsView, send: Send) {
    LazyColumn {
        item {
            TextButton(onClick = { send(Event.Navigate(Route.BrowseGroups)) }) { Text(stringResource(R.string.browse_groups)) }
        }
        items(view.groups, key = { it.id }) { group -> GroupRow(group, send) }
        item { EmptyState(view.emptyText) }
        view.suggestionsTitle?.let { title ->
            item { Text(title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(8.dp)) }
        }
        items(view.suggestions, key = { "suggested-" + it.id }) { group ->
            ListItem(
                headlineContent = { Text(group.name) },
                supportingContent = { Text(group.description, maxLines = 2) },
                trailingContent = {
                    // One tap: a public group is joined, a private one asked.
                    if (group.private) {
                        OutlinedButton(onClick = { send(Event.Groups(GroupsEvent.AskToJoin(group.id, ""))) }) { Text(stringResource(R.string.ask_to_join)) }
                    } else {
                        Button(onClick = { send(Event.Groups(GroupsEvent.Join(group.id))) }) { Text(stringResource(R.string.join)) }
                    }
                },
                modifier = Modifier.clickable { send(Event.Navigate(Route.Group(group.id))) },
            )
        }
    }
}

@Composable
private fun GroupRow(group: GroupSummary, send: Send) {
    ListItem(
        headlineContent = { Text(group.name) },
        supportingContent = {
            if (group.relation == GroupRelation.INVITED) Text(stringResource(R.string.invited_group))
            else Text(stringResource(R.string.members_count, group.memberCount.toInt()) + if (group.private) " · " + stringResource(R.string.private_group) else "")
        },
        modifier = Modifier.clickable { send(Event.Navigate(Route.Group(group.id))) },
    )
}

@Composable
fun BrowseGroupsScreen(view: BrowseView, send: Send) {
    var query by rememberSaveable { mutableStateOf(view.query) }
    LazyColumn {
        item {
            OutlinedTextField(
                value = query,
                onValueChange = { query = it; send(Event.Groups(GroupsEvent.Search(it))) },
                label = { Text(stringResource(R.string.search_groups)) },
                modifier = Modifier.fillMaxWidth().padding(8.dp),
            )
            LoadingRow(view.loading)
            ErrorText(view.error)
        }
        items(view.groups, key = { it.id }) { group -> GroupRow(group, send) }
        item {
            EmptyState(view.emptyText)
            MoreButton(view.hasMore) { send(Event.Groups(GroupsEvent.MoreResults)) }
        }
    }
}

@Composable
fun GroupScreen(view: GroupView, authorization: String?, send: Send) {
    LazyColumn(Modifier.padding(horizontal = 8.dp)) {
        item {
            LoadingRow(view.loading)
            ErrorText(view.error)
            view.group?.let { group ->
                Text(group.name, style = MaterialTheme.typography.headlineSmall)
                Text(group.description)
            }
            view.invitedText?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                if (view.canJoin) Button(onClick = { send(Event.Groups(GroupsEvent.Join(view.id))) }) { Text(stringResource(R.string.join)) }
                if (view.canAskToJoin) Button(onClick = { send(Event.Groups(GroupsEvent.AskToJoin(view.id, ""))) }) { Text(stringResource(R.string.ask_to_join)) }
                if (view.canFollow) OutlinedButton(onClick = { send(Event.Groups(GroupsEvent.Follow(view.id))) }) { Text(stringResource(R.string.follow)) }
                if (view.canUnfollow) OutlinedButton(onClick = { send(Event.Groups(GroupsEvent.Unfollow(view.id))) }) { Text(stringResource(R.string.unfollow)) }
            }
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                if (view.canPost) Button(onClick = { send(Event.Composer(ComposerEvent.Open(ComposerTarget.NewPost(view.id)))) }) { Text(stringResource(R.string.write_post)) }
                if (view.canAsk) OutlinedButton(onClick = { send(Event.Questions(QuestionsEvent.StartAsk(view.id))) }) { Text(stringResource(R.string.ask_question)) }
            }
            if (view.canOrganise) {
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    OutlinedButton(onClick = { send(Event.Events(EventsEvent.StartCreate(view.id))) }) { Text(stringResource(R.string.new_event)) }
                    OutlinedButton(onClick = { send(Event.Events(EventsEvent.MessageGroup(view.id))) }) { Text(stringResource(R.string.message_members)) }
                }
                NewPoll(view.id, send)
            }
            if (view.canInvite) {
                OutlinedButton(onClick = { send(Event.Navigate(Route.PickPeople(PickPurpose.InviteToGroup(view.id)))) }) { Text(stringResource(R.string.invite_people)) }
            }
            view.joinRequestsHint?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
        }
        items(view.joinRequests, key = { "request-" + it.personId }) { request ->
            Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                Column(Modifier.padding(12.dp)) {
                    Text(request.displayName, style = MaterialTheme.typography.titleSmall)
                    Text(request.whenText, style = MaterialTheme.typography.bodySmall)
                    if (request.message.isNotEmpty()) Text(request.message)
                    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        Button(onClick = { send(Event.Groups(GroupsEvent.DecideJoinRequest(view.id, request.personId, true))) }) { Text(stringResource(R.string.accept)) }
                        OutlinedButton(onClick = { send(Event.Groups(GroupsEvent.DecideJoinRequest(view.id, request.personId, false))) }) { Text(stringResource(R.string.refuse)) }
                    }
                }
            }
        }
        items(view.polls, key = { it.id }) { poll -> PollCard(poll, send) }
        if (view.events.isNotEmpty()) {
            item { Text(stringResource(R.string.tab_events), style = MaterialTheme.typography.titleMedium) }
            items(view.events, key = { it.id }) { event -> EventRow(event, send) }
        }
        if (view.questions.isNotEmpty()) {
            item { Text(stringResource(R.string.questions), style = MaterialTheme.typography.titleMedium) }
            items(view.questions, key = { it.id }) { question -> QuestionRow(question, send) }
        }
        item {
            view.reportsHint?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
        }
        items(view.reports, key = { it.caseId }) { report ->
            Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                Column(Modifier.padding(12.dp)) {
                    Text(report.title, style = MaterialTheme.typography.titleSmall)
                    Text(report.excerpt)
                    Text(report.reasons, style = MaterialTheme.typography.bodySmall)
                    var reason by remember { mutableStateOf("") }
                    OutlinedTextField(value = reason, onValueChange = { reason = it }, label = { Text(stringResource(R.string.decision_reason)) })
                    Row {
                        for (option in view.reportDecisions) {
                            TextButton(onClick = { send(Event.Moderation(ModerationEvent.DecideReport(report.caseId, option.decision, reason))) }) { Text(option.label) }
                        }
                    }
                }
            }
        }
        items(view.posts, key = { it.id }) { post -> PostCard(post, authorization, send) }
        item {
            EmptyState(view.emptyText)
            MoreButton(view.hasMorePosts) { send(Event.Groups(GroupsEvent.MorePosts)) }
            if (view.canLeave) TextButton(onClick = { send(Event.Groups(GroupsEvent.Leave(view.id))) }) { Text(stringResource(R.string.leave_group)) }
        }
    }
}

/** A poll: choose (one or several), see the counts when they show, close early if one runs the group. */
@Composable
private fun PollCard(poll: PollView, send: Send) {
    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text(poll.question, style = MaterialTheme.typography.titleMedium)
            Text(stringResource(if (poll.closed) R.string.poll_closed_on else R.string.poll_closes_on, poll.closesWhen), style = MaterialTheme.typography.bodySmall)
            Text(poll.authorName, style = MaterialTheme.typography.bodySmall)
            NotSentYet(poll.pending)
            val chosen = poll.options.filter { it.chosen }.map { it.index }
            for (option in poll.options) {
                Row(verticalAlignment = Alignment.CenterVertically) {
                    val toggle = {
                        val choices = when {
                            !poll.multiple -> listOf(option.index)
                            option.chosen -> chosen - option.index
                            else -> chosen + option.index
                        }
                        send(Event.Polls(PollsEvent.Vote(poll.id, choices)))
                    }
                    if (poll.multiple) {
                        Checkbox(checked = option.chosen, onCheckedChange = { toggle() }, enabled = poll.canVote)
                    } else {
                        RadioButton(selected = option.chosen, onClick = toggle, enabled = poll.canVote)
                    }
                    Text(option.text, Modifier.weight(1f))
                    option.votes?.let { Text("$it") }
                }
                if (option.voters.isNotEmpty()) Text(option.voters.joinToString(", "), style = MaterialTheme.typography.bodySmall)
            }
            poll.resultsHint?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            if (poll.canClose) TextButton(onClick = { send(Event.Polls(PollsEvent.Close(poll.id))) }) { Text(stringResource(R.string.close_poll)) }
        }
    }
}

/** Organisers: a new poll (the core checks the question, the options and the date). */
@Composable
private fun NewPoll(groupId: String, send: Send) {
    var expanded by remember { mutableStateOf(false) }
    var question by remember { mutableStateOf("") }
    var options by remember { mutableStateOf("") }
    var closesAt by remember { mutableStateOf("") }
    var multiple by remember { mutableStateOf(false) }
    var anonymous by remember { mutableStateOf(false) }
    var afterVoting by remember { mutableStateOf(true) }
    if (!expanded) {
        OutlinedButton(onClick = { expanded = true }) { Text(stringResource(R.string.new_poll)) }
        return
    }
    Column(verticalArrangement = Arrangement.spacedBy(6.dp)) {
        OutlinedTextField(value = question, onValueChange = { question = it }, label = { Text(stringResource(R.string.poll_question)) }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(value = options, onValueChange = { options = it }, label = { Text(stringResource(R.string.poll_options)) }, minLines = 3, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(value = closesAt, onValueChange = { closesAt = it }, label = { Text(stringResource(R.string.poll_closes_at)) }, modifier = Modifier.fillMaxWidth())
        Row(verticalAlignment = Alignment.CenterVertically) { Checkbox(multiple, { multiple = it }); Text(stringResource(R.string.poll_multiple)) }
        Row(verticalAlignment = Alignment.CenterVertically) { Checkbox(anonymous, { anonymous = it }); Text(stringResource(R.string.poll_anonymous)) }
        Row(verticalAlignment = Alignment.CenterVertically) { Checkbox(afterVoting, { afterVoting = it }); Text(stringResource(R.string.poll_results_after_voting)) }
        Row {
            TextButton(onClick = { expanded = false }) { Text(stringResource(R.string.cancel)) }
            Button(onClick = {
                send(Event.Polls(PollsEvent.Create(groupId, question, options.lines(), multiple, anonymous, afterVoting, closesAt)))
                expanded = false
            }) { Text(stringResource(R.string.send)) }
        }
    }
}
