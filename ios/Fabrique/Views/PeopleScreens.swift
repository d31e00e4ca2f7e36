import SwiftUI
import SharedTypes

struct ProfileCard: View {
    let profile: ProfileView

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(profile.displayName).font(.title2)
            Text([profile.function, profile.organisationName].filter { !$0.isEmpty }.joined(separator: " · "))
            if !profile.skills.isEmpty { Text(profile.skills.joined(separator: ", ")).font(.callout) }
            if !profile.interests.isEmpty { Text(profile.interests.joined(separator: ", ")).font(.callout) }
            if !profile.bio.isEmpty { Text(profile.bio) }
        }
    }
}

struct MyProfileScreen: View {
    let view: MyProfileView
    let send: (Event) -> Void

    var body: some View {
        List {
            if let editor = view.editor {
                ProfileEditor(editor: editor, send: send)
            } else {
                if let profile = view.profile { ProfileCard(profile: profile) }
                NotSentYet(pending: view.pending)
                Text(view.email)
                Button("edit_profile") { send(.people(.editProfile)) }
            }
            Button("directory") { send(.navigate(.directory)) }
            Button("questions_for_me") { send(.navigate(.questionsForMe)) }
            Button("notification_settings") { send(.navigate(.notificationSettings)) }
            Button("charter") { send(.navigate(.charter)) }
            HStack {
                Button("Français") { send(.setLanguage(.french)) }
                Button("English") { send(.setLanguage(.english)) }
            }
            .buttonStyle(.bordered)
            MyData(data: view.data, send: send)
            Button("sign_out", role: .destructive) { send(.accounts(.signOut)) }
            DeleteAccount(erasure: view.erasure, send: send)
        }
    }
}

/// "My data": a copy of one's data, asked for here, followed while the server prepares it,
/// then opened in the browser, which downloads the ZIP file.
struct MyData: View {
    let data: DataCopiesView
    let send: (Event) -> Void

    var body: some View {
        Section("my_data") {
            Text(data.explanation)
            ForEach(data.copies, id: \.id) { copy in
                VStack(alignment: .leading) {
                    Text(copy.text)
                    if let progress = copy.progress { ProgressView(value: Double(progress), total: 100) }
                    if let url = copy.downloadUrl.flatMap(URL.init(string:)) {
                        Link("download_my_data", destination: url)
                    }
                }
            }
            ErrorText(text: data.error)
            Button("ask_data_copy") { send(.people(.askDataCopy)) }.disabled(data.busy)
        }
    }
}

/// "Delete my account": what it does, then the password again; the sheet stays open with the
/// core's answer (a wrong password) until it is done or cancelled.
struct DeleteAccount: View {
    let erasure: ErasureView
    let send: (Event) -> Void
    @State private var open = false
    @State private var password = ""

    var body: some View {
        Button("delete_account", role: .destructive) { open = true }
            .sheet(isPresented: $open) {
                NavigationStack {
                    Form {
                        Text(erasure.explanation)
                        SecureField("password", text: $password).textContentType(.password)
                        ErrorText(text: erasure.error)
                        Button("delete_account_confirm", role: .destructive) {
                            send(.accounts(.eraseAccount(password: password)))
                        }
                        .disabled(erasure.busy)
                    }
                    .navigationTitle(Text("delete_account"))
                    .toolbar {
                        ToolbarItem(placement: .cancellationAction) {
                            Button("cancel") { open = false; password = "" }.disabled(erasure.busy)
                        }
                    }
                }
            }
    }
}

private struct ProfileEditor: View {
    let editor: ProfileEditorView
    let send: (Event) -> Void
    @State private var name = ""
    @State private var function = ""
    @State private var bio = ""
    @State private var skills = ""
    @State private var interests = ""
    @State private var visible = false

