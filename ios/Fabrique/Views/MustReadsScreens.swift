import SwiftUI
import SharedTypes

/// A must-read message pinned at the top of the feed until "J'ai lu": every word comes from the core.
struct PinnedMustRead: View {
    let card: MustReadCard
    let send: (Event) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(card.label).font(.subheadline).bold()
            Text(card.title).font(.headline).accessibilityAddTraits(.isHeader)
            Text(card.from).font(.caption)
            Text(card.excerpt)
            Button(card.acknowledgeLabel) { send(.mustReads(.acknowledge(id: card.id))) }
                .buttonStyle(.borderedProminent)
        }
        .padding(.vertical, 6)
        .contentShape(Rectangle())
        .onTapGesture { send(.navigate(.mustRead(id: card.id))) }
        .listRowBackground(Color.yellow.opacity(0.15))
    }
}

/// One must-read message, whole; for its sender, how far it reached.
struct MustReadScreen: View {
    let view: MustReadView
    let send: (Event) -> Void

    var body: some View {
        List {
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            VStack(alignment: .leading, spacing: 8) {
                Text(view.label).font(.subheadline).bold()
                Text(view.title).font(.title2).accessibilityAddTraits(.isHeader)
                Text(view.from).font(.caption)
                Text(view.body)
            }
            if view.canAcknowledge {
                Button(view.acknowledgeLabel) { send(.mustReads(.acknowledge(id: view.id))) }
                    .buttonStyle(.borderedProminent)
            }
            if let read = view.readText { Text(read) }
            if let reach = view.reach {
                Section {
                    Text(reach.summary).font(.headline)
                    ProgressView(value: Double(reach.percent), total: 100)
                    ForEach(reach.lines, id: \.self) { line in Text(line) }
                    Text(reach.mailText).font(.caption)
                    if let title = reach.notReachedTitle { Text(title).font(.subheadline).bold() }
                    ForEach(reach.notReached, id: \.self) { name in Text(name) }
                    if let more = reach.moreText { Text(more).font(.caption) }
                }
            }
        }
        .refreshable { send(.refresh) }
    }
}
