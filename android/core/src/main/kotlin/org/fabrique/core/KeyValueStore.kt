package org.fabrique.core

import java.io.File
import java.io.IOException
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import org.fabrique.core.types.KeyValueError
import org.fabrique.core.types.KeyValueOperation
import org.fabrique.core.types.KeyValueResponse
import org.fabrique.core.types.KeyValueResult
import org.fabrique.core.types.Value

/** The core's key-value storage. */
interface KeyValueStore {
    fun handle(operation: KeyValueOperation): KeyValueResult
}

/**
 * One file per key in [directory] (the app's files directory on Android). A value is
 * written whole or not at all: to a temporary file first, then moved into place.
 */
class FileKeyValueStore(private val directory: File) : KeyValueStore {
    init {
        directory.mkdirs()
    }

    override fun handle(operation: KeyValueOperation): KeyValueResult = try {
        val response = when (operation) {
            is KeyValueOperation.Get -> KeyValueResponse.Get(read(operation.key))
            is KeyValueOperation.Set -> {
                val previous = read(operation.key)
                val file = fileOf(operation.key)
                val temporary = File(directory, file.name + ".tmp")
                temporary.writeBytes(operation.value.toUByteArray().toByteArray())
                Files.move(temporary.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
                KeyValueResponse.Set(previous)
            }
            is KeyValueOperation.Delete -> {
                val previous = read(operation.key)
                fileOf(operation.key).delete()
                KeyValueResponse.Delete(previous)
            }
            is KeyValueOperation.Exists -> KeyValueResponse.Exists(fileOf(operation.key).exists())
            is KeyValueOperation.ListKeys -> KeyValueResponse.ListKeys(emptyList(), 0uL)
        }
        KeyValueResult.Ok(response)
    } catch (error: IOException) {
        KeyValueResult.Err(KeyValueError.Io(error.message ?: "storage error"))
    }

    private fun fileOf(key: String) = File(directory, key.toByteArray().joinToString("") { "%02x".format(it) })

    private fun read(key: String): Value {
        val file = fileOf(key)
        return if (file.exists()) Value.Bytes(file.readBytes().toUByteArray().toList()) else Value.None
    }
}
