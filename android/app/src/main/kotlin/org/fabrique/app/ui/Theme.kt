package org.fabrique.app.ui

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color

private val Blue = Color(0xFF1F4E8C)

/** Material 3 with the system's font scale respected everywhere (no fixed text sizes). */
@Composable
fun FabriqueTheme(content: @Composable () -> Unit) {
    val colors = if (isSystemInDarkTheme()) darkColorScheme(primary = Color(0xFF9DC1FF)) else lightColorScheme(primary = Blue)
    MaterialTheme(colorScheme = colors, content = content)
}
