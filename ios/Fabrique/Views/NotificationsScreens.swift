import SwiftUI
import SharedTypes

struct NotificationsScreen: View {
    let view: NotificationsView
    let send: (Event) -> Void

    var body: some View {
        List {
            if let text = view.pushUnavailable { Text(text).font(.footnote).foregroundStyle(.secondary) }
            if let label = view.markAllLabel { Button(label) { send(.notifications(.markAllRead)) } }
            ForEach(view.items, id: \.id) { item in
                Button { send(.notifications(.open(id: item.id))) } label: {
                    VStack(alignment: .leading) {
                        Text(item.text).fontWeight(item.unread ? .bold : .regular)
                        Text(item.whenText).font(.caption)
                    }
                }
            }
            EmptyText(text: view.emptyText)
        }
    }
}

struct NotificationSettingsScreen: View {
    let view: NotificationSettingsView
    let send: (Event) -> Void
    @State private var quietStart = ""
    @State private var quietEnd = ""
    @State private var muted: Set<String> = []

    var body: some View {
        Form {
            Text(view.hint)
            NotSentYet(pending: view.pending)
            ForEach(view.kinds, id: \.kind) { kind in
                Toggle(kind.label, isOn: Binding(
                    get: { !muted.contains(kind.kind) },
                    set: { on in if on { muted.remove(kind.kind) } else { muted.insert(kind.kind) } }
                ))
            }
            Section("quiet_hours") {
                DatePicker("from", selection: hour($quietStart), displayedComponents: .hourAndMinute)
                DatePicker("to", selection: hour($quietEnd), displayedComponents: .hourAndMinute)
            }
            ErrorText(text: view.error)
            Button("save") {
                send(.notifications(.saveSettings(timeZone: view.timeZone, quietStart: quietStart.isEmpty ? nil : quietStart, quietEnd: quietEnd.isEmpty ? nil : quietEnd, mutedKinds: Array(muted))))
            }
            // The e-mail summary for when the app stays closed.
            Picker(view.digestHint, selection: Binding(
                get: { view.digest },
                set: { digest in send(.notifications(.setDigest(digest: digest))) }
            )) {
                ForEach(view.digests, id: \.label) { Text($0.label).tag($0.digest) }
            }
            ForEach(view.groups, id: \.groupId) { group in
                Picker(group.name, selection: Binding(
                    get: { group.level },
                    set: { level in send(.notifications(.setGroupLevel(groupId: group.groupId, level: level))) }
                )) {
                    ForEach(view.levels, id: \.label) { Text($0.label).tag($0.level) }
                }
            }
        }
        .onAppear {
            quietStart = view.quietStart ?? ""
            quietEnd = view.quietEnd ?? ""
            muted = Set(view.kinds.filter { !$0.on }.map(\.kind))
        }
    }

    /// "22:00" as a time for the picker (22:00 when none), and back.
    private func hour(_ text: Binding<String>) -> Binding<Date> {
        Binding(
            get: {
                let parts = text.wrappedValue.split(separator: ":").compactMap { Int($0) }
                let (h, m) = parts.count == 2 ? (parts[0], parts[1]) : (22, 0)
                return Calendar.current.date(bySettingHour: h, minute: m, second: 0, of: Date()) ?? Date()
            },
            set: { date in
                let parts = Calendar.current.dateComponents([.hour, .minute], from: date)
                text.wrappedValue = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
            }
        )
    }
}
