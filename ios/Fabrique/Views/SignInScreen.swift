import SwiftUI
import SharedTypes

/// The first screen on a new phone: the federation's address, checked by the core with its
/// server before it is kept. An invitation link opened on the phone skips it.
struct FederationScreen: View {
    let view: FederationView
    let send: (Event) -> Void
    @State private var address = ""

    var body: some View {
        Form {
            Section("federation_title") {
                if let notice = view.notice { Text(notice) }
                Text(view.help)
                TextField("federation_address", text: $address)
                    .textContentType(.URL).keyboardType(.URL).textInputAutocapitalization(.never).autocorrectionDisabled()
                ErrorText(text: view.error)
                Button("federation_continue") { send(.accounts(.chooseFederation(address: address))) }
                    .disabled(view.busy || address.trimmingCharacters(in: .whitespaces).isEmpty)
                if view.busy { ProgressView() }
            }
        }
        .onAppear { if address.isEmpty { address = view.address } }
    }
}

/// Sign in to the federation kept, or create one's account with the invitation code an
/// association gave (filled in when the app was opened by the invitation's link).
struct SignInScreen: View {
    let view: SignInView
    let send: (Event) -> Void
    @State private var email = ""
    @State private var password = ""
    @State private var code = ""
    @State private var name = ""
    @State private var newPassword = ""

    var body: some View {
        Form {
            Section {
                Text(view.federation).font(.title2)
                Text(view.address).font(.footnote).foregroundStyle(.secondary)
                Button("change_federation") { send(.accounts(.changeFederation)) }.disabled(view.busy)
                if let notice = view.notice { Text(notice) }
            }
            if view.invitationCode != nil { invitation }
            Section {
                TextField("email", text: $email).textContentType(.emailAddress).keyboardType(.emailAddress).textInputAutocapitalization(.never)
                SecureField("password", text: $password).textContentType(.password)
                if view.invitationCode == nil { ErrorText(text: view.error) }
                Button("sign_in") { send(.accounts(.signIn(email: email.trimmingCharacters(in: .whitespaces), password: password))) }
                    .disabled(view.busy)
                // Mails a link to choose a new password to the address typed above.
                Button("forgot_password") { send(.accounts(.forgotPassword(email: email.trimmingCharacters(in: .whitespaces)))) }
                    .disabled(view.busy)
                if view.busy { ProgressView() }
            }
            if view.invitationCode == nil { invitation }
        }
        .onAppear { if let given = view.invitationCode { code = given } }
        .onChange(of: view.invitationCode) { _, given in if let given { code = given } }
    }

    /// Create one's account: the invitation's code, one's name, and a password of one's choice.
    private var invitation: some View {
        Section("have_a_code") {
            TextField("invitation_code", text: $code).textInputAutocapitalization(.never).autocorrectionDisabled()
            TextField("your_name", text: $name).textContentType(.name)
            SecureField("new_password", text: $newPassword).textContentType(.newPassword)
            if view.invitationCode != nil { ErrorText(text: view.error) }
            Button("create_account") { send(.accounts(.redeem(code: code, displayName: name, password: newPassword))) }
                .disabled(view.busy)
        }
    }
}
