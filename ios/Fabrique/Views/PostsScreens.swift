import SwiftUI
import SharedTypes

struct FeedScreen: View {
    let view: FeedView
    let model: ViewModel
    let send: (Event) -> Void

    var body: some View {
        List {
            ForEach(view.pinned, id: \.id) { card in PinnedMustRead(card: card, send: send) }
            ForEach(view.items, id: \.id) { post in PostCard(post: post, authorization: model.mediaAuthorization, send: send) }
            EmptyText(text: view.emptyText)
            MoreButton(hasMore: view.hasMore) { send(.feed(.more)) }
        }
        .refreshable { send(.refresh) }
    }
}

struct PostCard: View {
    let post: PostSummary
    let authorization: String?
    let send: (Event) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text([post.authorName, post.groupName, post.whenText].filter { !$0.isEmpty }.joined(separator: " · ")).font(.subheadline)
            if !post.title.isEmpty { Text(post.title).font(.headline) }
            Text(post.body)
            AttachmentsView(items: post.attachments, authorization: authorization, send: send)
            PendingFilesView(files: post.pendingFiles)
            if let label = post.pendingLabel { Text(label).font(.caption) }
            Reactions(targetId: post.id, reactions: post.reactions, send: send)
            Text(post.commentsLabel).font(.caption)
        }
        .contentShape(Rectangle())
        .onTapGesture { send(.navigate(.post(id: post.id))) }
    }
}

struct Reactions: View {
    let targetId: String
    let reactions: [ReactionCount]
    let send: (Event) -> Void

    var body: some View {
        HStack {
            ForEach(reactions, id: \.emoji) { reaction in
                Button("\(reaction.emoji) \(reaction.count)") {
                    send(.posts(reaction.mine ? .unreact(targetId: targetId, emoji: reaction.emoji) : .react(targetId: targetId, emoji: reaction.emoji)))
                }
                .buttonStyle(.bordered)
                .tint(reaction.mine ? .accentColor : .secondary)
            }
            if !reactions.contains(where: { $0.emoji == "👍" }) {
                Button("👍") { send(.posts(.react(targetId: targetId, emoji: "👍"))) }.buttonStyle(.borderless)
            }
        }
    }
}

struct PostScreen: View {
    let view: PostView
    let model: ViewModel
    let send: (Event) -> Void

    var body: some View {
        List {
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            if let post = view.post {
                PostCard(post: post, authorization: model.mediaAuthorization, send: send)
                HStack {
                    if post.canEdit { Button("edit") { send(.composer(.open(.editPost(id: post.id)))) } }
                    if post.canDelete { Button("delete", role: .destructive) { send(.posts(.delete(id: post.id))) } }
                    if post.canReport { Button("report") { send(.navigate(.report(what: .post, id: post.id))) } }
                }
                .buttonStyle(.borderless)
            }
            ForEach(view.comments, id: \.id) { comment in
                VStack(alignment: .leading) {
                    Text([comment.authorName, comment.whenText].filter { !$0.isEmpty }.joined(separator: " · ")).font(.subheadline)
                    Text(comment.body)
                    if let label = comment.pendingLabel { Text(label).font(.caption) }
                    Reactions(targetId: comment.id, reactions: comment.reactions, send: send)
                    HStack {
                        if comment.canEdit { Button("edit") { send(.composer(.open(.editComment(id: comment.id)))) } }
                        if comment.canDelete { Button("delete", role: .destructive) { send(.posts(.deleteComment(id: comment.id))) } }
                        if comment.canReport { Button("report") { send(.navigate(.report(what: .comment, id: comment.id))) } }
                    }
                    .buttonStyle(.borderless)
                }
            }
            EmptyText(text: view.emptyText)
            if view.canComment { Button("comment") { send(.composer(.open(.newComment(postId: view.id)))) } }
        }
    }
}

/// The form for a post, a comment or an answer; the draft is handed to the core as it is typed.
struct ComposerSheet: View {
    let view: ComposerView
    let model: ViewModel
    let send: (Event) -> Void
    @State private var title = ""
    @State private var text = ""

    var body: some View {
        NavigationStack {
            Form {
                if view.hasTitle { TextField("title", text: $title) }
                TextField("your_text", text: $text, axis: .vertical).lineLimit(4...20)
                // "@" and the start of a name: the group's members who match, one tap to name them.
                ForEach(view.mentionCandidates, id: \.personId) { candidate in
                    Button("@\(candidate.displayName)") { text = candidate.text }
                }
                ErrorText(text: view.error)
                FormFiles(model: model, send: send)
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("cancel") { send(.composer(.cancel)) } }
                ToolbarItem(placement: .confirmationAction) { Button("send") { send(.composer(.submit(title: title, body: text))) } }
            }
        }
        .onAppear { title = view.title; text = view.body }
        .onChange(of: text) { _, _ in send(.composer(.draftChanged(title: title, body: text))) }
        .onChange(of: title) { _, _ in send(.composer(.draftChanged(title: title, body: text))) }
    }
}
