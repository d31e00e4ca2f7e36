import SwiftUI
import SharedTypes

struct ConversationsScreen: View {
    let view: ConversationsView
    let send: (Event) -> Void

    var body: some View {
        List {
            Button("new_conversation") { send(.navigate(.pickPeople(purpose: .startConversation))) }
            ForEach(view.items, id: \.id) { item in
                Button { send(.navigate(.conversation(id: item.id))) } label: {
                    HStack {
                        VStack(alignment: .leading) {
                            Text(item.title).font(.headline)
                            Text(item.lastMessage).font(.callout).lineLimit(2)
                        }
                        Spacer()
                        if item.unread > 0 { Text("\(item.unread)").padding(6).background(.tint, in: Capsule()).foregroundStyle(.white) }
                    }
                }
            }
            EmptyText(text: view.emptyText)
        }
    }
}

/// Oldest message first, mine not yet sent at the end; photos and documents join a message.
struct ConversationScreen: View {
    let view: ConversationView
    let model: ViewModel
    let send: (Event) -> Void
    @State private var text = ""

    var body: some View {
        VStack {
            Text(view.title).font(.headline)
            if !view.participants.isEmpty { Text(view.participants.joined(separator: ", ")).font(.caption) }
            ErrorText(text: view.error)
            if let blocked = view.blockedText { Text(blocked) }
            List {
                ForEach(view.messages, id: \.id) { message in
                    VStack(alignment: message.mine ? .trailing : .leading) {
                        Text([message.mine ? "" : message.authorName, message.whenText].filter { !$0.isEmpty }.joined(separator: " · ")).font(.caption)
                        if !message.body.isEmpty { Text(message.body) }
                        AttachmentsView(items: message.attachments, authorization: model.mediaAuthorization, send: send)
                        PendingFilesView(files: message.pendingFiles)
                        if message.pending { Text(model.status.notSentLabel).font(.caption2) }
                    }
                    .frame(maxWidth: .infinity, alignment: message.mine ? .trailing : .leading)
                }
                EmptyText(text: view.emptyText)
            }
            if view.canWrite {
                FormFiles(model: model, send: send)
                HStack {
                    TextField("your_message", text: $text, axis: .vertical)
                    Button("send") { send(.conversations(.send(conversationId: view.id, body: text))); text = "" }
                }
                .padding(.horizontal)
            }
            HStack {
                if let person = view.otherPersonId {
                    Button("profile") { send(.navigate(.person(id: person))) }
                    if view.blocked {
                        Button("unblock") { send(.conversations(.unblock(personId: person))) }
                    } else {
                        Button("block", role: .destructive) { send(.conversations(.block(personId: person))) }
                    }
                }
                if view.canAddPeople {
                    Button("add_people") { send(.navigate(.pickPeople(purpose: .addToConversation(conversationId: view.id)))) }
                }
                if view.found { Button("leave_conversation") { send(.conversations(.leave(conversationId: view.id))) } }
            }
            .buttonStyle(.borderless)
        }
    }
}
