package org.fabrique.core

import java.io.File
import java.io.IOException
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.security.GeneralSecurityException
import java.security.SecureRandom
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import org.fabrique.core.types.KeyValueError
import org.fabrique.core.types.KeyValueOperation
import org.fabrique.core.types.KeyValueResponse
import org.fabrique.core.types.KeyValueResult
import org.fabrique.core.types.Value

/** The key that protects the secrets: on Android, one the Keystore holds and never lets out. */
fun interface SecretKeys {
    fun key(): SecretKey
}

/**
 * The core's storage with its secrets protected: keys starting with `secret:` (the session
 * token) are kept in [directory] encrypted with AES-GCM under [keys] (on Android a Keystore
 * key, and [directory] in `noBackupFilesDir`, so neither the token nor its key goes into a
 * backup); every other key goes to [plain]. A secret that no longer decrypts (the phone was
 * restored from another phone's backup, the Keystore was reset) reads as absent: the person
 * signs in again, and nothing they wrote is lost (their writes are in [plain]).
 */
class ProtectedKeyValueStore(
    private val plain: KeyValueStore,
    private val directory: File,
    private val keys: SecretKeys,
) : KeyValueStore {
    private val random = SecureRandom()

    init {
        directory.mkdirs()
    }

    override fun handle(operation: KeyValueOperation): KeyValueResult {
        val key = when (operation) {
            is KeyValueOperation.Get -> operation.key
            is KeyValueOperation.Set -> operation.key
            is KeyValueOperation.Delete -> operation.key
            is KeyValueOperation.Exists -> operation.key
            is KeyValueOperation.ListKeys -> return plain.handle(operation)
        }
        if (!key.startsWith(SECRET)) return plain.handle(operation)
        return try {
            val response = when (operation) {
                is KeyValueOperation.Get -> KeyValueResponse.Get(read(key))
                is KeyValueOperation.Set -> {
                    val previous = read(key)
                    write(key, operation.value.toUByteArray().toByteArray())
                    KeyValueResponse.Set(previous)
                }
                is KeyValueOperation.Delete -> {
                    val previous = read(key)
                    fileOf(key).delete()
                    KeyValueResponse.Delete(previous)
                }
                is KeyValueOperation.Exists -> KeyValueResponse.Exists(read(key) is Value.Bytes)
                is KeyValueOperation.ListKeys -> error("handled above")
            }
            KeyValueResult.Ok(response)
        } catch (error: IOException) {
            KeyValueResult.Err(KeyValueError.Io(error.message ?: "storage error"))
        } catch (error: GeneralSecurityException) {
            KeyValueResult.Err(KeyValueError.Io(error.message ?: "protected storage unavailable"))
        }
    }

    private fun fileOf(key: String) = File(directory, key.toByteArray().joinToString("") { "%02x".format(it) })

    /** Version 1: `1`, a 12-byte nonce, then AES-GCM's ciphertext and tag. */
    private fun write(key: String, value: ByteArray) {
        val nonce = ByteArray(NONCE_BYTES).also(random::nextBytes)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, keys.key(), GCMParameterSpec(TAG_BITS, nonce))
        cipher.updateAAD(key.toByteArray())
        val sealed = byteArrayOf(VERSION) + nonce + cipher.doFinal(value)
        val file = fileOf(key)
        val temporary = File(directory, file.name + ".tmp")
        temporary.writeBytes(sealed)
        Files.move(temporary.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
    }

    private fun read(key: String): Value {
        val file = fileOf(key)
        if (!file.exists()) return Value.None
        val sealed = file.readBytes()
        return try {
            if (sealed.size <= 1 + NONCE_BYTES || sealed[0] != VERSION) throw GeneralSecurityException("unknown format")
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.DECRYPT_MODE, keys.key(), GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES))
            cipher.updateAAD(key.toByteArray())
            val value = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.size - 1 - NONCE_BYTES)
            Value.Bytes(value.toUByteArray().toList())
        } catch (unreadable: GeneralSecurityException) {
            // Sealed under a key this phone no longer has: as if signed out.
            file.delete()
            Value.None
        }
    }

    companion object {
        const val SECRET = "secret:"
        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        private const val VERSION: Byte = 1
        private const val NONCE_BYTES = 12
        private const val TAG_BITS = 128
    }
}
