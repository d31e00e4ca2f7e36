import SwiftUI
import SharedTypes

struct EventRow: View {
    let event: EventSummary
    let send: (Event) -> Void

    var body: some View {
        Button { send(.navigate(.event(id: event.id))) } label: {
            VStack(alignment: .leading) {
                Text(event.title).font(.headline)
                Text([event.whenText, event.place, event.groupName, event.label ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")).font(.caption)
                if let status = event.myStatus { Text(status).font(.caption) }
            }
        }
    }
}

struct EventsScreen: View {
    let view: EventsView
    let send: (Event) -> Void

    var body: some View {
        List {
            Button(view.calendarLabel) { send(.navigate(.calendar)) }
            ForEach(view.items, id: \.id) { EventRow(event: $0, send: send) }
            EmptyText(text: view.emptyText)
        }
    }
}

struct CalendarScreen: View {
    let view: CalendarView
    let send: (Event) -> Void

    var body: some View {
        List {
            ForEach(view.items, id: \.id) { EventRow(event: $0, send: send) }
            EmptyText(text: view.emptyText)
        }
    }
}

struct EventScreen: View {
    let view: EventView
    let model: ViewModel
    let send: (Event) -> Void

    var body: some View {
        List {
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            if let event = view.event {
                Section {
                    Text(event.title).font(.title2)
                    Text(event.whenText)
                    if !event.place.isEmpty { Text(event.place) }
                    if let label = event.label { Text(label).font(.headline) }
                }
            }
            if let online = view.onlineUrl, let url = URL(string: online) { Link(online, destination: url) }
            Text(view.description)
            AttachmentsView(items: view.attachments, authorization: model.mediaAuthorization, send: send)
            Text(view.seats)
            HStack {
                NotSentYet(pending: view.answerPending)
                ForEach(view.choices, id: \.label) { choice in
                    Button(choice.label) { send(.events(.answer(id: view.id, choice: choice.choice))) }
                        .buttonStyle(.bordered)
                        .tint(choice.selected ? .accentColor : .secondary)
                        .accessibilityAddTraits(choice.selected ? .isSelected : [])
                }
            }
            if view.canManage {
                Button("edit") { send(.events(.startEdit(id: view.id))) }
                Button("message_attendees") { send(.events(.messageAttendees(eventId: view.id))) }
                Button("cancel_event", role: .destructive) { send(.events(.cancelEvent(id: view.id))) }
            }
            if let label = view.attendeesLabel {
                Section(label) {
                    ForEach(view.attendees, id: \.personId) { attendee in
                        Button { send(.navigate(.person(id: attendee.personId))) } label: {
                            VStack(alignment: .leading) { Text(attendee.name); Text(attendee.function).font(.caption) }
                        }
                    }
                }
            }
        }
    }
}

/// An organiser's event: dates as the core reads them ("2027-03-14 18:30"), checked by the core.
struct EventFormSheet: View {
    let view: EventFormView
    let model: ViewModel
    let send: (Event) -> Void
    @State private var title = ""
    @State private var description = ""
    @State private var startsAt = ""
    @State private var endsAt = ""
    @State private var place = ""
    @State private var onlineUrl = ""
    @State private var capacity = ""

    var body: some View {
        NavigationStack {
            Form {
                Text(view.groupName).font(.caption)
                TextField("title", text: $title)
                // The system's pickers, on the event's clock; the core reads back what they give.
                DatePicker("starts_at", selection: instant($startsAt), displayedComponents: [.date, .hourAndMinute])
                    .environment(\.timeZone, TimeZone(identifier: view.timeZone) ?? .current)
                DatePicker("ends_at", selection: instant($endsAt, after: startsAt), displayedComponents: [.date, .hourAndMinute])
                    .environment(\.timeZone, TimeZone(identifier: view.timeZone) ?? .current)
                TextField("place", text: $place)
                TextField("online_link", text: $onlineUrl).keyboardType(.URL).textInputAutocapitalization(.never)
                TextField("capacity", text: $capacity).keyboardType(.numberPad)
                TextField("description", text: $description, axis: .vertical).lineLimit(3...10)
                if !view.editing { FormFiles(model: model, send: send) }
                ErrorText(text: view.error)
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("cancel") { send(.events(.closeForm)) } }
                ToolbarItem(placement: .confirmationAction) { Button("save") { changed(); send(.events(.submitForm)) } }
            }
        }
        .onAppear {
            title = view.title; description = view.description; startsAt = view.startsAt; endsAt = view.endsAt
            place = view.place; onlineUrl = view.onlineUrl; capacity = view.capacity.map { String($0) } ?? ""
        }
    }

    /// An RFC 3339 text as a date for a picker (tomorrow at 18:00, or `after`, when empty),
    /// and back.
    private func instant(_ text: Binding<String>, after: String? = nil) -> Binding<Date> {
        let format = ISO8601DateFormatter()
        return Binding(
            get: {
                format.date(from: text.wrappedValue)
                    ?? after.flatMap { format.date(from: $0) }
                    ?? Calendar.current.date(bySettingHour: 18, minute: 0, second: 0, of: Date().addingTimeInterval(86_400))
                    ?? Date()
            },
            set: { date in
                text.wrappedValue = format.string(from: date)
                changed()
            }
        )
    }

    private func changed() {
        send(.events(.formChanged(title: title, description: description, startsAt: startsAt, endsAt: endsAt, timeZone: view.timeZone, place: place, onlineUrl: onlineUrl, capacity: UInt32(capacity.trimmingCharacters(in: .whitespaces)))))
    }
}

/// An organiser's message, with how many people it will reach before it is sent.
struct MessageSheet: View {
    let view: MessageView
    let send: (Event) -> Void
    @State private var text = ""
    @State private var title = ""

    var body: some View {
        NavigationStack {
            Form {
                Text(view.audienceLabel).font(.headline)
                if view.loading { ProgressView() }
                if let reach = view.reachText { Text(reach) }
                if view.canBeMustRead {
                    Toggle(view.mustReadLabel, isOn: Binding(
                        get: { view.mustRead },
                        set: { on in send(.events(.messageMustRead(on: on))) }
                    ))
                    if view.mustRead {
                        Text(view.mustReadHint).font(.caption)
                        TextField(view.titleLabel, text: $title)
                            .onChange(of: title) { _, title in send(.events(.messageTitleChanged(title: title))) }
                    }
                }
                TextField("your_message", text: $text, axis: .vertical).lineLimit(4...12)
                    .onChange(of: text) { _, text in send(.events(.messageChanged(text: text))) }
                ErrorText(text: view.error)
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("cancel") { send(.events(.closeMessage)) } }
                ToolbarItem(placement: .confirmationAction) { Button("send") { send(.events(.sendMessage)) }.disabled(!view.canSend) }
            }
        }
        .onAppear { text = view.text; title = view.title }
    }
}
