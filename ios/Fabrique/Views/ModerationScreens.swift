import SwiftUI
import SharedTypes

struct CharterScreen: View {
    let view: CharterView
    let send: (Event) -> Void

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 12) {
                Text(view.title).font(.title2)
                EmptyText(text: view.emptyText)
                if let held = view.heldText { Text(held) }
                Text(view.text)
                if let label = view.acceptLabel {
                    Button(label) { send(.moderation(.acceptCharter)) }.buttonStyle(.borderedProminent)
                }
            }
            .padding()
        }
    }
}

struct ReportScreen: View {
    let view: ReportView
    let send: (Event) -> Void
    @State private var reason: ReportWhy?
    @State private var details = ""

    var body: some View {
        Form {
            Text(view.title).font(.title3)
            Text(view.hint)
            Picker(view.title, selection: $reason) {
                ForEach(view.reasons, id: \.label) { Text($0.label).tag(Optional($0.reason)) }
            }
            .pickerStyle(.inline)
            TextField(view.detailsLabel, text: $details, axis: .vertical).lineLimit(3...8)
            Button("send_report") {
                if let reason { send(.moderation(.report(what: view.what, id: view.id, reason: reason, details: details))) }
            }
            .disabled(reason == nil)
        }
    }
}
