package org.fabrique.core

import java.nio.file.Files
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import org.fabrique.core.types.KeyValueOperation
import org.fabrique.core.types.KeyValueResponse
import org.fabrique.core.types.KeyValueResult
import org.fabrique.core.types.Value
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

/** The token store: secrets sealed on disk, everything else as before. */
class ProtectedKeyValueStoreTest {
    private fun aesKey(): SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()

    private fun get(store: KeyValueStore, key: String): Value =
        ((store.handle(KeyValueOperation.Get(key)) as KeyValueResult.Ok).response as KeyValueResponse.Get).value

    private fun bytes(text: String) = text.toByteArray().toUByteArray().toList()

    @Test
    fun theSessionTokenIsSealedOnDiskAndReadBack() {
        val root = Files.createTempDirectory("fabrique-store").toFile()
        val plain = FileKeyValueStore(java.io.File(root, "core"))
        val secrets = java.io.File(root, "secrets")
        val key = aesKey()
        val store = ProtectedKeyValueStore(plain, secrets) { key }
        val session = """{"server_url":"https://fabrique.example.org","token":"fq_0123456789abcdef","person_id":"x"}"""

        store.handle(KeyValueOperation.Set("secret:session", bytes(session)))
        store.handle(KeyValueOperation.Set("outbox:x", bytes("[]")))
        assertEquals(Value.Bytes(bytes(session)), get(store, "secret:session"))
        assertEquals(Value.Bytes(bytes("[]")), get(store, "outbox:x"))

        // Nowhere on disk in clear; not among the plain files at all.
        val everything = root.walk().filter { it.isFile }.map { it.readBytes().toString(Charsets.ISO_8859_1) }.toList()
        assertFalse(everything.any { it.contains("fq_0123456789abcdef") })
        assertEquals(Value.None, get(plain, "secret:session"))
        assertTrue(secrets.listFiles()!!.isNotEmpty())

        // Another phone restored from a backup (another key): as if signed out, nothing else lost.
        val elsewhere = ProtectedKeyValueStore(plain, secrets, SecretKeys { aesKey() })
        assertEquals(Value.None, get(elsewhere, "secret:session"))
        assertEquals(Value.Bytes(bytes("[]")), get(elsewhere, "outbox:x"))

        // Signing out deletes it.
        store.handle(KeyValueOperation.Set("secret:session", bytes(session)))
        store.handle(KeyValueOperation.Delete("secret:session"))
        assertEquals(Value.None, get(store, "secret:session"))
    }
}
