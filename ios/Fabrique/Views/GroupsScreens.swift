import SwiftUI
import SharedTypes

struct GroupRow: View {
    let group: GroupSummary
    let send: (Event) -> Void

    var body: some View {
        Button { send(.navigate(.group(id: group.id))) } label: {
            VStack(alignment: .leading) {
                Text(group.name).font(.headline)
                if group.relation == .invited {
                    Text("invited_group").font(.caption)
                } else {
                    Text("members_count \(group.memberCount)").font(.caption)
                }
            }
        }
    }
}

struct MyGroupsScreen: View {
    let view: MyGroupsView
    let send: (Event) -> Void

    var body: some View {
        List {
            Button("browse_groups") { send(.navigate(.browseGroups)) }
            ForEach(view.groups, id: \.id) { GroupRow(group: $0, send: send) }
            EmptyText(text: view.emptyText)
            if let title = view.suggestionsTitle {
                Section(title) {
                    ForEach(view.suggestions, id: \.id) { group in
                        HStack {
                            GroupRow(group: group, send: send)
                            Spacer()
                            // One tap: a public group is joined, a private one asked.
                            if group.private {
                                Button("ask_to_join") { send(.groups(.askToJoin(id: group.id, message: ""))) }
                            } else {
                                Button("join") { send(.groups(.join(id: group.id))) }
                            }
                        }
                        .buttonStyle(.borderless)
                    }
                }
            }
        }
    }
}

struct BrowseGroupsScreen: View {
    let view: BrowseView
    let send: (Event) -> Void
    @State private var query = ""

    var body: some View {
        List {
            TextField("search_groups", text: $query)
                .onChange(of: query) { _, query in send(.groups(.search(query: query))) }
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            ForEach(view.groups, id: \.id) { GroupRow(group: $0, send: send) }
            EmptyText(text: view.emptyText)
            MoreButton(hasMore: view.hasMore) { send(.groups(.moreResults)) }
        }
        .onAppear { query = view.query }
    }
}

struct GroupScreen: View {
    let view: GroupView
    /// The session, for the posts' photos.
    let authorization: String?
    let send: (Event) -> Void

    var body: some View {
        List {
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            if let group = view.group {
                Section {
                    Text(group.name).font(.title2)
                    Text(group.description)
                    if let invited = view.invitedText { Text(invited).font(.headline) }
                }
            }
            Section {
                if view.canJoin { Button("join") { send(.groups(.join(id: view.id))) } }
                if view.canAskToJoin { Button("ask_to_join") { send(.groups(.askToJoin(id: view.id, message: ""))) } }
                if view.canFollow { Button("follow") { send(.groups(.follow(id: view.id))) } }
                if view.canUnfollow { Button("unfollow") { send(.groups(.unfollow(id: view.id))) } }
                if view.canPost { Button("write_post") { send(.composer(.open(.newPost(groupId: view.id)))) } }
                if view.canAsk { Button("ask_question") { send(.questions(.startAsk(groupId: view.id))) } }
                if view.canOrganise {
                    Button("new_event") { send(.events(.startCreate(groupId: view.id))) }
                    Button("message_members") { send(.events(.messageGroup(groupId: view.id))) }
                    NewPollForm(groupId: view.id, send: send)
                }
                if view.canInvite {
                    Button("invite_people") { send(.navigate(.pickPeople(purpose: .inviteToGroup(groupId: view.id)))) }
                }
            }
            if let hint = view.joinRequestsHint {
                Section(hint) {
                    ForEach(view.joinRequests, id: \.personId) { request in
                        VStack(alignment: .leading) {
                            Text(request.displayName).font(.headline)
                            Text(request.whenText).font(.caption)
                            if !request.message.isEmpty { Text(request.message) }
                            HStack {
                                Button("accept") { send(.groups(.decideJoinRequest(groupId: view.id, personId: request.personId, accept: true))) }
                                Button("refuse") { send(.groups(.decideJoinRequest(groupId: view.id, personId: request.personId, accept: false))) }
                            }
                            .buttonStyle(.borderless)
                        }
                    }
                }
            }
            ForEach(view.polls, id: \.id) { PollCard(poll: $0, send: send) }
            if !view.events.isEmpty {
                Section("tab.events") { ForEach(view.events, id: \.id) { EventRow(event: $0, send: send) } }
            }
            if !view.questions.isEmpty {
                Section("questions") { ForEach(view.questions, id: \.id) { QuestionRow(question: $0, send: send) } }
            }
            if let hint = view.reportsHint {
                Section(hint) {
                    ForEach(view.reports, id: \.caseId) { report in
                        ReportDecision(report: report, decisions: view.reportDecisions, send: send)
                    }
                }
            }
            ForEach(view.posts, id: \.id) { PostCard(post: $0, authorization: authorization, send: send) }
            EmptyText(text: view.emptyText)
            MoreButton(hasMore: view.hasMorePosts) { send(.groups(.morePosts)) }
            if view.canLeave { Button("leave_group", role: .destructive) { send(.groups(.leave(id: view.id))) } }
        }
    }
}

