package org.fabrique.app.ui

import android.content.res.Configuration
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.DateRange
import androidx.compose.material.icons.filled.Email
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Notifications
import androidx.compose.material.icons.filled.Person
import androidx.compose.material.icons.filled.Search
import androidx.compose.material.icons.filled.Star
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Badge
import androidx.compose.material3.BadgedBox
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalConfiguration
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import java.util.Locale
import org.fabrique.app.R
import org.fabrique.core.types.Event
import org.fabrique.core.types.Language
import org.fabrique.core.types.Route
import org.fabrique.core.types.Screen
import org.fabrique.core.types.ViewModel

/**
 * The whole app: the core's screen, with the tabs, the status banner, the forms that open
 * over a screen and the notice. One composable per screen; each sends events, none decides.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun FabriqueRoot(view: ViewModel, send: Send, pickFile: () -> Unit) {
    // The app's own labels in the language chosen in the app, like the core's sentences.
    val context = LocalContext.current
    val localized = remember(view.language, context) {
        val locale = if (view.language == Language.FRENCH) Locale.FRENCH else Locale.ENGLISH
        context.createConfigurationContext(Configuration(context.resources.configuration).apply { setLocale(locale) })
    }
    CompositionLocalProvider(LocalContext provides localized, LocalConfiguration provides localized.resources.configuration) {
        Screens(view, send, pickFile)
    }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
private fun Screens(view: ViewModel, send: Send, pickFile: () -> Unit) {
    val screen = view.screen
    if (screen is Screen.Loading) return LoadingScreen()
    if (screen is Screen.Federation) return FederationScreen(screen.value, send)
    if (screen is Screen.SignIn) return SignInScreen(screen.value, send)
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(R.string.app_name)) },
                navigationIcon = {
                    if (view.canGoBack) {
                        IconButton(onClick = { send(Event.Back) }) {
                            Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = stringResource(R.string.back))
                        }
                    }
                },
                actions = {
                    IconButton(onClick = { send(Event.Navigate(Route.Search)) }) {
                        Icon(Icons.Filled.Search, contentDescription = stringResource(R.string.search))
                    }
                    IconButton(onClick = { send(Event.Navigate(Route.Notifications)) }) {
                        BadgedBox(badge = { if (view.unreadNotifications > 0u) Badge { Text("${view.unreadNotifications}") } }) {
                            Icon(Icons.Filled.Notifications, contentDescription = stringResource(R.string.notifications))
                        }
                    }
                },
            )
        },
        bottomBar = {
            NavigationBar {
                Tab(screen is Screen.Feed, Icons.Filled.Home, R.string.tab_feed) { send(Event.Navigate(Route.Feed)) }
                Tab(screen is Screen.MyGroups, Icons.Filled.Star, R.string.tab_groups) { send(Event.Navigate(Route.MyGroups)) }
                Tab(screen is Screen.Events, Icons.Filled.DateRange, R.string.tab_events) { send(Event.Navigate(Route.Events)) }
                Tab(screen is Screen.Conversations, Icons.Filled.Email, R.string.tab_messages, badge = view.unreadMessages) {
                    send(Event.Navigate(Route.Conversations))
                }
                Tab(screen is Screen.MyProfile, Icons.Filled.Person, R.string.tab_profile) { send(Event.Navigate(Route.MyProfile)) }
            }
        },
    ) { padding ->
        Column(Modifier.fillMaxSize().padding(padding)) {
            StatusBanner(view.status, send)
            view.charterPrompt?.let { prompt ->
                TextButton(onClick = { send(Event.Navigate(Route.Charter)) }) { Text(prompt) }
            }
            // Pull down to sync now; the same indicator shows while any sync runs.
            PullToRefreshBox(isRefreshing = view.status.syncing, onRefresh = { send(Event.Refresh) }) {
            when (screen) {
                is Screen.Feed -> FeedScreen(screen.value, view, send)
                is Screen.MyGroups -> MyGroupsScreen(screen.value, send)
                is Screen.BrowseGroups -> BrowseGroupsScreen(screen.value, send)
                is Screen.Group -> GroupScreen(screen.value, view.mediaAuthorization, send)
                is Screen.Post -> PostScreen(screen.value, view, send)
                is Screen.MyProfile -> MyProfileScreen(screen.value, send)
                is Screen.Person -> PersonScreen(screen.value, send)
                is Screen.QuestionsForMe -> QuestionsForMeScreen(screen.value, send)
                is Screen.Question -> QuestionScreen(screen.value, view, send)
                is Screen.Search -> SearchScreen(screen.value, send)
                is Screen.Directory -> DirectoryScreen(screen.value, send)
                is Screen.Notifications -> NotificationsScreen(screen.value, send)
                is Screen.NotificationSettings -> NotificationSettingsScreen(screen.value, send)
                is Screen.Events -> EventsScreen(screen.value, send)
                is Screen.Event -> EventScreen(screen.value, view, send)
                is Screen.Calendar -> CalendarScreen(screen.value, send)
                is Screen.Charter -> CharterScreen(screen.value, send)
                is Screen.Report -> ReportScreen(screen.value, send)
                is Screen.Conversations -> ConversationsScreen(screen.value, send)
                is Screen.Conversation -> ConversationScreen(screen.value, view, send, pickFile)
                is Screen.MustRead -> MustReadScreen(screen.value, send)
                is Screen.PickPeople -> PickPeopleScreen(screen.value, send)
                is Screen.Loading, is Screen.Federation, is Screen.SignIn -> Unit
            }
            }
        }
    }
    view.composer?.let { ComposerSheet(it, view, send, pickFile) }
    view.ask?.let { AskSheet(it, view, send, pickFile) }
    view.eventForm?.let { EventFormSheet(it, view, send, pickFile) }
    view.message?.let { MessageSheet(it, send) }
    view.notice?.let { notice ->
        AlertDialog(
            onDismissRequest = { send(Event.DismissNotice) },
            confirmButton = { TextButton(onClick = { send(Event.DismissNotice) }) { Text(stringResource(R.string.understood)) } },
            text = { Text(notice) },
        )
    }
}

@Composable
private fun androidx.compose.foundation.layout.RowScope.Tab(
    selected: Boolean,
    icon: androidx.compose.ui.graphics.vector.ImageVector,
    label: Int,
    badge: UInt = 0u,
    onClick: () -> Unit,
) {
    NavigationBarItem(
        selected = selected,
        onClick = onClick,
        icon = {
            BadgedBox(badge = { if (badge > 0u) Badge { Text("$badge") } }) {
                Icon(icon, contentDescription = null)
            }
        },
        label = { Text(stringResource(label)) },
    )
}
