import SwiftUI
import SharedTypes

/// Sign in, or create one's account with the invitation code an association gave.
struct SignInScreen: View {
    let view: SignInView
    let send: (Event) -> Void
    @State private var email = ""
    @State private var password = ""
    @State private var code = ""
    @State private var name = ""

    var body: some View {
        Form {
            Section {
                if let notice = view.notice { Text(notice) }
                TextField("email", text: $email).textContentType(.emailAddress).keyboardType(.emailAddress).textInputAutocapitalization(.never)
                SecureField("password", text: $password).textContentType(.password)
                ErrorText(text: view.error)
                Button("sign_in") { send(.accounts(.signIn(email: email.trimmingCharacters(in: .whitespaces), password: password))) }
                    .disabled(view.busy)
                // Mails a link to choose a new password to the address typed above.
                Button("forgot_password") { send(.accounts(.forgotPassword(email: email.trimmingCharacters(in: .whitespaces)))) }
                    .disabled(view.busy)
                if view.busy { ProgressView() }
            }
            Section("have_a_code") {
                TextField("invitation_code", text: $code)
                TextField("your_name", text: $name).textContentType(.name)
                Button("create_account") { send(.accounts(.redeem(code: code, displayName: name, password: password))) }
                    .disabled(view.busy)
            }
        }
    }
}
