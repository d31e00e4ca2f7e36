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
import org.fabrique.core.types.SignInView

/** Sign in, or create one's account with the invitation code an association gave. */
@Composable
fun SignInScreen(view: SignInView, send: Send) {
    var email by rememberSaveable { mutableStateOf("") }
    var password by rememberSaveable { mutableStateOf("") }
    var code by rememberSaveable { mutableStateOf("") }
    var name by rememberSaveable { mutableStateOf("") }
    Column(
        Modifier.padding(24.dp).verticalScroll(rememberScrollState()),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(stringResource(R.string.app_name), style = MaterialTheme.typography.headlineMedium)
        view.notice?.let { Text(it) }
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
        HorizontalDivider()
        Text(stringResource(R.string.have_a_code), style = MaterialTheme.typography.titleMedium)
        OutlinedTextField(value = code, onValueChange = { code = it }, label = { Text(stringResource(R.string.invitation_code)) }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(value = name, onValueChange = { name = it }, label = { Text(stringResource(R.string.your_name)) }, modifier = Modifier.fillMaxWidth())
        Button(
            onClick = { send(Event.Accounts(AccountsEvent.Redeem(code.trim(), name.trim(), password))) },
            enabled = !view.busy, modifier = Modifier.fillMaxWidth(),
        ) { Text(stringResource(R.string.create_account)) }
    }
}
