import QuickLook
import SwiftUI
import SharedTypes

/// The whole app: the core's screen, with the tabs, the status banner, the forms that open
/// over a screen and the notice. One view per screen; each sends events, none decides.
/// The views here are on the main actor, as the `Core` they send to.
@MainActor
struct RootView: View {
    let core: Core
    @State private var preview: URL?

    var body: some View {
        if let view = core.view {
            // The app's own labels in the language chosen in the app, like the core's sentences.
            content(view).environment(\.locale, Locale(identifier: view.language == .french ? "fr" : "en"))
        } else {
            ProgressView()
        }
    }

    @ViewBuilder
    private func content(_ view: ViewModel) -> some View {
        let send: (Event) -> Void = { core.send($0) }
        switch view.screen {
        case .loading:
            ProgressView().accessibilityLabel(Text("loading"))
        case .federation(let federation):
            FederationScreen(view: federation, send: send)
        case .signIn(let signIn):
            SignInScreen(view: signIn, send: send)
        default:
            NavigationStack {
                VStack(spacing: 0) {
                    StatusBanner(status: view.status, send: send)
                    if let prompt = view.charterPrompt {
                        Button(prompt) { send(.navigate(.charter)) }.padding(.horizontal)
                    }
                    ScreenView(view: view, send: send)
                    TabBar(view: view, send: send)
                }
                .toolbar {
                    if view.canGoBack {
                        ToolbarItem(placement: .topBarLeading) {
                            Button { send(.back) } label: { Label("back", systemImage: "chevron.backward") }
                        }
                    }
                    ToolbarItemGroup(placement: .topBarTrailing) {
                        Button { send(.navigate(.search)) } label: { Label("search", systemImage: "magnifyingglass") }
                        Button { send(.navigate(.notifications)) } label: {
                            Label("notifications", systemImage: view.unreadNotifications > 0 ? "bell.badge" : "bell")
                        }
                        .accessibilityValue(Text("\(view.unreadNotifications)"))
                    }
                }
                .navigationBarTitleDisplayMode(.inline)
            }
            // A file fetched for a tap, shown by Quick Look (photos with zoom, PDFs, documents).
            .onChange(of: view.openFile) { _, file in
                guard let file else { return }
                preview = URL(fileURLWithPath: file.path)
                send(.attachments(.opened))
            }
            .quickLookPreview($preview)
            .sheet(isPresented: .constant(view.composer != nil), onDismiss: { send(.composer(.cancel)) }) {
                if let composer = view.composer { ComposerSheet(view: composer, model: view, send: send) }
            }
            .sheet(isPresented: .constant(view.ask != nil), onDismiss: { send(.questions(.cancelAsk)) }) {
                if let ask = view.ask { AskSheet(view: ask, model: view, send: send) }
            }
            .sheet(isPresented: .constant(view.eventForm != nil), onDismiss: { send(.events(.closeForm)) }) {
                if let form = view.eventForm { EventFormSheet(view: form, model: view, send: send) }
            }
            .sheet(isPresented: .constant(view.message != nil), onDismiss: { send(.events(.closeMessage)) }) {
                if let message = view.message { MessageSheet(view: message, send: send) }
            }
            .alert(view.notice ?? "", isPresented: .constant(view.notice != nil)) {
                Button("understood") { send(.dismissNotice) }
            }
        }
    }
}

/// One view per screen the core offers.
@MainActor
struct ScreenView: View {
    let view: ViewModel
    let send: (Event) -> Void

    var body: some View {
        switch view.screen {
        case .loading, .federation, .signIn: EmptyView()
        case .feed(let feed): FeedScreen(view: feed, model: view, send: send)
        case .myGroups(let groups): MyGroupsScreen(view: groups, send: send)
        case .browseGroups(let browse): BrowseGroupsScreen(view: browse, send: send)
        case .group(let group): GroupScreen(view: group, authorization: view.mediaAuthorization, send: send)
        case .post(let post): PostScreen(view: post, model: view, send: send)
        case .myProfile(let profile): MyProfileScreen(view: profile, send: send)
        case .person(let person): PersonScreen(view: person, send: send)
        case .questionsForMe(let questions): QuestionsForMeScreen(view: questions, send: send)
        case .question(let question): QuestionScreen(view: question, model: view, send: send)
        case .search(let search): SearchScreen(view: search, send: send)
        case .directory(let directory): DirectoryScreen(view: directory, send: send)
        case .notifications(let notifications): NotificationsScreen(view: notifications, send: send)
        case .notificationSettings(let settings): NotificationSettingsScreen(view: settings, send: send)
        case .events(let events): EventsScreen(view: events, send: send)
        case .event(let event): EventScreen(view: event, model: view, send: send)
        case .calendar(let calendar): CalendarScreen(view: calendar, send: send)
        case .charter(let charter): CharterScreen(view: charter, send: send)
        case .report(let report): ReportScreen(view: report, send: send)
        case .conversations(let conversations): ConversationsScreen(view: conversations, send: send)
        case .conversation(let conversation): ConversationScreen(view: conversation, model: view, send: send)
        case .mustRead(let message): MustReadScreen(view: message, send: send)
        case .pickPeople(let picker): PickPeopleScreen(view: picker, send: send)
        }
    }
}

@MainActor
struct TabBar: View {
    let view: ViewModel
    let send: (Event) -> Void

    var body: some View {
        HStack {
            tab("tab.feed", "newspaper", .feed)
            tab("tab.groups", "person.3", .myGroups)
            tab("tab.events", "calendar", .events)
            tab("tab.messages", view.unreadMessages > 0 ? "envelope.badge" : "envelope", .conversations)
            tab("tab.profile", "person.crop.circle", .myProfile)
        }
        .padding(.vertical, 6)
        .background(.bar)
    }

    /// The tab of the screen on show, if any (a tab's own screen, not one opened over it).
    private var current: Route? {
        switch view.screen {
        case .feed: .feed
        case .myGroups: .myGroups
        case .events: .events
        case .conversations: .conversations
        case .myProfile: .myProfile
        default: nil
        }
    }

    private func tab(_ label: LocalizedStringKey, _ image: String, _ route: Route) -> some View {
        let selected = current == route
        return Button { send(.navigate(route)) } label: {
            VStack { Image(systemName: image); Text(label).font(.caption).fontWeight(selected ? .bold : .regular) }
                .frame(maxWidth: .infinity)
                .foregroundStyle(selected ? Color.accentColor : Color.secondary)
        }
        // Told to VoiceOver as a tab, and which one is selected.
        .accessibilityAddTraits(selected ? [.isSelected, .isButton] : .isButton)
        .accessibilityLabel(Text(label))
    }
}
