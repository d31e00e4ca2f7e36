import SwiftUI
import SharedTypes

struct SearchScreen: View {
    let view: SearchView
    let send: (Event) -> Void
    @State private var query = ""

    private static let kinds: [(ResultKind, LocalizedStringKey)] = [
        (.post, "kind_posts"), (.question, "questions"), (.answer, "kind_answers"), (.group, "tab.groups"), (.person, "kind_people"),
    ]

    var body: some View {
        List {
            TextField("search", text: $query)
                .onChange(of: query) { _, query in send(.search(.query(query: query, kind: view.kind))) }
            ScrollView(.horizontal) {
                HStack {
                    Button("everything") { send(.search(.query(query: query, kind: nil))) }.buttonStyle(.bordered)
                    ForEach(Self.kinds, id: \.0) { kind, label in
                        Button(label) { send(.search(.query(query: query, kind: kind))) }
                            .buttonStyle(.bordered)
                            .tint(view.kind == kind ? .accentColor : .secondary)
                    }
                }
            }
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            ForEach(view.results, id: \.id) { result in
                Button { open(result) } label: {
                    VStack(alignment: .leading) {
                        if let group = result.groupName { Text(group).font(.caption) }
                        Text(highlighted(result.title)).font(.headline)
                        Text(highlighted(result.snippet)).font(.callout)
                    }
                }
            }
            EmptyText(text: view.emptyText)
            MoreButton(hasMore: view.hasMore) { send(.search(.more)) }
        }
        .onAppear { query = view.query }
    }

    /// `opensId`: an answer opens its question.
    private func open(_ result: SearchResultView) {
        switch result.kind {
        case .post: send(.navigate(.post(id: result.opensId)))
        case .question, .answer: send(.navigate(.question(id: result.opensId)))
        case .group: send(.navigate(.group(id: result.opensId)))
        case .person: send(.navigate(.person(id: result.opensId)))
        }
    }

    /// The matched words in bold: `marks` are pairs of character offsets (start, end).
    private func highlighted(_ view: HighlightedView) -> AttributedString {
        var text = AttributedString(view.text)
        let characters = Array(view.text)
        var index = 0
        while index + 1 < view.marks.count {
            let start = min(Int(view.marks[index]), characters.count)
            let end = min(max(Int(view.marks[index + 1]), start), characters.count)
            let lower = text.index(text.startIndex, offsetByCharacters: start)
            let upper = text.index(text.startIndex, offsetByCharacters: end)
            text[lower..<upper].inlinePresentationIntent = .stronglyEmphasized
            index += 2
        }
        return text
    }
}
