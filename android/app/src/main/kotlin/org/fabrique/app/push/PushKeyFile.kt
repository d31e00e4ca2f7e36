package org.fabrique.app.push

import android.content.Context
import java.io.File
import org.fabrique.core.ffi.PushKeys
import org.fabrique.core.ffi.pushKeysNew

/**
 * This phone's Web Push keys for pushes through the relay (FCM), made once by the core
 * (`pushKeysNew`) and kept in the app's private storage: the private key never leaves it.
 * (UnifiedPush distributors get keys from their connector, which decrypts for us.)
 */
object PushKeyFile {
    fun loadOrCreate(context: Context): PushKeys {
        val dir = File(context.noBackupFilesDir, "push-keys")
        val publicFile = File(dir, "public")
        val privateFile = File(dir, "private")
        val authFile = File(dir, "auth")
        if (publicFile.exists() && privateFile.exists() && authFile.exists()) {
            return PushKeys(publicFile.readBytes(), privateFile.readBytes(), authFile.readBytes())
        }
        dir.mkdirs()
        val keys = pushKeysNew()
        publicFile.writeBytes(keys.publicKey)
        privateFile.writeBytes(keys.privateKey)
        authFile.writeBytes(keys.authSecret)
        return keys
    }
}
