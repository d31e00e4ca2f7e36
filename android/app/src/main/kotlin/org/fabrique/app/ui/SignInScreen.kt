package org.fabrique.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import org.fabrique.app.R
import org.fabrique.core.types.AccountsEvent
import org.fabrique.core.types.Event
import org.fabrique.core.types.FederationView
import org.fabrique.core.types.SignInView

/**
 * The first screen on a new phone: the federation's address, checked by the core with its
 * server before it is kept. An invitation link opened on the phone skips it.
 */
@Composable
fun FederationScreen(view: FederationView, send: Send) {
    var address by rememberSaveable(view.address) { mutableStateOf(view.address) }
    Column(
        Modifier.padding(24.dp).verticalScroll(rememberScrollState()),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(stringResource(R.string.app_name), style = MaterialTheme.typography.headlineMedium)
        Text(stringResource(R.string.federation_title), style = MaterialTheme.typography.titleMedium)
        view.notice?.let { Text(it) }
        Text(view.help)
        OutlinedTextField(
            value = address, onValueChange = { address = it }, label = { Text(stringResource(R.string.federation_address)) },
            singleLine = true,
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Uri), modifier = Modifier.fillMaxWidth(),
        )
        ErrorText(view.error)
        Button(
            onClick = { send(Event.Accounts(AccountsEvent.ChooseFederation(address))) },
            enabled = !view.busy && address.isNotBlank(), modifier = Modifier.fillMaxWidth(),
        ) { Text(stringResource(R.string.federation_continue)) }
        LoadingRow(view.busy)
    }
}

/**
 * Sign in to the federation kept, or create one's account with the invitation code an
 * association gave (filled in when the app was opened by the invitation's link).
 */
@Composable
fun SignInScreen(view: SignInView, send: Send) {
    var email by rememberSaveable { mutableStateOf("") }
    var password by rememberSaveable { mutableStateOf("") }
    var code by rememberSaveable(view.invitationCode) { mutableStateOf(view.invitationCode ?: "") }
    var name by rememberSaveable { mutableStateOf("") }
    var newPassword by rememberSaveable { mutableStateOf("") }
    Column(
        Modifier.padding(24.dp).verticalScroll(rememberScrollState()),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(view.federation, style = MaterialTheme.typography.headlineMedium)
        Text(view.address, style = MaterialTheme.typography.bodySmall)
        TextButton(onClick = { send(Event.Accounts(AccountsEvent.ChangeFederation)) }, enabled = !view.busy) {
            Text(stringResource(R.string.change_federation))
        }
        view.notice?.let { Text(it) }
        if (view.invitationCode != null) {
            // Opened by an invitation: creating the account comes first.
            InvitationForm(code, { code = it }, name, { name = it }, newPassword, { newPassword = it }, view, send)
            HorizontalDivider()
        }
        OutlinedTextField(
            value = email, onValueChange = { email = it }, label = { Text(stringResource(R.string.email)) },
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Email), modifier = Modifier.fillMaxWidth(),
        )
        OutlinedTextField(
            value = password, onValueChange = { password = it }, label = { Text(stringResource(R.string.password)) },
            visualTransformation = PasswordVisualTransformation(), modifier = Modifier.fillMaxWidth(),
        )
        ErrorText(view.error)
        Button(
            onClick = { send(Event.Accounts(AccountsEvent.SignIn(email.trim(), password))) },
            enabled = !view.busy, modifier = Modifier.fillMaxWidth(),
        ) { Text(stringResource(R.string.sign_in)) }
        // Mails a link to choose a new password to the address typed above.
        TextButton(
            onClick = { send(Event.Accounts(AccountsEvent.ForgotPassword(email.trim()))) },
            enabled = !view.busy,
        ) { Text(stringResource(R.string.forgot_password)) }
        LoadingRow(view.busy)
        if (view.invitationCode == null) {
            HorizontalDivider()
            InvitationForm(code, { code = it }, name, { name = it }, newPassword, { newPassword = it }, view, send)
        }
    }
}

/** Create one's account: the invitation's code, one's name, and a password of one's choice. */
@Composable
private fun InvitationForm(
    code: String, onCode: (String) -> Unit,
    name: String, onName: (String) -> Unit,
    password: String, onPassword: (String) -> Unit,
    view: SignInView, send: Send,
) {
    Text(stringResource(R.string.have_a_code), style = MaterialTheme.typography.titleMedium)
    OutlinedTextField(value = code, onValueChange = onCode, label = { Text(stringResource(R.string.invitation_code)) }, modifier = Modifier.fillMaxWidth())
    OutlinedTextField(value = name, onValueChange = onName, label = { Text(stringResource(R.string.your_name)) }, modifier = Modifier.fillMaxWidth())
    OutlinedTextField(
        value = password, onValueChange = onPassword, label = { Text(stringResource(R.string.new_password)) },
        visualTransformation = PasswordVisualTransformation(), modifier = Modifier.fillMaxWidth(),
    )
    if (view.invitationCode != null) ErrorText(view.error)
    Button(
        onClick = { send(Event.Accounts(AccountsEvent.Redeem(code.trim(), name.trim(), password))) },
        enabled = !view.busy, modifier = Modifier.fillMaxWidth(),
    ) { Text(stringResource(R.string.create_account)) }
}
