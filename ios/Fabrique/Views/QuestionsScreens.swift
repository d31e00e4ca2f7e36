import SwiftUI
import SharedTypes

struct QuestionRow: View {
    let question: QuestionSummary
    let send: (Event) -> Void

    var body: some View {
        Button { send(.navigate(.question(id: question.id))) } label: {
            VStack(alignment: .leading) {
                Text(question.title).font(.headline)
                Text([question.authorName, question.groupNames.joined(separator: ", "), question.pendingLabel ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")).font(.caption)
                Text(question.answersLabel).font(.caption)
            }
        }
    }
}

struct QuestionsForMeScreen: View {
    let view: QuestionsForMeView
    let send: (Event) -> Void

    var body: some View {
        List {
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            ForEach(view.items, id: \.id) { QuestionRow(question: $0, send: send) }
            EmptyText(text: view.emptyText)
            MoreButton(hasMore: view.hasMore) { send(.questions(.moreForMe)) }
        }
    }
}

struct QuestionScreen: View {
    let view: QuestionView
    let model: ViewModel
    let send: (Event) -> Void

    var body: some View {
        List {
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            if let question = view.question {
                Section {
                    Text(question.title).font(.title3)
                    Text(question.details)
                    AttachmentsView(items: view.attachments, authorization: model.mediaAuthorization, send: send)
                    Button(question.following ? LocalizedStringKey("unfollow") : LocalizedStringKey("follow")) {
                        send(.questions(question.following ? .unfollow(id: question.id) : .follow(id: question.id)))
                    }
                    if view.canDelete { Button("delete", role: .destructive) { send(.questions(.deleteQuestion(id: question.id))) } }
                    Button("report") { send(.navigate(.report(what: .question, id: question.id))) }
                }
            }
            ForEach(view.answers, id: \.id) { answer in
                VStack(alignment: .leading, spacing: 4) {
                    HStack {
                        Text(answer.authorName).font(.subheadline)
                        if answer.accepted { Label("accepted", systemImage: "checkmark.seal.fill") }
                    }
                    Text(answer.body)
                    if let label = answer.pendingLabel { Text(label).font(.caption) }
                    ForEach(answer.comments, id: \.self) { Text($0).font(.caption) }
                    HStack {
                        if view.canAccept && !answer.accepted { Button("accept_answer") { send(.questions(.accept(questionId: view.id, answerId: answer.id))) } }
                        Button("comment") { send(.composer(.open(.newAnswerComment(answerId: answer.id)))) }
                        if answer.canDelete { Button("delete", role: .destructive) { send(.questions(.deleteAnswer(id: answer.id))) } }
                        Button("report") { send(.navigate(.report(what: .answer, id: answer.id))) }
                    }
                    .buttonStyle(.borderless)
                }
            }
            EmptyText(text: view.emptyText)
            if view.canAnswer { Button("answer") { send(.composer(.open(.newAnswer(questionId: view.id)))) } }
        }
    }
}

/// Asking: answered questions like this one are suggested while the title is typed.
struct AskSheet: View {
    let view: AskView
    let model: ViewModel
    let send: (Event) -> Void
    @State private var title = ""
    @State private var details = ""
    @State private var tags = ""

    var body: some View {
        NavigationStack {
            Form {
                Text(view.groupNames.joined(separator: ", ")).font(.caption)
                TextField("your_question", text: $title).onChange(of: title) { _, _ in changed() }
                if let label = view.suggestionsLabel {
                    Section(label) { ForEach(view.suggestions, id: \.id) { QuestionRow(question: $0, send: send) } }
                }
                TextField("details", text: $details, axis: .vertical).lineLimit(3...10).onChange(of: details) { _, _ in changed() }
                TextField("tags", text: $tags).onChange(of: tags) { _, _ in changed() }
                FormFiles(model: model, send: send)
                ErrorText(text: view.error)
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("cancel") { send(.questions(.cancelAsk)) } }
                ToolbarItem(placement: .confirmationAction) { Button("send") { changed(); send(.questions(.submitAsk)) } }
            }
        }
        .onAppear { title = view.title; details = view.details; tags = view.tags.joined(separator: ", ") }
    }

    private func changed() {
        let list = tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        send(.questions(.askChanged(groupIds: view.groupIds, title: title, details: details, tags: list)))
    }
}