    var body: some View {
        Section {
            TextField("your_name", text: $name)
            TextField("function", text: $function)
            TextField("skills", text: $skills)
            TextField("interests", text: $interests)
            TextField("bio", text: $bio, axis: .vertical).lineLimit(3...8)
            Toggle("visible_to_federation", isOn: $visible)
            ErrorText(text: editor.error)
            HStack {
                Button("cancel") { send(.people(.cancelEdit)) }
                Button("save") {
                    let list = { (text: String) in text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
                    send(.people(.saveProfile(displayName: name, function: function, bio: bio, skills: list(skills), interests: list(interests), federationVisible: visible)))
                }
            }
            .buttonStyle(.borderless)
        }
        .onAppear {
            name = editor.displayName
            function = editor.function
            bio = editor.bio
            skills = editor.skills.joined(separator: ", ")
            interests = editor.interests.joined(separator: ", ")
            visible = editor.federationVisible
        }
    }
}

struct PersonScreen: View {
    let view: PersonView
    let send: (Event) -> Void

    var body: some View {
        List {
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            if let profile = view.profile { ProfileCard(profile: profile) }
            if view.canWrite { Button("write") { send(.conversations(.writeTo(personId: view.id))) } }
            if view.canBlock && !view.blocked { Button("block", role: .destructive) { send(.conversations(.block(personId: view.id))) } }
            if view.blocked { Button("unblock") { send(.conversations(.unblock(personId: view.id))) } }
            Button("report") { send(.navigate(.report(what: .person, id: view.id))) }
        }
    }
}

struct DirectoryScreen: View {
    let view: DirectoryView
    let send: (Event) -> Void
    @State private var query = ""
    @State private var skill = ""

    var body: some View {
        List {
            TextField("search_people", text: $query)
                .onChange(of: query) { _, query in send(.people(.directory(query: query, skill: skill, organisationId: view.organisationId))) }
            TextField("skill", text: $skill)
                .onChange(of: skill) { _, skill in send(.people(.directory(query: query, skill: skill, organisationId: view.organisationId))) }
            if view.loading { ProgressView() }
            ErrorText(text: view.error)
            ForEach(view.people, id: \.id) { person in
                Button { send(.navigate(.person(id: person.id))) } label: {
                    VStack(alignment: .leading) {
                        Text(person.displayName).font(.headline)
                        Text([person.function, person.organisationName].filter { !$0.isEmpty }.joined(separator: " · ")).font(.caption)
                    }
                }
            }
            EmptyText(text: view.emptyText)
            MoreButton(hasMore: view.hasMore) { send(.people(.directoryMore)) }
        }
        .onAppear { query = view.query; skill = view.skill }
    }
}

/// Choosing people from the directory: to invite into a group, to start a conversation with
/// several people, or to add people to one. The core says who cannot be chosen, and why.
struct PickPeopleScreen: View {
    let view: PickPeopleView
    let send: (Event) -> Void
    @State private var query = ""
    @State private var title = ""

    var body: some View {
        List {
            Section {
                Text(view.hint)
                TextField("search_people", text: $query)
                    .onChange(of: query) { _, query in send(.people(.directory(query: query, skill: "", organisationId: nil))) }
                if !view.chosen.isEmpty { Text(view.chosen.joined(separator: ", ")).font(.headline) }
                if view.asksTitle { TextField("conversation_title", text: $title) }
                Button(view.confirmLabel) { send(.people(.pickConfirm(title: title))) }.disabled(!view.canConfirm)
                if view.loading { ProgressView() }
                ErrorText(text: view.error)
            }
            ForEach(view.people, id: \.id) { person in
                Button { send(.people(.pickToggle(personId: person.id, displayName: person.displayName))) } label: {
                    HStack {
                        Image(systemName: person.chosen ? "checkmark.circle.fill" : "circle")
                        VStack(alignment: .leading) {
                            Text(person.displayName).font(.headline)
                            Text([person.detail, person.unavailable ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")).font(.caption)
                        }
                    }
                }
                .disabled(person.unavailable != nil)
                .accessibilityAddTraits(person.chosen ? .isSelected : [])
            }
            EmptyText(text: view.emptyText)
            MoreButton(hasMore: view.hasMore) { send(.people(.directoryMore)) }
        }
        .navigationTitle(view.title)
        .onAppear { query = view.query }
    }
}
