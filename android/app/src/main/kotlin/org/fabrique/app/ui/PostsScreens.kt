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
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.ModalBottomSheet
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.delay
import org.fabrique.app.R
import org.fabrique.core.types.CommentView
import org.fabrique.core.types.ComposerEvent
import org.fabrique.core.types.ComposerTarget
import org.fabrique.core.types.ComposerView
import org.fabrique.core.types.Event
import org.fabrique.core.types.FeedEvent
import org.fabrique.core.types.FeedView
import org.fabrique.core.types.PostSummary
import org.fabrique.core.types.PostView
import org.fabrique.core.types.PostsEvent
import org.fabrique.core.types.ReactionCount
import org.fabrique.core.types.ReportWhat
import org.fabrique.core.types.Route
import org.fabrique.core.types.ViewModel

@Composable
fun FeedScreen(view: FeedView, model: ViewModel, send: Send) {
    LazyColumn(Modifier.fillMaxWidth()) {
        items(view.pinned, key = { "must-read-" + it.id }) { card -> PinnedMustRead(card, send) }
        items(view.items, key = { it.id }) { post -> PostCard(post, model.mediaAuthorization, send) }
        item {
            EmptyState(view.emptyText)
            MoreButton(view.hasMore) { send(Event.Feed(FeedEvent.MORE)) }
        }
    }
}

@Composable
fun PostCard(post: PostSummary, authorization: String?, send: Send) {
    Card(
        Modifier.fillMaxWidth().padding(8.dp).clickable { send(Event.Navigate(Route.Post(post.id))) },
    ) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(listOf(post.authorName, post.groupName, post.whenText).filter { it.isNotEmpty() }.joinToString(" · "), style = MaterialTheme.typography.labelLarge)
            if (post.title.isNotEmpty()) Text(post.title, style = MaterialTheme.typography.titleMedium)
            Text(post.body, style = MaterialTheme.typography.bodyLarge)
            Attachments(post.attachments, authorization, send)
            PendingFiles(post.pendingFiles)
            post.pendingLabel?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            Reactions(post.id, post.reactions, send)
            Text(post.commentsLabel, style = MaterialTheme.typography.bodySmall)
        }
    }
}

@Composable
fun Reactions(targetId: String, reactions: List<ReactionCount>, send: Send) {
    Row(horizontalArrangement = Arrangement.spacedBy(4.dp)) {
        for (reaction in reactions) {
            FilterChip(
                selected = reaction.mine,
                onClick = {
                    val event = if (reaction.mine) PostsEvent.Unreact(targetId, reaction.emoji) else PostsEvent.React(targetId, reaction.emoji)
                    send(Event.Posts(event))
                },
                label = { Text("${reaction.emoji} ${reaction.count}") },
            )
        }
        if (reactions.none { it.emoji == "👍" }) {
            TextButton(onClick = { send(Event.Posts(PostsEvent.React(targetId, "👍"))) }) { Text("👍") }
        }
    }
}

@Composable
fun PostScreen(view: PostView, model: ViewModel, send: Send) {
    Column(Modifier.verticalScroll(rememberScrollState()).padding(8.dp)) {
        LoadingRow(view.loading)
        ErrorText(view.error)
        view.post?.let { post ->
            PostCard(post, model.mediaAuthorization, send)
            Row {
                if (post.canEdit) TextButton(onClick = { send(Event.Composer(ComposerEvent.Open(ComposerTarget.EditPost(post.id)))) }) { Text(stringResource(R.string.edit)) }
                if (post.canDelete) TextButton(onClick = { send(Event.Posts(PostsEvent.Delete(post.id))) }) { Text(stringResource(R.string.delete)) }
                if (post.canReport) TextButton(onClick = { send(Event.Navigate(Route.Report(ReportWhat.POST, post.id))) }) { Text(stringResource(R.string.report)) }
            }
        }
        for (comment in view.comments) CommentRow(comment, send)
        EmptyState(view.emptyText)
        if (view.canComment) {
            Button(onClick = { send(Event.Composer(ComposerEvent.Open(ComposerTarget.NewComment(view.id)))) }) { Text(stringResource(R.string.comment)) }
        }
    }
}

@Composable
private fun CommentRow(comment: CommentView, send: Send) {
    Column(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Text(listOf(comment.authorName, comment.whenText).filter { it.isNotEmpty() }.joinToString(" · "), style = MaterialTheme.typography.labelLarge)
        Text(comment.body)
        comment.pendingLabel?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        Reactions(comment.id, comment.reactions, send)
        Row {
            if (comment.canEdit) TextButton(onClick = { send(Event.Composer(ComposerEvent.Open(ComposerTarget.EditComment(comment.id)))) }) { Text(stringResource(R.string.edit)) }
            if (comment.canDelete) TextButton(onClick = { send(Event.Posts(PostsEvent.DeleteComment(comment.id))) }) { Text(stringResource(R.string.delete)) }
            if (comment.canReport) TextButton(onClick = { send(Event.Navigate(Route.Report(ReportWhat.COMMENT, comment.id))) }) { Text(stringResource(R.string.report)) }
        }
    }
}

/** The form for a post, a comment or an answer; the draft is handed to the core as it is typed. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ComposerSheet(view: ComposerView, model: ViewModel, send: Send, pickFile: () -> Unit) {
    var title by remember(view.target) { mutableStateOf(view.title) }
    var body by remember(view.target) { mutableStateOf(view.body) }
    LaunchedEffect(title, body) {
        // Kept on the phone a second after typing stops; at once while a name is typed after
        // "@", so the core can offer the group's members.
        delay(if (body.substringAfterLast('\n').contains('@')) 150 else 1000)
        send(Event.Composer(ComposerEvent.DraftChanged(title, body)))
    }
    ModalBottomSheet(onDismissRequest = { send(Event.Composer(ComposerEvent.Cancel)) }) {
        Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            if (view.hasTitle) {
                OutlinedTextField(value = title, onValueChange = { title = it }, label = { Text(stringResource(R.string.title)) }, modifier = Modifier.fillMaxWidth())
            }
            OutlinedTextField(value = body, onValueChange = { body = it }, label = { Text(stringResource(R.string.your_text)) }, minLines = 4, modifier = Modifier.fillMaxWidth())
            // "@" and the start of a name: the group's members who match, one tap to name them.
            for (candidate in view.mentionCandidates) {
                TextButton(onClick = {
                    body = candidate.text
                    send(Event.Composer(ComposerEvent.DraftChanged(title, candidate.text)))
                }) { Text("@" + candidate.displayName) }
            }
            ErrorText(view.error)
            FormFiles(model.formFiles, model.canAttach, send, pickFile)
            Row {
                TextButton(onClick = { send(Event.Composer(ComposerEvent.Cancel)) }) { Text(stringResource(R.string.cancel)) }
                Button(onClick = { send(Event.Composer(ComposerEvent.Submit(title, body))) }) { Text(stringResource(R.string.send)) }
            }
        }
    }
}
