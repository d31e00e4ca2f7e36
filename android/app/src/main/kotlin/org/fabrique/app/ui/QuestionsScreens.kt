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
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.ModalBottomSheet
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.AskView
import org.fabrique.core.types.ComposerEvent
import org.fabrique.core.types.ComposerTarget
import org.fabrique.core.types.Event
import org.fabrique.core.types.QuestionSummary
import org.fabrique.core.types.QuestionView
import org.fabrique.core.types.QuestionsEvent
import org.fabrique.core.types.QuestionsForMeView
import org.fabrique.core.types.ReportWhat
import org.fabrique.core.types.Route
import org.fabrique.core.types.ViewModel

@Composable
fun QuestionRow(question: QuestionSummary, send: Send) {
    ListItem(
        headlineContent = { Text(question.title) },
        supportingContent = {
            Text(listOfNotNull(question.authorName, question.groupNames.joinToString(", "), question.pendingLabel).joinToString(" · "))
        },
        trailingContent = { Text(question.answersLabel) },
        modifier = Modifier.clickable { send(Event.Navigate(Route.Question(question.id))) },
    )
}

@Composable
fun QuestionsForMeScreen(view: QuestionsForMeView, send: Send) {
    LazyColumn {
        item { LoadingRow(view.loading); ErrorText(view.error) }
        items(view.items, key = { it.id }) { question -> QuestionRow(question, send) }
        item {
            EmptyState(view.emptyText)
            MoreButton(view.hasMore) { send(Event.Questions(QuestionsEvent.MoreForMe)) }
        }
    }
}

@Composable
fun QuestionScreen(view: QuestionView, model: ViewModel, send: Send) {
    Column(Modifier.padding(12.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        LoadingRow(view.loading)
        ErrorText(view.error)
        view.question?.let { question ->
            Text(question.title, style = MaterialTheme.typography.headlineSmall)
            Text(question.details)
            Attachments(view.attachments, model.mediaAuthorization, send)
            Row {
                val follow = if (question.following) QuestionsEvent.Unfollow(question.id) else QuestionsEvent.Follow(question.id)
                TextButton(onClick = { send(Event.Questions(follow)) }) {
                    Text(stringResource(if (question.following) R.string.unfollow else R.string.follow))
                }
                if (view.canDelete) TextButton(onClick = { send(Event.Questions(QuestionsEvent.DeleteQuestion(question.id))) }) { Text(stringResource(R.string.delete)) }
                TextButton(onClick = { send(Event.Navigate(Route.Report(ReportWhat.QUESTION, question.id))) }) { Text(stringResource(R.string.report)) }
            }
        }
        for (answer in view.answers) {
            Card(Modifier.fillMaxWidth()) {
                Column(Modifier.padding(12.dp)) {
                    Text(answer.authorName + if (answer.accepted) " · ✓ " + stringResource(R.string.accepted) else "", style = MaterialTheme.typography.labelLarge)
                    Text(answer.body)
                    answer.pendingLabel?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                    for (comment in answer.comments) Text(comment, style = MaterialTheme.typography.bodySmall)
                    Row {
                        if (view.canAccept && !answer.accepted) TextButton(onClick = { send(Event.Questions(QuestionsEvent.Accept(view.id, answer.id))) }) { Text(stringResource(R.string.accept_answer)) }
                        TextButton(onClick = { send(Event.Composer(ComposerEvent.Open(ComposerTarget.NewAnswerComment(answer.id)))) }) { Text(stringResource(R.string.comment)) }
                        if (answer.canDelete) TextButton(onClick = { send(Event.Questions(QuestionsEvent.DeleteAnswer(answer.id))) }) { Text(stringResource(R.string.delete)) }
                        TextButton(onClick = { send(Event.Navigate(Route.Report(ReportWhat.ANSWER, answer.id))) }) { Text(stringResource(R.string.report)) }
                    }
                }
            }
        }
        EmptyState(view.emptyText)
        if (view.canAnswer) Button(onClick = { send(Event.Composer(ComposerEvent.Open(ComposerTarget.NewAnswer(view.id)))) }) { Text(stringResource(R.string.answer)) }
    }
}

/** Asking: answered questions like this one are suggested while the title is typed. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun AskSheet(view: AskView, model: ViewModel, send: Send, pickFile: () -> Unit) {
    var title by remember { mutableStateOf(view.title) }
    var details by remember { mutableStateOf(view.details) }
    var tags by remember { mutableStateOf(view.tags.joinToString(", ")) }
    val changed = {
        val list = tags.split(',').map { it.trim() }.filter { it.isNotEmpty() }
        send(Event.Questions(QuestionsEvent.AskChanged(view.groupIds, title, details, list)))
    }
    ModalBottomSheet(onDismissRequest = { send(Event.Questions(QuestionsEvent.CancelAsk)) }) {
        Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(view.groupNames.joinToString(", "), style = MaterialTheme.typography.labelLarge)
            OutlinedTextField(value = title, onValueChange = { title = it; changed() }, label = { Text(stringResource(R.string.your_question)) }, modifier = Modifier.fillMaxWidth())
            view.suggestionsLabel?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
            for (suggestion in view.suggestions) QuestionRow(suggestion, send)
            OutlinedTextField(value = details, onValueChange = { details = it; changed() }, label = { Text(stringResource(R.string.details)) }, minLines = 3, modifier = Modifier.fillMaxWidth())
            OutlinedTextField(value = tags, onValueChange = { tags = it; changed() }, label = { Text(stringResource(R.string.tags)) }, modifier = Modifier.fillMaxWidth())
            FormFiles(model.formFiles, model.canAttach, send, pickFile)
            ErrorText(view.error)
            Row {
                TextButton(onClick = { send(Event.Questions(QuestionsEvent.CancelAsk)) }) { Text(stringResource(R.string.cancel)) }
                Button(onClick = { changed(); send(Event.Questions(QuestionsEvent.SubmitAsk)) }) { Text(stringResource(R.string.send)) }
            }
        }
    }
}
