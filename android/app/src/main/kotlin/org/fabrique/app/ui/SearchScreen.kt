package org.fabrique.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.material3.FilterChip
import androidx.compose.material3.ListItem
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.Event
import org.fabrique.core.types.HighlightedView
import org.fabrique.core.types.ResultKind
import org.fabrique.core.types.Route
import org.fabrique.core.types.SearchEvent
import org.fabrique.core.types.SearchView

@Composable
fun SearchScreen(view: SearchView, send: Send) {
    var query by rememberSaveable { mutableStateOf(view.query) }
    LazyColumn {
        item {
            OutlinedTextField(
                value = query,
                onValueChange = { query = it; send(Event.Search(SearchEvent.Query(it, view.kind))) },
                label = { Text(stringResource(R.string.search)) },
                modifier = Modifier.fillMaxWidth().padding(8.dp),
            )
            Row(Modifier.horizontalScroll(rememberScrollState())) {
                FilterChip(selected = view.kind == null, onClick = { send(Event.Search(SearchEvent.Query(query, null))) }, label = { Text(stringResource(R.string.everything)) })
                for (kind in ResultKind.values()) {
                    FilterChip(selected = view.kind == kind, onClick = { send(Event.Search(SearchEvent.Query(query, kind))) }, label = { Text(kindLabel(kind)) })
                }
            }
            LoadingRow(view.loading)
            ErrorText(view.error)
        }
        items(view.results, key = { "${it.kind}:${it.id}" }) { result ->
            ListItem(
                headlineContent = { Text(highlighted(result.title)) },
                supportingContent = { Text(highlighted(result.snippet)) },
                overlineContent = { result.groupName?.let { Text(it) } },
                modifier = Modifier.clickable {
                    // `opensId`: an answer opens its question.
                    val route = when (result.kind) {
                        ResultKind.POST -> Route.Post(result.opensId)
                        ResultKind.QUESTION, ResultKind.ANSWER -> Route.Question(result.opensId)
                        ResultKind.GROUP -> Route.Group(result.opensId)
                        ResultKind.PERSON -> Route.Person(result.opensId)
                    }
                    send(Event.Navigate(route))
                },
            )
        }
        item {
            EmptyState(view.emptyText)
            MoreButton(view.hasMore) { send(Event.Search(SearchEvent.More)) }
        }
    }
}

@Composable
private fun kindLabel(kind: ResultKind): String = stringResource(
    when (kind) {
        ResultKind.POST -> R.string.kind_posts
        ResultKind.QUESTION -> R.string.questions
        ResultKind.ANSWER -> R.string.kind_answers
        ResultKind.GROUP -> R.string.tab_groups
        ResultKind.PERSON -> R.string.kind_people
    },
)

/** The matched words in bold: `marks` are pairs of character offsets (start, end). */
private fun highlighted(view: HighlightedView): AnnotatedString = buildAnnotatedString {
    append(view.text)
    view.marks.chunked(2).filter { it.size == 2 }.forEach { (start, end) ->
        val from = start.toInt().coerceIn(0, view.text.length)
        val to = end.toInt().coerceIn(from, view.text.length)
        addStyle(SpanStyle(fontWeight = FontWeight.Bold), from, to)
    }
}