private struct ReportDecision: View {
    let report: GroupReportView
    let decisions: [DecisionOption]
    let send: (Event) -> Void
    @State private var reason = ""

    var body: some View {
        VStack(alignment: .leading) {
            Text(report.title).font(.headline)
            Text(report.excerpt)
            Text(report.reasons).font(.caption)
            TextField("decision_reason", text: $reason)
            HStack {
                ForEach(decisions, id: \.label) { option in
                    Button(option.label) { send(.moderation(.decideReport(caseId: report.caseId, decision: option.decision, reason: reason))) }
                        .buttonStyle(.bordered)
                }
            }
        }
    }
}

/// A poll: choose (one or several), see the counts when they show, close early if one runs the group.
struct PollCard: View {
    let poll: PollView
    let send: (Event) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(poll.question).font(.headline)
            Text(String(format: NSLocalizedString(poll.closed ? "poll_closed_on" : "poll_closes_on", comment: ""), poll.closesWhen)).font(.caption)
            Text(poll.authorName).font(.caption)
            NotSentYet(pending: poll.pending)
            ForEach(poll.options, id: \.index) { option in
                Button { vote(option) } label: {
                    HStack {
                        Image(systemName: option.chosen ? (poll.multiple ? "checkmark.square" : "largecircle.fill.circle") : (poll.multiple ? "square" : "circle"))
                        Text(option.text)
                        Spacer()
                        if let votes = option.votes { Text("\(votes)") }
                    }
                }
                .disabled(!poll.canVote)
                .accessibilityAddTraits(option.chosen ? .isSelected : [])
                if !option.voters.isEmpty { Text(option.voters.joined(separator: ", ")).font(.caption) }
            }
            if let hint = poll.resultsHint { Text(hint).font(.caption) }
            if poll.canClose { Button("close_poll") { send(.polls(.close(pollId: poll.id))) } }
        }
    }

    private func vote(_ option: PollOptionView) {
        let chosen = poll.options.filter(\.chosen).map(\.index)
        let choices: [UInt32]
        if !poll.multiple {
            choices = [option.index]
        } else if option.chosen {
            choices = chosen.filter { $0 != option.index }
        } else {
            choices = chosen + [option.index]
        }
        send(.polls(.vote(pollId: poll.id, choices: choices)))
    }
}

/// Organisers: a new poll (the core checks the question, the options and the date).
private struct NewPollForm: View {
    let groupId: String
    let send: (Event) -> Void
    @State private var expanded = false
    @State private var question = ""
    @State private var options = ""
    @State private var closesAt = Date().addingTimeInterval(7 * 24 * 3600)
    @State private var multiple = false
    @State private var anonymous = false
    @State private var afterVoting = true

    var body: some View {
        if !expanded {
            Button("new_poll") { expanded = true }
        } else {
            TextField("poll_question", text: $question)
            TextField("poll_options", text: $options, axis: .vertical).lineLimit(3...10)
            DatePicker("poll_closes_at", selection: $closesAt)
            Toggle("poll_multiple", isOn: $multiple)
            Toggle("poll_anonymous", isOn: $anonymous)
            Toggle("poll_results_after_voting", isOn: $afterVoting)
            HStack {
                Button("cancel") { expanded = false }
                Button("send") {
                    let lines = options.split(separator: "\n").map(String.init)
                    let date = ISO8601DateFormatter().string(from: closesAt)
                    send(.polls(.create(groupId: groupId, question: question, options: lines, multiple: multiple, anonymous: anonymous, resultsAfterVoting: afterVoting, closesAt: date)))
                    expanded = false
                }
            }
        }
    }
}
