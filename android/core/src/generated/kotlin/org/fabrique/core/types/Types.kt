package org.fabrique.core.types

import com.novi.bincode.BincodeDeserializer
import com.novi.bincode.BincodeSerializer
import com.novi.serde.Bytes
import com.novi.serde.DeserializationError
import com.novi.serde.Deserializer
import com.novi.serde.Serializer

fun <T> List<T>.serialize(
    serializer: Serializer,
    serializeElement: Serializer.(T) -> Unit,
) {
    serializer.serialize_len(size.toLong())
    forEach { element ->
        serializer.serializeElement(element)
    }
}

fun <T> Deserializer.deserializeListOf(deserializeElement: (Deserializer) -> T): List<T> {
    val length = deserialize_len()
    val list = mutableListOf<T>()
    repeat(length.toInt()) {
        list.add(deserializeElement(this))
    }
    return list
}

fun <T> T?.serializeOptionOf(
    serializer: Serializer,
    serializeElement: Serializer.(T) -> Unit,
) {
    if (this != null) {
        serializer.serialize_option_tag(true)
        serializer.serializeElement(this)
    } else {
        serializer.serialize_option_tag(false)
    }
}

fun <T> Deserializer.deserializeOptionOf(deserializeElement: (Deserializer) -> T): T? {
    val tag = deserialize_option_tag()
    return if (tag) {
        deserializeElement(this)
    } else {
        null
    }
}

sealed interface AccountsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// The federation's address as the person typed it (`fabrique.ma-federation.fr`), or an
    /// invitation link pasted: checked with the server before it is kept.
    data class ChooseFederation(
        val address: String,
    ) : AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(address)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): ChooseFederation {
                deserializer.increase_container_depth()
                val address = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return ChooseFederation(address)
            }
        }
    }

    /// "Not your federation?": forget the address kept, to type another.
    data object ChangeFederation: AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): ChangeFederation {
            return ChangeFederation
        }
    }

    /// A link the phone opened the app with, or a QR code's text: an invitation
    /// (`https://<federation>/join/<code>`, or `fabrique://join?server=…&code=…` from the
    /// invitation page). It opens the right federation with the code filled in.
    data class OpenLink(
        val url: String,
    ) : AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(url)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): OpenLink {
                deserializer.increase_container_depth()
                val url = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return OpenLink(url)
            }
        }
    }

    data class SignIn(
        val email: String,
        val password: String,
    ) : AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(email)
            serializer.serialize_str(password)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): SignIn {
                deserializer.increase_container_depth()
                val email = deserializer.deserialize_str()
                val password = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return SignIn(email, password)
            }
        }
    }

    /// Create one's account from the invitation code an association gave.
    data class Redeem(
        val code: String,
        val displayName: String,
        val password: String,
    ) : AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.serialize_str(code)
            serializer.serialize_str(displayName)
            serializer.serialize_str(password)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Redeem {
                deserializer.increase_container_depth()
                val code = deserializer.deserialize_str()
                val displayName = deserializer.deserialize_str()
                val password = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Redeem(code, displayName, password)
            }
        }
    }

    data object SignOut: AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): SignOut {
            return SignOut
        }
    }

    /// "Forgot your password?": a link to choose a new one is mailed to the address, if an
    /// account has it (the answer does not say).
    data class ForgotPassword(
        val email: String,
    ) : AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.serialize_str(email)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): ForgotPassword {
                deserializer.increase_container_depth()
                val email = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return ForgotPassword(email)
            }
        }
    }

    /// "Delete my account", with one's password again: the account closes at once on every
    /// device and is erased for good in 14 days; signing in again before then cancels it.
    data class EraseAccount(
        val password: String,
    ) : AccountsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            serializer.serialize_str(password)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): EraseAccount {
                deserializer.increase_container_depth()
                val password = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return EraseAccount(password)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): AccountsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> ChooseFederation.deserialize(deserializer)
                1 -> ChangeFederation.deserialize(deserializer)
                2 -> OpenLink.deserialize(deserializer)
                3 -> SignIn.deserialize(deserializer)
                4 -> Redeem.deserialize(deserializer)
                5 -> SignOut.deserialize(deserializer)
                6 -> ForgotPassword.deserialize(deserializer)
                7 -> EraseAccount.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for AccountsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): AccountsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class AnswerView(
    val id: String,
    val authorName: String,
    val body: String,
    val accepted: Boolean,
    val createdAt: String,
    /// "Name : text", oldest first.
    val comments: List<String>,
    val pending: Boolean,
    val pendingLabel: String? = null,
    val canDelete: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(authorName)
        serializer.serialize_str(body)
        serializer.serialize_bool(accepted)
        serializer.serialize_str(createdAt)
        comments.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(pending)
        pendingLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canDelete)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): AnswerView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val authorName = deserializer.deserialize_str()
            val body = deserializer.deserialize_str()
            val accepted = deserializer.deserialize_bool()
            val createdAt = deserializer.deserialize_str()
            val comments =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val pending = deserializer.deserialize_bool()
            val pendingLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canDelete = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return AnswerView(id, authorName, body, accepted, createdAt, comments, pending, pendingLabel, canDelete)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): AnswerView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class AskView(
    val groupIds: List<String>,
    val groupNames: List<String>,
    val title: String,
    val details: String,
    val tags: List<String>,
    /// Answered questions like this one, found while the title is typed.
    val suggestions: List<org.fabrique.core.types.QuestionSummary>,
    val suggestionsLabel: String? = null,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        groupIds.serialize(serializer) {
            serializer.serialize_str(it)
        }
        groupNames.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(title)
        serializer.serialize_str(details)
        tags.serialize(serializer) {
            serializer.serialize_str(it)
        }
        suggestions.serialize(serializer) {
            it.serialize(serializer)
        }
        suggestionsLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): AskView {
            deserializer.increase_container_depth()
            val groupIds =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val groupNames =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val title = deserializer.deserialize_str()
            val details = deserializer.deserialize_str()
            val tags =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val suggestions =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.QuestionSummary.deserialize(deserializer)
                }
            val suggestionsLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return AskView(groupIds, groupNames, title, details, tags, suggestions, suggestionsLabel, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): AskView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// A photo or document on a post, question, event or message.
data class AttachmentView(
    val id: String,
    val name: String,
    val isImage: Boolean,
    val size: String,
    /// The file (a photo shown whole, a document opened or saved).
    val url: String,
    /// For photos: a small JPEG for lists.
    val thumbnailUrl: String? = null,
    val width: UInt? = null,
    val height: UInt? = null,
    /// Being fetched to open it: how far, in percent (0 while the size is unknown).
    val opening: UByte? = null,
    /// Why it could not be opened, if it could not.
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(name)
        serializer.serialize_bool(isImage)
        serializer.serialize_str(size)
        serializer.serialize_str(url)
        thumbnailUrl.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        width.serializeOptionOf(serializer) {
            serializer.serialize_u32(it)
        }
        height.serializeOptionOf(serializer) {
            serializer.serialize_u32(it)
        }
        opening.serializeOptionOf(serializer) {
            serializer.serialize_u8(it)
        }
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): AttachmentView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val name = deserializer.deserialize_str()
            val isImage = deserializer.deserialize_bool()
            val size = deserializer.deserialize_str()
            val url = deserializer.deserialize_str()
            val thumbnailUrl =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val width =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_u32()
                }
            val height =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_u32()
                }
            val opening =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_u8()
                }
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return AttachmentView(id, name, isImage, size, url, thumbnailUrl, width, height, opening, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): AttachmentView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface AttachmentsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// The person chose a file for the open form; the shell copied it into the app's own
    /// storage at `file` (kept until `Discard`), `name` as the person knows it.
    data class Add(
        val file: String,
        val name: String,
        val size: ULong,
    ) : AttachmentsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(file)
            serializer.serialize_str(name)
            serializer.serialize_u64(size)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Add {
                deserializer.increase_container_depth()
                val file = deserializer.deserialize_str()
                val name = deserializer.deserialize_str()
                val size = deserializer.deserialize_u64()
                deserializer.decrease_container_depth()
                return Add(file, name, size)
            }
        }
    }

    /// Take a file off the open form.
    data class Remove(
        val id: String,
    ) : AttachmentsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Remove {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Remove(id)
            }
        }
    }

    /// Open a file of the server whole (a tap on a photo or a document): fetched with the
    /// session, then given to the shell to open (`ViewModel::open_file`).
    data class Open(
        val id: String,
        val name: String,
    ) : AttachmentsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(id)
            serializer.serialize_str(name)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Open {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                val name = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Open(id, name)
            }
        }
    }

    /// The shell opened the file it was given.
    data object Opened: AttachmentsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Opened {
            return Opened
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): AttachmentsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Add.deserialize(deserializer)
                1 -> Remove.deserialize(deserializer)
                2 -> Open.deserialize(deserializer)
                3 -> Opened.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for AttachmentsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): AttachmentsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class AttendeeView(
    val personId: String,
    val name: String,
    val function: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(personId)
        serializer.serialize_str(name)
        serializer.serialize_str(function)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): AttendeeView {
            deserializer.increase_container_depth()
            val personId = deserializer.deserialize_str()
            val name = deserializer.deserialize_str()
            val function = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return AttendeeView(personId, name, function)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): AttendeeView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class BrowseView(
    val query: String,
    val groups: List<org.fabrique.core.types.GroupSummary>,
    val loading: Boolean,
    val hasMore: Boolean,
    val error: String? = null,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(query)
        groups.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        serializer.serialize_bool(hasMore)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): BrowseView {
            deserializer.increase_container_depth()
            val query = deserializer.deserialize_str()
            val groups =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.GroupSummary.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val hasMore = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return BrowseView(query, groups, loading, hasMore, error, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): BrowseView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class CalendarView(
    val items: List<org.fabrique.core.types.EventSummary>,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        items.serialize(serializer) {
            it.serialize(serializer)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): CalendarView {
            deserializer.increase_container_depth()
            val items =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.EventSummary.deserialize(deserializer)
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return CalendarView(items, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): CalendarView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class CharterView(
    val title: String,
    /// The charter's text (empty while it is read, with `loading_text` shown).
    val text: String,
    val version: Long,
    val accepted: Boolean,
    /// "J'ai lu la charte et je l'accepte", when not accepted yet.
    val acceptLabel: String? = null,
    /// "Vos 2 messages partiront dès que vous aurez accepté la charte."
    val heldText: String? = null,
    /// Shown instead of a text: reading it, or no charter published.
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(title)
        serializer.serialize_str(text)
        serializer.serialize_i64(version)
        serializer.serialize_bool(accepted)
        acceptLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        heldText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): CharterView {
            deserializer.increase_container_depth()
            val title = deserializer.deserialize_str()
            val text = deserializer.deserialize_str()
            val version = deserializer.deserialize_i64()
            val accepted = deserializer.deserialize_bool()
            val acceptLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val heldText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return CharterView(title, text, version, accepted, acceptLabel, heldText, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): CharterView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class CommentView(
    val id: String,
    val authorId: String,
    val authorName: String,
    val body: String,
    val createdAt: String,
    /// When it was written, as people read it.
    val whenText: String,
    val edited: Boolean,
    val reactions: List<org.fabrique.core.types.ReactionCount>,
    val pending: Boolean,
    val pendingLabel: String? = null,
    val canEdit: Boolean,
    val canDelete: Boolean,
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    val canReport: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(authorId)
        serializer.serialize_str(authorName)
        serializer.serialize_str(body)
        serializer.serialize_str(createdAt)
        serializer.serialize_str(whenText)
        serializer.serialize_bool(edited)
        reactions.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(pending)
        pendingLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canEdit)
        serializer.serialize_bool(canDelete)
        serializer.serialize_bool(canReport)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): CommentView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val authorId = deserializer.deserialize_str()
            val authorName = deserializer.deserialize_str()
            val body = deserializer.deserialize_str()
            val createdAt = deserializer.deserialize_str()
            val whenText = deserializer.deserialize_str()
            val edited = deserializer.deserialize_bool()
            val reactions =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.ReactionCount.deserialize(deserializer)
                }
            val pending = deserializer.deserialize_bool()
            val pendingLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canEdit = deserializer.deserialize_bool()
            val canDelete = deserializer.deserialize_bool()
            val canReport = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return CommentView(id, authorId, authorName, body, createdAt, whenText, edited, reactions, pending, pendingLabel, canEdit, canDelete, canReport)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): CommentView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface ComposerEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Open the form to write or change a post, a comment, an answer or a comment on one.
    data class Open(
        val value: org.fabrique.core.types.ComposerTarget,
    ) : ComposerEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Open {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.ComposerTarget.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Open(value)
            }
        }
    }

    /// What the form holds, as the person types (shells send it every second or so): kept on
    /// the phone, so a draft survives the app being killed.
    data class DraftChanged(
        val title: String,
        val body: String,
    ) : ComposerEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(title)
            serializer.serialize_str(body)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DraftChanged {
                deserializer.increase_container_depth()
                val title = deserializer.deserialize_str()
                val body = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return DraftChanged(title, body)
            }
        }
    }

    /// Send what the form holds; it closes once the write is kept on the phone.
    data class Submit(
        val title: String,
        val body: String,
    ) : ComposerEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(title)
            serializer.serialize_str(body)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Submit {
                deserializer.increase_container_depth()
                val title = deserializer.deserialize_str()
                val body = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Submit(title, body)
            }
        }
    }

    data object Cancel: ComposerEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Cancel {
            return Cancel
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): ComposerEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Open.deserialize(deserializer)
                1 -> DraftChanged.deserialize(deserializer)
                2 -> Submit.deserialize(deserializer)
                3 -> Cancel.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for ComposerEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ComposerEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface ComposerTarget {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class NewPost(
        val groupId: String,
    ) : ComposerTarget {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(groupId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): NewPost {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return NewPost(groupId)
            }
        }
    }

    data class EditPost(
        val id: String,
    ) : ComposerTarget {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): EditPost {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return EditPost(id)
            }
        }
    }

    data class NewComment(
        val postId: String,
    ) : ComposerTarget {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(postId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): NewComment {
                deserializer.increase_container_depth()
                val postId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return NewComment(postId)
            }
        }
    }

    data class EditComment(
        val id: String,
    ) : ComposerTarget {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): EditComment {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return EditComment(id)
            }
        }
    }

    data class NewAnswer(
        val questionId: String,
    ) : ComposerTarget {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.serialize_str(questionId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): NewAnswer {
                deserializer.increase_container_depth()
                val questionId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return NewAnswer(questionId)
            }
        }
    }

    data class NewAnswerComment(
        val answerId: String,
    ) : ComposerTarget {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.serialize_str(answerId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): NewAnswerComment {
                deserializer.increase_container_depth()
                val answerId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return NewAnswerComment(answerId)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): ComposerTarget {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> NewPost.deserialize(deserializer)
                1 -> EditPost.deserialize(deserializer)
                2 -> NewComment.deserialize(deserializer)
                3 -> EditComment.deserialize(deserializer)
                4 -> NewAnswer.deserialize(deserializer)
                5 -> NewAnswerComment.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for ComposerTarget: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ComposerTarget {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The form to write or change a post or a comment, over the current screen.
data class ComposerView(
    val target: org.fabrique.core.types.ComposerTarget,
    val title: String,
    val body: String,
    val hasTitle: Boolean,
    val error: String? = null,
    /// While an `@` and the start of a name are being typed: the group's members who match.
    /// Choosing one puts its `text` in the field (the name completed) and sends `DraftChanged`.
    val mentionCandidates: List<org.fabrique.core.types.MentionCandidate>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        target.serialize(serializer)
        serializer.serialize_str(title)
        serializer.serialize_str(body)
        serializer.serialize_bool(hasTitle)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        mentionCandidates.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ComposerView {
            deserializer.increase_container_depth()
            val target = org.fabrique.core.types.ComposerTarget.deserialize(deserializer)
            val title = deserializer.deserialize_str()
            val body = deserializer.deserialize_str()
            val hasTitle = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val mentionCandidates =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.MentionCandidate.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return ComposerView(target, title, body, hasTitle, error, mentionCandidates)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ComposerView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ConversationMessage(
    val id: String,
    val authorName: String,
    val body: String,
    val mine: Boolean,
    /// RFC 3339; empty while not yet on the server.
    val createdAt: String,
    /// When, as people read it; empty while not yet on the server.
    val whenText: String,
    val pending: Boolean,
    val attachments: List<org.fabrique.core.types.AttachmentView>,
    /// Mine, not yet on the server: its files as they go up.
    val pendingFiles: List<org.fabrique.core.types.FileView>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(authorName)
        serializer.serialize_str(body)
        serializer.serialize_bool(mine)
        serializer.serialize_str(createdAt)
        serializer.serialize_str(whenText)
        serializer.serialize_bool(pending)
        attachments.serialize(serializer) {
            it.serialize(serializer)
        }
        pendingFiles.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ConversationMessage {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val authorName = deserializer.deserialize_str()
            val body = deserializer.deserialize_str()
            val mine = deserializer.deserialize_bool()
            val createdAt = deserializer.deserialize_str()
            val whenText = deserializer.deserialize_str()
            val pending = deserializer.deserialize_bool()
            val attachments =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.AttachmentView.deserialize(deserializer)
                }
            val pendingFiles =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.FileView.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return ConversationMessage(id, authorName, body, mine, createdAt, whenText, pending, attachments, pendingFiles)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ConversationMessage {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ConversationSummary(
    val id: String,
    /// Its title, or the other people's names.
    val title: String,
    val lastMessage: String,
    /// RFC 3339; empty while not yet on the server.
    val lastAt: String,
    val unread: UInt,
    /// Something I wrote in it waits to be sent.
    val pending: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(title)
        serializer.serialize_str(lastMessage)
        serializer.serialize_str(lastAt)
        serializer.serialize_u32(unread)
        serializer.serialize_bool(pending)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ConversationSummary {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val lastMessage = deserializer.deserialize_str()
            val lastAt = deserializer.deserialize_str()
            val unread = deserializer.deserialize_u32()
            val pending = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return ConversationSummary(id, title, lastMessage, lastAt, unread, pending)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ConversationSummary {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ConversationView(
    val id: String,
    /// False when I am not (or no longer) in it: `error` says so.
    val found: Boolean,
    val title: String,
    val participants: List<String>,
    /// Oldest first, mine not yet sent at the end.
    val messages: List<org.fabrique.core.types.ConversationMessage>,
    val emptyText: String? = null,
    val canWrite: Boolean,
    /// A conversation of three or more: people can be added.
    val canAddPeople: Boolean,
    /// In a one-to-one, the other person (to block or unblock, to open their profile).
    val otherPersonId: String? = null,
    /// I blocked the other person.
    val blocked: Boolean,
    val blockedText: String? = null,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_bool(found)
        serializer.serialize_str(title)
        participants.serialize(serializer) {
            serializer.serialize_str(it)
        }
        messages.serialize(serializer) {
            it.serialize(serializer)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canWrite)
        serializer.serialize_bool(canAddPeople)
        otherPersonId.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(blocked)
        blockedText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ConversationView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val found = deserializer.deserialize_bool()
            val title = deserializer.deserialize_str()
            val participants =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val messages =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.ConversationMessage.deserialize(deserializer)
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canWrite = deserializer.deserialize_bool()
            val canAddPeople = deserializer.deserialize_bool()
            val otherPersonId =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val blocked = deserializer.deserialize_bool()
            val blockedText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return ConversationView(id, found, title, participants, messages, emptyText, canWrite, canAddPeople, otherPersonId, blocked, blockedText, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ConversationView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface ConversationsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// "Write to" on a profile or in the directory: opens our conversation, starting it
    /// when there is none yet.
    data class WriteTo(
        val personId: String,
    ) : ConversationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(personId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): WriteTo {
                deserializer.increase_container_depth()
                val personId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return WriteTo(personId)
            }
        }
    }

    /// A conversation with several people (the directory's multiple choice).
    data class StartWith(
        val personIds: List<String>,
        val title: String,
    ) : ConversationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            personIds.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.serialize_str(title)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): StartWith {
                deserializer.increase_container_depth()
                val personIds =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                val title = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return StartWith(personIds, title)
            }
        }
    }

    data class Send(
        val conversationId: String,
        val body: String,
    ) : ConversationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(conversationId)
            serializer.serialize_str(body)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Send {
                deserializer.increase_container_depth()
                val conversationId = deserializer.deserialize_str()
                val body = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Send(conversationId, body)
            }
        }
    }

    data class AddPeople(
        val conversationId: String,
        val personIds: List<String>,
    ) : ConversationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(conversationId)
            personIds.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): AddPeople {
                deserializer.increase_container_depth()
                val conversationId = deserializer.deserialize_str()
                val personIds =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                deserializer.decrease_container_depth()
                return AddPeople(conversationId, personIds)
            }
        }
    }

    data class Leave(
        val conversationId: String,
    ) : ConversationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.serialize_str(conversationId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Leave {
                deserializer.increase_container_depth()
                val conversationId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Leave(conversationId)
            }
        }
    }

    data class Block(
        val personId: String,
    ) : ConversationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.serialize_str(personId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Block {
                deserializer.increase_container_depth()
                val personId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Block(personId)
            }
        }
    }

    data class Unblock(
        val personId: String,
    ) : ConversationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.serialize_str(personId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Unblock {
                deserializer.increase_container_depth()
                val personId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Unblock(personId)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): ConversationsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> WriteTo.deserialize(deserializer)
                1 -> StartWith.deserialize(deserializer)
                2 -> Send.deserialize(deserializer)
                3 -> AddPeople.deserialize(deserializer)
                4 -> Leave.deserialize(deserializer)
                5 -> Block.deserialize(deserializer)
                6 -> Unblock.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for ConversationsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ConversationsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ConversationsView(
    val items: List<org.fabrique.core.types.ConversationSummary>,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        items.serialize(serializer) {
            it.serialize(serializer)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ConversationsView {
            deserializer.increase_container_depth()
            val items =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.ConversationSummary.deserialize(deserializer)
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return ConversationsView(items, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ConversationsView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class DataCopiesView(
    val explanation: String,
    /// The copies of the last 7 days, newest first.
    val copies: List<org.fabrique.core.types.DataCopyView>,
    /// A copy is being asked for, or prepared: the button waits.
    val busy: Boolean,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(explanation)
        copies.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(busy)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): DataCopiesView {
            deserializer.increase_container_depth()
            val explanation = deserializer.deserialize_str()
            val copies =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.DataCopyView.deserialize(deserializer)
                }
            val busy = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return DataCopiesView(explanation, copies, busy, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): DataCopiesView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class DataCopyView(
    val id: String,
    /// "Asked on 5 December 2026: being prepared (40 %)", "ready until 12 December 2026".
    val text: String,
    /// 0 to 100 while it is prepared.
    val progress: UByte? = null,
    /// Opened in the browser, which downloads the ZIP file (the link carries its own key).
    val downloadUrl: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(text)
        progress.serializeOptionOf(serializer) {
            serializer.serialize_u8(it)
        }
        downloadUrl.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): DataCopyView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val text = deserializer.deserialize_str()
            val progress =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_u8()
                }
            val downloadUrl =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return DataCopyView(id, text, progress, downloadUrl)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): DataCopyView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// What a group's organiser decides about a report in their group (suspending an account is
/// the federation moderators', from the console).
enum class Decision {
    /// Nothing against the charter.
    DISMISS,
    /// Taken out of the group, kept for the record.
    HIDE,
    /// Taken out and erased.
    DELETE,
    /// The author is warned; it stays.
    WARN;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Decision {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> DISMISS
                1 -> HIDE
                2 -> DELETE
                3 -> WARN
                else -> throw DeserializationError("Unknown variant index for Decision: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Decision {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class DecisionOption(
    val decision: org.fabrique.core.types.Decision,
    val label: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        decision.serialize(serializer)
        serializer.serialize_str(label)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): DecisionOption {
            deserializer.increase_container_depth()
            val decision = org.fabrique.core.types.Decision.deserialize(deserializer)
            val label = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return DecisionOption(decision, label)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): DecisionOption {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The e-mail summary for when one does not open the app.
enum class Digest {
    WEEKLY,
    DAILY,
    OFF;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Digest {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> WEEKLY
                1 -> DAILY
                2 -> OFF
                else -> throw DeserializationError("Unknown variant index for Digest: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Digest {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class DigestOption(
    val digest: org.fabrique.core.types.Digest,
    val label: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        digest.serialize(serializer)
        serializer.serialize_str(label)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): DigestOption {
            deserializer.increase_container_depth()
            val digest = org.fabrique.core.types.Digest.deserialize(deserializer)
            val label = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return DigestOption(digest, label)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): DigestOption {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class DirectoryView(
    val query: String,
    val skill: String,
    val organisationId: String? = null,
    val people: List<org.fabrique.core.types.ProfileView>,
    val loading: Boolean,
    val hasMore: Boolean,
    val error: String? = null,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(query)
        serializer.serialize_str(skill)
        organisationId.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        people.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        serializer.serialize_bool(hasMore)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): DirectoryView {
            deserializer.increase_container_depth()
            val query = deserializer.deserialize_str()
            val skill = deserializer.deserialize_str()
            val organisationId =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val people =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.ProfileView.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val hasMore = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return DirectoryView(query, skill, organisationId, people, loading, hasMore, error, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): DirectoryView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// What the shell is asked to do to open a file whole: fetch it with the session.
sealed interface DownloadOperation {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// `GET` `url` with `Authorization: Bearer <token>` into the app's cache under `name`
    /// (kept out of backups; the shell may empty its cache whenever it likes). Answer
    /// `Received` as bytes come (every few percent is enough), then exactly one of the others.
    data class Fetch(
        val url: String,
        val token: String,
        val name: String,
    ) : DownloadOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(url)
            serializer.serialize_str(token)
            serializer.serialize_str(name)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Fetch {
                deserializer.increase_container_depth()
                val url = deserializer.deserialize_str()
                val token = deserializer.deserialize_str()
                val name = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Fetch(url, token, name)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): DownloadOperation {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Fetch.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for DownloadOperation: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): DownloadOperation {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface DownloadProgress {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// `total` is 0 while unknown.
    data class Received(
        val bytes: ULong,
        val total: ULong,
    ) : DownloadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_u64(bytes)
            serializer.serialize_u64(total)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Received {
                deserializer.increase_container_depth()
                val bytes = deserializer.deserialize_u64()
                val total = deserializer.deserialize_u64()
                deserializer.decrease_container_depth()
                return Received(bytes, total)
            }
        }
    }

    /// Whole, at `file`: a path the shell can open.
    data class Saved(
        val file: String,
    ) : DownloadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(file)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Saved {
                deserializer.increase_container_depth()
                val file = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Saved(file)
            }
        }
    }

    /// The server refused: its status and body (JSON text).
    data class Answered(
        val status: UShort,
        val body: String,
    ) : DownloadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_u16(status)
            serializer.serialize_str(body)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Answered {
                deserializer.increase_container_depth()
                val status = deserializer.deserialize_u16()
                val body = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Answered(status, body)
            }
        }
    }

    /// No answer (no network, connection cut).
    data object Unreachable: DownloadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Unreachable {
            return Unreachable
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): DownloadProgress {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Received.deserialize(deserializer)
                1 -> Saved.deserialize(deserializer)
                2 -> Answered.deserialize(deserializer)
                3 -> Unreachable.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for DownloadProgress: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): DownloadProgress {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Represents a duration of time, internally stored as nanoseconds
data class Duration(
    val nanos: ULong,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_u64(nanos)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): Duration {
            deserializer.increase_container_depth()
            val nanos = deserializer.deserialize_u64()
            deserializer.decrease_container_depth()
            return Duration(nanos)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Duration {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface Effect {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class Render(
        val value: org.fabrique.core.types.RenderOperation,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Render {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.RenderOperation.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Render(value)
            }
        }
    }

    data class Http(
        val value: org.fabrique.core.types.HttpRequest,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Http {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.HttpRequest.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Http(value)
            }
        }
    }

    data class KeyValue(
        val value: org.fabrique.core.types.KeyValueOperation,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): KeyValue {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.KeyValueOperation.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return KeyValue(value)
            }
        }
    }

    data class Time(
        val value: org.fabrique.core.types.TimeRequest,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Time {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.TimeRequest.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Time(value)
            }
        }
    }

    data class Realtime(
        val value: org.fabrique.core.types.RealtimeOperation,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Realtime {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.RealtimeOperation.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Realtime(value)
            }
        }
    }

    data class Push(
        val value: org.fabrique.core.types.PushOperation,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Push {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.PushOperation.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Push(value)
            }
        }
    }

    data class Upload(
        val value: org.fabrique.core.types.UploadOperation,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Upload {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.UploadOperation.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Upload(value)
            }
        }
    }

    data class Download(
        val value: org.fabrique.core.types.DownloadOperation,
    ) : Effect {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Download {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.DownloadOperation.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Download(value)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Effect {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Render.deserialize(deserializer)
                1 -> Http.deserialize(deserializer)
                2 -> KeyValue.deserialize(deserializer)
                3 -> Time.deserialize(deserializer)
                4 -> Realtime.deserialize(deserializer)
                5 -> Push.deserialize(deserializer)
                6 -> Upload.deserialize(deserializer)
                7 -> Download.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for Effect: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Effect {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ErasureView(
    /// What deleting one's account does, and how to change one's mind.
    val explanation: String,
    val busy: Boolean,
    /// Why it was refused (a wrong password, no network); the dialog stays open.
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(explanation)
        serializer.serialize_bool(busy)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ErasureView {
            deserializer.increase_container_depth()
            val explanation = deserializer.deserialize_str()
            val busy = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return ErasureView(explanation, busy, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ErasureView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Everything a shell may tell the core.
sealed interface Event {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// The app started: load what this device holds, then sync. `language` is the device's,
    /// used until the person chooses one. The federation's address is asked of the person
    /// (or taken from an invitation link) and kept: one app serves every federation.
    data class Start(
        val language: org.fabrique.core.types.Language,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            language.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Start {
                deserializer.increase_container_depth()
                val language = org.fabrique.core.types.Language.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Start(language)
            }
        }
    }

    /// The app came to the foreground: sync now and keep the live channel open.
    data object Foreground: Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Foreground {
            return Foreground
        }
    }

    /// The app went to the background: close the live channel.
    data object Background: Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Background {
            return Background
        }
    }

    /// The live channel said something changed.
    data object Poked: Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Poked {
            return Poked
        }
    }

    /// A push notification arrived: sync, then show.
    data object PushReceived: Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): PushReceived {
            return PushReceived
        }
    }

    /// Pull-to-refresh.
    data object Refresh: Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Refresh {
            return Refresh
        }
    }

    data class Navigate(
        val value: org.fabrique.core.types.Route,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Navigate {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.Route.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Navigate(value)
            }
        }
    }

    data object Back: Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Back {
            return Back
        }
    }

    data class SetLanguage(
        val value: org.fabrique.core.types.Language,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(8)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): SetLanguage {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.Language.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return SetLanguage(value)
            }
        }
    }

    data object DismissNotice: Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(9)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): DismissNotice {
            return DismissNotice
        }
    }

    /// Forget a write the server refused, once the person has read why.
    data class DismissFailed(
        val id: ULong,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(10)
            serializer.serialize_u64(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DismissFailed {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_u64()
                deserializer.decrease_container_depth()
                return DismissFailed(id)
            }
        }
    }

    data class Accounts(
        val value: org.fabrique.core.types.AccountsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(11)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Accounts {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.AccountsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Accounts(value)
            }
        }
    }

    data class Feed(
        val value: org.fabrique.core.types.FeedEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(12)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Feed {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.FeedEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Feed(value)
            }
        }
    }

    data class Groups(
        val value: org.fabrique.core.types.GroupsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(13)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Groups {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.GroupsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Groups(value)
            }
        }
    }

    data class Posts(
        val value: org.fabrique.core.types.PostsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(14)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Posts {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.PostsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Posts(value)
            }
        }
    }

    /// The form in which one writes a post, a comment or an answer.
    data class Composer(
        val value: org.fabrique.core.types.ComposerEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(15)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Composer {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.ComposerEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Composer(value)
            }
        }
    }

    data class People(
        val value: org.fabrique.core.types.PeopleEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(16)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): People {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.PeopleEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return People(value)
            }
        }
    }

    data class Questions(
        val value: org.fabrique.core.types.QuestionsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(17)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Questions {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.QuestionsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Questions(value)
            }
        }
    }

    data class Search(
        val value: org.fabrique.core.types.SearchEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(18)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Search {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.SearchEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Search(value)
            }
        }
    }

    data class Notifications(
        val value: org.fabrique.core.types.NotificationsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(19)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Notifications {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.NotificationsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Notifications(value)
            }
        }
    }

    data class Events(
        val value: org.fabrique.core.types.EventsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(20)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Events {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.EventsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Events(value)
            }
        }
    }

    data class Moderation(
        val value: org.fabrique.core.types.ModerationEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(21)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Moderation {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.ModerationEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Moderation(value)
            }
        }
    }

    data class Conversations(
        val value: org.fabrique.core.types.ConversationsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(22)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Conversations {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.ConversationsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Conversations(value)
            }
        }
    }

    data class Polls(
        val value: org.fabrique.core.types.PollsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(23)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Polls {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.PollsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Polls(value)
            }
        }
    }

    /// Photos and documents for the open form.
    data class Attachments(
        val value: org.fabrique.core.types.AttachmentsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(24)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Attachments {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.AttachmentsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Attachments(value)
            }
        }
    }

    data class MustReads(
        val value: org.fabrique.core.types.MustReadsEvent,
    ) : Event {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(25)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MustReads {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.MustReadsEvent.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return MustReads(value)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Event {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Start.deserialize(deserializer)
                1 -> Foreground.deserialize(deserializer)
                2 -> Background.deserialize(deserializer)
                3 -> Poked.deserialize(deserializer)
                4 -> PushReceived.deserialize(deserializer)
                5 -> Refresh.deserialize(deserializer)
                6 -> Navigate.deserialize(deserializer)
                7 -> Back.deserialize(deserializer)
                8 -> SetLanguage.deserialize(deserializer)
                9 -> DismissNotice.deserialize(deserializer)
                10 -> DismissFailed.deserialize(deserializer)
                11 -> Accounts.deserialize(deserializer)
                12 -> Feed.deserialize(deserializer)
                13 -> Groups.deserialize(deserializer)
                14 -> Posts.deserialize(deserializer)
                15 -> Composer.deserialize(deserializer)
                16 -> People.deserialize(deserializer)
                17 -> Questions.deserialize(deserializer)
                18 -> Search.deserialize(deserializer)
                19 -> Notifications.deserialize(deserializer)
                20 -> Events.deserialize(deserializer)
                21 -> Moderation.deserialize(deserializer)
                22 -> Conversations.deserialize(deserializer)
                23 -> Polls.deserialize(deserializer)
                24 -> Attachments.deserialize(deserializer)
                25 -> MustReads.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for Event: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Event {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class EventFormView(
    /// When it starts and ends as people read it, on the event's clock ("14 mars 2027 à
    /// 18:30"), for the buttons that open the system's date and time pickers; `starts_at`
    /// and `ends_at` are what the pickers give back (RFC 3339).
    val startsText: String,
    val endsText: String,
    /// Changing an event (else a new one).
    val editing: Boolean,
    val groupName: String,
    val title: String,
    val description: String,
    val startsAt: String,
    val endsAt: String,
    val timeZone: String,
    val place: String,
    val onlineUrl: String,
    val capacity: UInt? = null,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(startsText)
        serializer.serialize_str(endsText)
        serializer.serialize_bool(editing)
        serializer.serialize_str(groupName)
        serializer.serialize_str(title)
        serializer.serialize_str(description)
        serializer.serialize_str(startsAt)
        serializer.serialize_str(endsAt)
        serializer.serialize_str(timeZone)
        serializer.serialize_str(place)
        serializer.serialize_str(onlineUrl)
        capacity.serializeOptionOf(serializer) {
            serializer.serialize_u32(it)
        }
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): EventFormView {
            deserializer.increase_container_depth()
            val startsText = deserializer.deserialize_str()
            val endsText = deserializer.deserialize_str()
            val editing = deserializer.deserialize_bool()
            val groupName = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val description = deserializer.deserialize_str()
            val startsAt = deserializer.deserialize_str()
            val endsAt = deserializer.deserialize_str()
            val timeZone = deserializer.deserialize_str()
            val place = deserializer.deserialize_str()
            val onlineUrl = deserializer.deserialize_str()
            val capacity =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_u32()
                }
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return EventFormView(startsText, endsText, editing, groupName, title, description, startsAt, endsAt, timeZone, place, onlineUrl, capacity, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): EventFormView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class EventSummary(
    val id: String,
    val title: String,
    val groupName: String,
    val startsAt: String,
    val endsAt: String,
    /// Where the event is held ("Europe/Paris").
    val timeZone: String,
    /// When, as people read it, on the clock of where it is held: "14 mars 2027 de 17:00 à
    /// 19:00", with that clock named when it is not the person's own.
    val whenText: String,
    val place: String,
    val cancelled: Boolean,
    /// "Vous participez", "Complet : vous êtes n° 3 sur la liste d'attente"; absent when not answered.
    val myStatus: String? = null,
    /// "Annulé", or how many go and the places left.
    val label: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(title)
        serializer.serialize_str(groupName)
        serializer.serialize_str(startsAt)
        serializer.serialize_str(endsAt)
        serializer.serialize_str(timeZone)
        serializer.serialize_str(whenText)
        serializer.serialize_str(place)
        serializer.serialize_bool(cancelled)
        myStatus.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        label.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): EventSummary {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val groupName = deserializer.deserialize_str()
            val startsAt = deserializer.deserialize_str()
            val endsAt = deserializer.deserialize_str()
            val timeZone = deserializer.deserialize_str()
            val whenText = deserializer.deserialize_str()
            val place = deserializer.deserialize_str()
            val cancelled = deserializer.deserialize_bool()
            val myStatus =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val label =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return EventSummary(id, title, groupName, startsAt, endsAt, timeZone, whenText, place, cancelled, myStatus, label)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): EventSummary {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class EventView(
    val id: String,
    /// Absent until the event is found (on the device or from the server).
    val event: org.fabrique.core.types.EventSummary? = null,
    val loading: Boolean,
    val error: String? = null,
    val description: String,
    val onlineUrl: String? = null,
    val seats: String,
    /// Going / maybe / declined, the selected one marked; empty when it cannot be answered.
    val choices: List<org.fabrique.core.types.RsvpButton>,
    val canAnswer: Boolean,
    /// My answer is on the phone, not yet confirmed.
    val answerPending: Boolean,
    /// I run the event's group: change it, cancel it, write to its attendees.
    val canManage: Boolean,
    val attendees: List<org.fabrique.core.types.AttendeeView>,
    /// Above the list, or what to say when no one goes yet; absent while it loads.
    val attendeesLabel: String? = null,
    val attachments: List<org.fabrique.core.types.AttachmentView>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        event.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(description)
        onlineUrl.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(seats)
        choices.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(canAnswer)
        serializer.serialize_bool(answerPending)
        serializer.serialize_bool(canManage)
        attendees.serialize(serializer) {
            it.serialize(serializer)
        }
        attendeesLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        attachments.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): EventView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val event =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.EventSummary.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val description = deserializer.deserialize_str()
            val onlineUrl =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val seats = deserializer.deserialize_str()
            val choices =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.RsvpButton.deserialize(deserializer)
                }
            val canAnswer = deserializer.deserialize_bool()
            val answerPending = deserializer.deserialize_bool()
            val canManage = deserializer.deserialize_bool()
            val attendees =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.AttendeeView.deserialize(deserializer)
                }
            val attendeesLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val attachments =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.AttachmentView.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return EventView(id, event, loading, error, description, onlineUrl, seats, choices, canAnswer, answerPending, canManage, attendees, attendeesLabel, attachments)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): EventView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface EventsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class Answer(
        val id: String,
        val choice: org.fabrique.core.types.Rsvp,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(id)
            choice.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Answer {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                val choice = org.fabrique.core.types.Rsvp.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Answer(id, choice)
            }
        }
    }

    /// Organisers: the form for a new event of this group.
    data class StartCreate(
        val groupId: String,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(groupId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): StartCreate {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return StartCreate(groupId)
            }
        }
    }

    /// Organisers: the form to change this event.
    data class StartEdit(
        val id: String,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): StartEdit {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return StartEdit(id)
            }
        }
    }

    /// What the form holds; times are RFC 3339 (the shell's date pickers), `capacity` absent
    /// for no limit.
    data class FormChanged(
        val title: String,
        val description: String,
        val startsAt: String,
        val endsAt: String,
        val timeZone: String,
        val place: String,
        val onlineUrl: String,
        val capacity: UInt? = null,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(title)
            serializer.serialize_str(description)
            serializer.serialize_str(startsAt)
            serializer.serialize_str(endsAt)
            serializer.serialize_str(timeZone)
            serializer.serialize_str(place)
            serializer.serialize_str(onlineUrl)
            capacity.serializeOptionOf(serializer) {
                serializer.serialize_u32(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): FormChanged {
                deserializer.increase_container_depth()
                val title = deserializer.deserialize_str()
                val description = deserializer.deserialize_str()
                val startsAt = deserializer.deserialize_str()
                val endsAt = deserializer.deserialize_str()
                val timeZone = deserializer.deserialize_str()
                val place = deserializer.deserialize_str()
                val onlineUrl = deserializer.deserialize_str()
                val capacity =
                    deserializer.deserializeOptionOf {
                        deserializer.deserialize_u32()
                    }
                deserializer.decrease_container_depth()
                return FormChanged(title, description, startsAt, endsAt, timeZone, place, onlineUrl, capacity)
            }
        }
    }

    data object SubmitForm: EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): SubmitForm {
            return SubmitForm
        }
    }

    data object CloseForm: EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): CloseForm {
            return CloseForm
        }
    }

    data class CancelEvent(
        val id: String,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): CancelEvent {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return CancelEvent(id)
            }
        }
    }

    /// Organisers: write to every member of a group…
    data class MessageGroup(
        val groupId: String,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            serializer.serialize_str(groupId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MessageGroup {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return MessageGroup(groupId)
            }
        }
    }

    /// …or to the people going to an event. The reach is shown before sending.
    data class MessageAttendees(
        val eventId: String,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(8)
            serializer.serialize_str(eventId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MessageAttendees {
                deserializer.increase_container_depth()
                val eventId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return MessageAttendees(eventId)
            }
        }
    }

    data class MessageChanged(
        val text: String,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(9)
            serializer.serialize_str(text)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MessageChanged {
                deserializer.increase_container_depth()
                val text = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return MessageChanged(text)
            }
        }
    }

    /// A message to a group may be a must-read one: pinned until each member says "J'ai
    /// lu", mailed a day later to those who have not. It then needs a title.
    data class MessageMustRead(
        val on: Boolean,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(10)
            serializer.serialize_bool(on)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MessageMustRead {
                deserializer.increase_container_depth()
                val on = deserializer.deserialize_bool()
                deserializer.decrease_container_depth()
                return MessageMustRead(on)
            }
        }
    }

    data class MessageTitleChanged(
        val title: String,
    ) : EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(11)
            serializer.serialize_str(title)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MessageTitleChanged {
                deserializer.increase_container_depth()
                val title = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return MessageTitleChanged(title)
            }
        }
    }

    data object SendMessage: EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(12)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): SendMessage {
            return SendMessage
        }
    }

    data object CloseMessage: EventsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(13)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): CloseMessage {
            return CloseMessage
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): EventsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Answer.deserialize(deserializer)
                1 -> StartCreate.deserialize(deserializer)
                2 -> StartEdit.deserialize(deserializer)
                3 -> FormChanged.deserialize(deserializer)
                4 -> SubmitForm.deserialize(deserializer)
                5 -> CloseForm.deserialize(deserializer)
                6 -> CancelEvent.deserialize(deserializer)
                7 -> MessageGroup.deserialize(deserializer)
                8 -> MessageAttendees.deserialize(deserializer)
                9 -> MessageChanged.deserialize(deserializer)
                10 -> MessageMustRead.deserialize(deserializer)
                11 -> MessageTitleChanged.deserialize(deserializer)
                12 -> SendMessage.deserialize(deserializer)
                13 -> CloseMessage.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for EventsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): EventsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class EventsView(
    val items: List<org.fabrique.core.types.EventSummary>,
    val emptyText: String? = null,
    /// The button to my calendar.
    val calendarLabel: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        items.serialize(serializer) {
            it.serialize(serializer)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(calendarLabel)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): EventsView {
            deserializer.increase_container_depth()
            val items =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.EventSummary.deserialize(deserializer)
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val calendarLabel = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return EventsView(items, emptyText, calendarLabel)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): EventsView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class FailedWriteView(
    val id: ULong,
    val label: String,
    /// What was written (the start of it), so nothing is lost: the person can copy it.
    val text: String,
    val reason: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_u64(id)
        serializer.serialize_str(label)
        serializer.serialize_str(text)
        serializer.serialize_str(reason)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): FailedWriteView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_u64()
            val label = deserializer.deserialize_str()
            val text = deserializer.deserialize_str()
            val reason = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return FailedWriteView(id, label, text, reason)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): FailedWriteView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The first screen on a new phone: the federation's address.
data class FederationView(
    /// What to fill the field with (the address last typed).
    val address: String,
    /// Checking the address with its server.
    val busy: Boolean,
    val error: String? = null,
    val notice: String? = null,
    /// What to type, and where to find it.
    val help: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(address)
        serializer.serialize_bool(busy)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        notice.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(help)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): FederationView {
            deserializer.increase_container_depth()
            val address = deserializer.deserialize_str()
            val busy = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val notice =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val help = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return FederationView(address, busy, error, notice, help)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): FederationView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

enum class FeedEvent {
    /// Show older posts.
    MORE;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): FeedEvent {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> MORE
                else -> throw DeserializationError("Unknown variant index for FeedEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): FeedEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class FeedView(
    /// Must-read messages I have not read yet, pinned above everything until "J'ai lu".
    val pinned: List<org.fabrique.core.types.MustReadCard>,
    val items: List<org.fabrique.core.types.PostSummary>,
    val hasMore: Boolean,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        pinned.serialize(serializer) {
            it.serialize(serializer)
        }
        items.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(hasMore)
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): FeedView {
            deserializer.increase_container_depth()
            val pinned =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.MustReadCard.deserialize(deserializer)
                }
            val items =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.PostSummary.deserialize(deserializer)
                }
            val hasMore = deserializer.deserialize_bool()
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return FeedView(pinned, items, hasMore, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): FeedView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// A file chosen for the form open now.
data class FileView(
    val id: String,
    val name: String,
    /// "2,4 Mo".
    val size: String,
    /// 0 to 100.
    val progress: UByte,
    /// "Sending…", "Waiting for the network…", "Ready"; empty when refused.
    val status: String,
    /// Why the file cannot go (too large, a kind not accepted): the person removes it.
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(name)
        serializer.serialize_str(size)
        serializer.serialize_u8(progress)
        serializer.serialize_str(status)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): FileView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val name = deserializer.deserialize_str()
            val size = deserializer.deserialize_str()
            val progress = deserializer.deserialize_u8()
            val status = deserializer.deserialize_str()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return FileView(id, name, size, progress, status, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): FileView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class GroupLevelRow(
    val groupId: String,
    val name: String,
    val level: org.fabrique.core.types.Level,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(groupId)
        serializer.serialize_str(name)
        level.serialize(serializer)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): GroupLevelRow {
            deserializer.increase_container_depth()
            val groupId = deserializer.deserialize_str()
            val name = deserializer.deserialize_str()
            val level = org.fabrique.core.types.Level.deserialize(deserializer)
            deserializer.decrease_container_depth()
            return GroupLevelRow(groupId, name, level)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): GroupLevelRow {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

enum class GroupRelation {
    NONE,
    MEMBER,
    ORGANISER,
    ADMIN,
    FOLLOWING,
    /// A request to join a private group waits for its organisers.
    REQUESTED,
    /// An organiser invited me: I join when I want.
    INVITED;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): GroupRelation {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> NONE
                1 -> MEMBER
                2 -> ORGANISER
                3 -> ADMIN
                4 -> FOLLOWING
                5 -> REQUESTED
                6 -> INVITED
                else -> throw DeserializationError("Unknown variant index for GroupRelation: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): GroupRelation {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class GroupReportView(
    val caseId: String,
    /// "Publication de Bruno" / "Bruno's post".
    val title: String,
    val excerpt: String,
    /// "Publicité ou message indésirable (2 signalements)".
    val reasons: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(caseId)
        serializer.serialize_str(title)
        serializer.serialize_str(excerpt)
        serializer.serialize_str(reasons)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): GroupReportView {
            deserializer.increase_container_depth()
            val caseId = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val excerpt = deserializer.deserialize_str()
            val reasons = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return GroupReportView(caseId, title, excerpt, reasons)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): GroupReportView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class GroupSummary(
    val id: String,
    val name: String,
    val description: String,
    val private: Boolean,
    val memberCount: UInt,
    val relation: org.fabrique.core.types.GroupRelation,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(name)
        serializer.serialize_str(description)
        serializer.serialize_bool(private)
        serializer.serialize_u32(memberCount)
        relation.serialize(serializer)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): GroupSummary {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val name = deserializer.deserialize_str()
            val description = deserializer.deserialize_str()
            val private = deserializer.deserialize_bool()
            val memberCount = deserializer.deserialize_u32()
            val relation = org.fabrique.core.types.GroupRelation.deserialize(deserializer)
            deserializer.decrease_container_depth()
            return GroupSummary(id, name, description, private, memberCount, relation)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): GroupSummary {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class GroupView(
    val id: String,
    /// Absent until the group is found (on the device or from the server).
    val group: org.fabrique.core.types.GroupSummary? = null,
    val loading: Boolean,
    val error: String? = null,
    val posts: List<org.fabrique.core.types.PostSummary>,
    val hasMorePosts: Boolean,
    val emptyText: String? = null,
    val canPost: Boolean,
    val canJoin: Boolean,
    val canAskToJoin: Boolean,
    val canFollow: Boolean,
    val canUnfollow: Boolean,
    val canLeave: Boolean,
    /// The group's questions held on the device, newest first.
    val questions: List<org.fabrique.core.types.QuestionSummary>,
    val canAsk: Boolean,
    /// The group's coming events held on the device, soonest first.
    val events: List<org.fabrique.core.types.EventSummary>,
    /// The group's polls, newest first.
    val polls: List<org.fabrique.core.types.PollView>,
    /// I run the group: create events, write to its members.
    val canOrganise: Boolean,
    /// Open reports about the group, for those who run it; what they may decide.
    val reports: List<org.fabrique.core.types.GroupReportView>,
    val reportDecisions: List<org.fabrique.core.types.DecisionOption>,
    val reportsHint: String? = null,
    /// Requests to join, for those who run the group, oldest first.
    val joinRequests: List<org.fabrique.core.types.JoinRequestView>,
    val joinRequestsHint: String? = null,
    /// I run the group: invite people (`Route::PickPeople` with `PickPurpose::InviteToGroup`).
    val canInvite: Boolean,
    /// Said when an organiser invited me (I join with `Join`).
    val invitedText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        group.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        posts.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(hasMorePosts)
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canPost)
        serializer.serialize_bool(canJoin)
        serializer.serialize_bool(canAskToJoin)
        serializer.serialize_bool(canFollow)
        serializer.serialize_bool(canUnfollow)
        serializer.serialize_bool(canLeave)
        questions.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(canAsk)
        events.serialize(serializer) {
            it.serialize(serializer)
        }
        polls.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(canOrganise)
        reports.serialize(serializer) {
            it.serialize(serializer)
        }
        reportDecisions.serialize(serializer) {
            it.serialize(serializer)
        }
        reportsHint.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        joinRequests.serialize(serializer) {
            it.serialize(serializer)
        }
        joinRequestsHint.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canInvite)
        invitedText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): GroupView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val group =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.GroupSummary.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val posts =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.PostSummary.deserialize(deserializer)
                }
            val hasMorePosts = deserializer.deserialize_bool()
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canPost = deserializer.deserialize_bool()
            val canJoin = deserializer.deserialize_bool()
            val canAskToJoin = deserializer.deserialize_bool()
            val canFollow = deserializer.deserialize_bool()
            val canUnfollow = deserializer.deserialize_bool()
            val canLeave = deserializer.deserialize_bool()
            val questions =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.QuestionSummary.deserialize(deserializer)
                }
            val canAsk = deserializer.deserialize_bool()
            val events =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.EventSummary.deserialize(deserializer)
                }
            val polls =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.PollView.deserialize(deserializer)
                }
            val canOrganise = deserializer.deserialize_bool()
            val reports =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.GroupReportView.deserialize(deserializer)
                }
            val reportDecisions =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.DecisionOption.deserialize(deserializer)
                }
            val reportsHint =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val joinRequests =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.JoinRequestView.deserialize(deserializer)
                }
            val joinRequestsHint =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canInvite = deserializer.deserialize_bool()
            val invitedText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return GroupView(id, group, loading, error, posts, hasMorePosts, emptyText, canPost, canJoin, canAskToJoin, canFollow, canUnfollow, canLeave, questions, canAsk, events, polls, canOrganise, reports, reportDecisions, reportsHint, joinRequests, joinRequestsHint, canInvite, invitedText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): GroupView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface GroupsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Browse groups whose name holds these words (all groups when empty).
    data class Search(
        val query: String,
    ) : GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(query)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Search {
                deserializer.increase_container_depth()
                val query = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Search(query)
            }
        }
    }

    data object MoreResults: GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): MoreResults {
            return MoreResults
        }
    }

    /// Older posts of a group this device does not hold.
    data object MorePosts: GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): MorePosts {
            return MorePosts
        }
    }

    data class Join(
        val id: String,
    ) : GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Join {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Join(id)
            }
        }
    }

    data class AskToJoin(
        val id: String,
        val message: String,
    ) : GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.serialize_str(id)
            serializer.serialize_str(message)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): AskToJoin {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                val message = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return AskToJoin(id, message)
            }
        }
    }

    data class Follow(
        val id: String,
    ) : GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Follow {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Follow(id)
            }
        }
    }

    data class Unfollow(
        val id: String,
    ) : GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Unfollow {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Unfollow(id)
            }
        }
    }

    data class Leave(
        val id: String,
    ) : GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Leave {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Leave(id)
            }
        }
    }

    /// An organiser answers a request to join their group.
    data class DecideJoinRequest(
        val groupId: String,
        val personId: String,
        val accept: Boolean,
    ) : GroupsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(8)
            serializer.serialize_str(groupId)
            serializer.serialize_str(personId)
            serializer.serialize_bool(accept)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DecideJoinRequest {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                val personId = deserializer.deserialize_str()
                val accept = deserializer.deserialize_bool()
                deserializer.decrease_container_depth()
                return DecideJoinRequest(groupId, personId, accept)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): GroupsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Search.deserialize(deserializer)
                1 -> MoreResults.deserialize(deserializer)
                2 -> MorePosts.deserialize(deserializer)
                3 -> Join.deserialize(deserializer)
                4 -> AskToJoin.deserialize(deserializer)
                5 -> Follow.deserialize(deserializer)
                6 -> Unfollow.deserialize(deserializer)
                7 -> Leave.deserialize(deserializer)
                8 -> DecideJoinRequest.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for GroupsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): GroupsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Text with the places to highlight: `marks` holds pairs of character offsets (start, end).
data class HighlightedView(
    val text: String,
    val marks: List<UInt>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(text)
        marks.serialize(serializer) {
            serializer.serialize_u32(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): HighlightedView {
            deserializer.increase_container_depth()
            val text = deserializer.deserialize_str()
            val marks =
                deserializer.deserializeListOf {
                    deserializer.deserialize_u32()
                }
            deserializer.decrease_container_depth()
            return HighlightedView(text, marks)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): HighlightedView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// An error produced when an HTTP request fails.
/// 
/// Variants fall into two groups:
/// 
/// **Transport errors** — generated by the shell when it cannot complete the HTTP
/// exchange. These cross the FFI boundary and are serialized in the protocol:
/// [`Url`](HttpError::Url), [`Io`](HttpError::Io), [`Timeout`](HttpError::Timeout).
/// 
/// **Processing errors** — generated on the Rust side after a response arrives.
/// These are never serialized or visible to shells:
/// 
/// - [`Http`](HttpError::Http) — produced by `Response::new()` when the server returns
/// a 4xx or 5xx status, and **only** then. At the *protocol* level these arrive as
/// [`HttpResult::Ok`](crate::protocol::HttpResult::Ok); `Response::new()` converts
/// them here, so app code using `crux_http::Result<Response<T>>` will see them as
/// `Err(HttpError::Http { code, .. })` — **never** as `Ok(response)` with an error
/// status.
/// - [`Json`](HttpError::Json) — produced when response body deserialisation fails.
/// - [`BodyAlreadyTaken`](HttpError::BodyAlreadyTaken) — a caller took the response body
/// twice.
/// - [`InvalidStatusCode`](HttpError::InvalidStatusCode) — the shell sent a status that
/// isn't valid HTTP.
/// 
/// # Reading what the server said
/// 
/// Because a rejection arrives as an error rather than a response, everything the server
/// sent with it lives on this type: [`HttpError::body`] and [`HttpError::body_json`] for
/// the body, [`HttpError::header`] and [`HttpError::content_type`] for the headers. No
/// matching on the variant's fields required:
/// 
/// ```
/// # use serde::Deserialize;
/// #[derive(Deserialize)]
/// struct ApiError {
/// error: String,
/// }
/// 
/// // the `crux_http::Result` a feature receives when the server rejects a request
/// let result: crux_http::Result<crux_http::Response<Vec<u8>>> =
/// crux_http::testing::rejection(409, r#"{"error":"that overlaps a booked day"}"#);
/// 
/// let error = result.expect_err("a 409 is never Ok");
/// assert_eq!(error.code(), Some(409));
/// assert_eq!(
/// error.body_json::<ApiError>().unwrap().error,
/// "that overlaps a booked day"
/// );
/// ```
sealed interface HttpError {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// The request URL could not be parsed.
    data class Url(
        val value: String,
    ) : HttpError {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(value)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Url {
                deserializer.increase_container_depth()
                val value = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Url(value)
            }
        }
    }

    /// An IO error prevented the request from completing.
    data class Io(
        val value: String,
    ) : HttpError {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(value)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Io {
                deserializer.increase_container_depth()
                val value = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Io(value)
            }
        }
    }

    /// The request timed out before a response was received.
    data object Timeout: HttpError {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Timeout {
            return Timeout
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): HttpError {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Url.deserialize(deserializer)
                1 -> Io.deserialize(deserializer)
                2 -> Timeout.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for HttpError: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): HttpError {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class HttpHeader(
    val name: String,
    val value: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(name)
        serializer.serialize_str(value)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): HttpHeader {
            deserializer.increase_container_depth()
            val name = deserializer.deserialize_str()
            val value = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return HttpHeader(name, value)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): HttpHeader {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// A raw HTTP request, as sent to the shell over the protocol boundary.
/// 
/// # No header validation
/// 
/// All fields are plain strings. Header names and values are carried as-is with no
/// validation against the HTTP specification. This is intentional: `HttpRequest` is a
/// cross-language data carrier deserialised by Swift, Kotlin, and TypeScript shells;
/// Rust's `http`-crate validation rules cannot be enforced on the other side of that
/// boundary.
/// 
/// **Shell authors must not assume that header names or values are well-formed.**
/// Pass them to your underlying HTTP client as-is — it will apply its own rules.
/// 
/// For the ergonomic Rust-side builder that *does* validate header values (and panics
/// on invalid input), see [`crate::command::RequestBuilder`].
data class HttpRequest(
    val method: String,
    val url: String,
    val headers: List<org.fabrique.core.types.HttpHeader>,
    val body: Bytes,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(method)
        serializer.serialize_str(url)
        headers.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bytes(body)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): HttpRequest {
            deserializer.increase_container_depth()
            val method = deserializer.deserialize_str()
            val url = deserializer.deserialize_str()
            val headers =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.HttpHeader.deserialize(deserializer)
                }
            val body = deserializer.deserialize_bytes()
            deserializer.decrease_container_depth()
            return HttpRequest(method, url, headers, body)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): HttpRequest {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class HttpResponse(
    val status: UShort,
    val headers: List<org.fabrique.core.types.HttpHeader>,
    val body: Bytes,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_u16(status)
        headers.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bytes(body)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): HttpResponse {
            deserializer.increase_container_depth()
            val status = deserializer.deserialize_u16()
            val headers =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.HttpHeader.deserialize(deserializer)
                }
            val body = deserializer.deserialize_bytes()
            deserializer.decrease_container_depth()
            return HttpResponse(status, headers, body)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): HttpResponse {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The result of an HTTP request, as returned by the shell over the protocol boundary.
/// 
/// # Status codes are not errors
/// 
/// Any completed HTTP exchange — including responses with 4xx or 5xx status codes — is
/// returned as [`HttpResult::Ok`]. Only *transport-level* failures (the shell could not
/// reach the server at all) produce [`HttpResult::Err`].
/// 
/// To act on an error status, inspect [`HttpResponse::status`]:
/// 
/// ```
/// # use crux_http::protocol::{HttpResult, HttpResponse};
/// # use crux_http::HttpError;
/// # fn handle(result: HttpResult) {
/// match result {
/// HttpResult::Ok(response) if response.status == 200 => { /* success */ }
/// HttpResult::Ok(response) if response.status == 404 => { /* not found */ }
/// HttpResult::Ok(response) if response.status >= 500 => { /* server error */ }
/// HttpResult::Ok(_) => { /* other status */ }
/// HttpResult::Err(e) => { /* transport failure: bad URL, IO error, or timeout */ }
/// }
/// # }
/// ```
sealed interface HttpResult {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// The shell completed the HTTP exchange. The response may carry any status code,
    /// including 4xx and 5xx — inspect [`HttpResponse::status`] to distinguish them.
    data class Ok(
        val value: org.fabrique.core.types.HttpResponse,
    ) : HttpResult {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Ok {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.HttpResponse.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Ok(value)
            }
        }
    }

    /// The shell could not complete the HTTP exchange due to a transport-level failure.
    /// See [`HttpError`] for the possible causes.
    data class Err(
        val value: org.fabrique.core.types.HttpError,
    ) : HttpResult {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Err {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.HttpError.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Err(value)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): HttpResult {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Ok.deserialize(deserializer)
                1 -> Err.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for HttpResult: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): HttpResult {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Represents a point in time (UTC):
/// 
/// - seconds: number of seconds since the Unix epoch (1970-01-01T00:00:00Z)
/// - nanos: number of nanoseconds since the last second
data class Instant(
    val seconds: ULong,
    val nanos: UInt,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_u64(seconds)
        serializer.serialize_u32(nanos)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): Instant {
            deserializer.increase_container_depth()
            val seconds = deserializer.deserialize_u64()
            val nanos = deserializer.deserialize_u32()
            deserializer.decrease_container_depth()
            return Instant(seconds, nanos)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Instant {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Someone asking to join a group, as its organisers see it.
data class JoinRequestView(
    val personId: String,
    val displayName: String,
    val message: String,
    /// When they asked, as people say it ("hier à 18 h").
    val whenText: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(personId)
        serializer.serialize_str(displayName)
        serializer.serialize_str(message)
        serializer.serialize_str(whenText)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): JoinRequestView {
            deserializer.increase_container_depth()
            val personId = deserializer.deserialize_str()
            val displayName = deserializer.deserialize_str()
            val message = deserializer.deserialize_str()
            val whenText = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return JoinRequestView(personId, displayName, message, whenText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): JoinRequestView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Error type for `KeyValue` operations
sealed interface KeyValueError {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class Io(
        val message: String,
    ) : KeyValueError {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(message)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Io {
                deserializer.increase_container_depth()
                val message = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Io(message)
            }
        }
    }

    data object Timeout: KeyValueError {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Timeout {
            return Timeout
        }
    }

    data object CursorNotFound: KeyValueError {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): CursorNotFound {
            return CursorNotFound
        }
    }

    data class Other(
        val message: String,
    ) : KeyValueError {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(message)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Other {
                deserializer.increase_container_depth()
                val message = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Other(message)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): KeyValueError {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Io.deserialize(deserializer)
                1 -> Timeout.deserialize(deserializer)
                2 -> CursorNotFound.deserialize(deserializer)
                3 -> Other.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for KeyValueError: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): KeyValueError {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Supported operations
sealed interface KeyValueOperation {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Read bytes stored under a key
    data class Get(
        val key: String,
    ) : KeyValueOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(key)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Get {
                deserializer.increase_container_depth()
                val key = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Get(key)
            }
        }
    }

    /// Write bytes under a key
    data class Set(
        val key: String,
        val value: List<UByte>,
    ) : KeyValueOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(key)
            value.serialize(serializer) {
                serializer.serialize_u8(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Set {
                deserializer.increase_container_depth()
                val key = deserializer.deserialize_str()
                val value =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_u8()
                    }
                deserializer.decrease_container_depth()
                return Set(key, value)
            }
        }
    }

    /// Remove a key and its value
    data class Delete(
        val key: String,
    ) : KeyValueOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(key)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Delete {
                deserializer.increase_container_depth()
                val key = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Delete(key)
            }
        }
    }

    /// Test if a key exists
    data class Exists(
        val key: String,
    ) : KeyValueOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(key)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Exists {
                deserializer.increase_container_depth()
                val key = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Exists(key)
            }
        }
    }

    data class ListKeys(
        /// The prefix to list keys for, or an empty string to list all keys
        val prefix: String,
        /// The cursor to start listing from, or 0 to start from the beginning.
        /// If there are more keys to list, the response will include a new cursor.
        /// If there are no more keys, the response will include a cursor of 0.
        /// The cursor is opaque to the caller, and should be passed back to the
        /// `ListKeys` operation to continue listing keys.
        /// If the cursor is not found for the specified prefix, the response will include
        /// a `KeyValueError::CursorNotFound` error.
        val cursor: ULong,
    ) : KeyValueOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.serialize_str(prefix)
            serializer.serialize_u64(cursor)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): ListKeys {
                deserializer.increase_container_depth()
                val prefix = deserializer.deserialize_str()
                val cursor = deserializer.deserialize_u64()
                deserializer.decrease_container_depth()
                return ListKeys(prefix, cursor)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): KeyValueOperation {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Get.deserialize(deserializer)
                1 -> Set.deserialize(deserializer)
                2 -> Delete.deserialize(deserializer)
                3 -> Exists.deserialize(deserializer)
                4 -> ListKeys.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for KeyValueOperation: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): KeyValueOperation {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface KeyValueResponse {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Response to a `KeyValueOperation::Get`,
    /// returning the value stored under the key, which may be empty
    data class Get(
        val value: org.fabrique.core.types.Value,
    ) : KeyValueResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Get {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.Value.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Get(value)
            }
        }
    }

    /// Response to a `KeyValueOperation::Set`,
    /// returning the value that was previously stored under the key, may be empty
    data class Set(
        val previous: org.fabrique.core.types.Value,
    ) : KeyValueResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            previous.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Set {
                deserializer.increase_container_depth()
                val previous = org.fabrique.core.types.Value.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Set(previous)
            }
        }
    }

    /// Response to a `KeyValueOperation::Delete`,
    /// returning the value that was previously stored under the key, may be empty
    data class Delete(
        val previous: org.fabrique.core.types.Value,
    ) : KeyValueResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            previous.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Delete {
                deserializer.increase_container_depth()
                val previous = org.fabrique.core.types.Value.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Delete(previous)
            }
        }
    }

    /// Response to a `KeyValueOperation::Exists`,
    /// returning whether the key is present in the store
    data class Exists(
        val isPresent: Boolean,
    ) : KeyValueResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_bool(isPresent)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Exists {
                deserializer.increase_container_depth()
                val isPresent = deserializer.deserialize_bool()
                deserializer.decrease_container_depth()
                return Exists(isPresent)
            }
        }
    }

    /// Response to a `KeyValueOperation::ListKeys`,
    /// returning a list of keys that start with the prefix, and a cursor to continue listing
    /// if there are more keys
    /// 
    /// Note: the cursor is 0 if there are no more keys
    data class ListKeys(
        val keys: List<String>,
        /// The cursor to continue listing keys, or 0 if there are no more keys.
        /// If the cursor is not found for the specified prefix, the response should instead
        /// include a `KeyValueError::CursorNotFound` error.
        val nextCursor: ULong,
    ) : KeyValueResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            keys.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.serialize_u64(nextCursor)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): ListKeys {
                deserializer.increase_container_depth()
                val keys =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                val nextCursor = deserializer.deserialize_u64()
                deserializer.decrease_container_depth()
                return ListKeys(keys, nextCursor)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): KeyValueResponse {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Get.deserialize(deserializer)
                1 -> Set.deserialize(deserializer)
                2 -> Delete.deserialize(deserializer)
                3 -> Exists.deserialize(deserializer)
                4 -> ListKeys.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for KeyValueResponse: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): KeyValueResponse {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The result of an operation on the store.
/// 
/// Note: we can't use [`core::result::Result`] here because it is not currently
/// supported across the FFI boundary, when using `typegen` or `facet_typegen`.
sealed interface KeyValueResult {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class Ok(
        val response: org.fabrique.core.types.KeyValueResponse,
    ) : KeyValueResult {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            response.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Ok {
                deserializer.increase_container_depth()
                val response = org.fabrique.core.types.KeyValueResponse.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Ok(response)
            }
        }
    }

    data class Err(
        val error: org.fabrique.core.types.KeyValueError,
    ) : KeyValueResult {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            error.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Err {
                deserializer.increase_container_depth()
                val error = org.fabrique.core.types.KeyValueError.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Err(error)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): KeyValueResult {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Ok.deserialize(deserializer)
                1 -> Err.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for KeyValueResult: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): KeyValueResult {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class KindToggle(
    /// The kind's stable name, sent back in `SaveSettings`.
    val kind: String,
    val label: String,
    val on: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(kind)
        serializer.serialize_str(label)
        serializer.serialize_bool(on)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): KindToggle {
            deserializer.increase_container_depth()
            val kind = deserializer.deserialize_str()
            val label = deserializer.deserialize_str()
            val on = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return KindToggle(kind, label, on)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): KindToggle {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The person's language, chosen in the app (the device's language at first).
enum class Language {
    FRENCH,
    ENGLISH;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Language {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> FRENCH
                1 -> ENGLISH
                else -> throw DeserializationError("Unknown variant index for Language: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Language {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// How much of a group reaches me.
enum class Level {
    EVERYTHING,
    IMPORTANT,
    NOTHING;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Level {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> EVERYTHING
                1 -> IMPORTANT
                2 -> NOTHING
                else -> throw DeserializationError("Unknown variant index for Level: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Level {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class LevelOption(
    val level: org.fabrique.core.types.Level,
    val label: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        level.serialize(serializer)
        serializer.serialize_str(label)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): LevelOption {
            deserializer.increase_container_depth()
            val level = org.fabrique.core.types.Level.deserialize(deserializer)
            val label = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return LevelOption(level, label)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): LevelOption {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class MentionCandidate(
    val personId: String,
    val displayName: String,
    /// The whole text once this person is chosen.
    val text: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(personId)
        serializer.serialize_str(displayName)
        serializer.serialize_str(text)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): MentionCandidate {
            deserializer.increase_container_depth()
            val personId = deserializer.deserialize_str()
            val displayName = deserializer.deserialize_str()
            val text = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return MentionCandidate(personId, displayName, text)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): MentionCandidate {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class MessageView(
    /// "Aux participants de « … »"
    val audienceLabel: String,
    val text: String,
    /// How many people it will reach and how many messages are left today; absent while asked.
    val reachText: String? = null,
    val loading: Boolean,
    val canSend: Boolean,
    val error: String? = null,
    /// The switch "must-read message" is offered (to a group, not to an event's attendees).
    val canBeMustRead: Boolean,
    val mustRead: Boolean,
    /// "Message important à lire par tous" and what it means.
    val mustReadLabel: String,
    val mustReadHint: String,
    /// Shown when `must_read`: the title field.
    val titleLabel: String,
    val title: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(audienceLabel)
        serializer.serialize_str(text)
        reachText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(loading)
        serializer.serialize_bool(canSend)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canBeMustRead)
        serializer.serialize_bool(mustRead)
        serializer.serialize_str(mustReadLabel)
        serializer.serialize_str(mustReadHint)
        serializer.serialize_str(titleLabel)
        serializer.serialize_str(title)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): MessageView {
            deserializer.increase_container_depth()
            val audienceLabel = deserializer.deserialize_str()
            val text = deserializer.deserialize_str()
            val reachText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val loading = deserializer.deserialize_bool()
            val canSend = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canBeMustRead = deserializer.deserialize_bool()
            val mustRead = deserializer.deserialize_bool()
            val mustReadLabel = deserializer.deserialize_str()
            val mustReadHint = deserializer.deserialize_str()
            val titleLabel = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return MessageView(audienceLabel, text, reachText, loading, canSend, error, canBeMustRead, mustRead, mustReadLabel, mustReadHint, titleLabel, title)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): MessageView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface ModerationEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Accept the charter shown on the charter screen.
    data object AcceptCharter: ModerationEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): AcceptCharter {
            return AcceptCharter
        }
    }

    /// Report something to the moderators (from the report screen).
    data class Report(
        val what: org.fabrique.core.types.ReportWhat,
        val id: String,
        val reason: org.fabrique.core.types.ReportWhy,
        val details: String,
    ) : ModerationEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            what.serialize(serializer)
            serializer.serialize_str(id)
            reason.serialize(serializer)
            serializer.serialize_str(details)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Report {
                deserializer.increase_container_depth()
                val what = org.fabrique.core.types.ReportWhat.deserialize(deserializer)
                val id = deserializer.deserialize_str()
                val reason = org.fabrique.core.types.ReportWhy.deserialize(deserializer)
                val details = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Report(what, id, reason, details)
            }
        }
    }

    /// An organiser decides a report about their group, with the reason the author and the
    /// reporters will read.
    data class DecideReport(
        val caseId: String,
        val decision: org.fabrique.core.types.Decision,
        val reason: String,
    ) : ModerationEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(caseId)
            decision.serialize(serializer)
            serializer.serialize_str(reason)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DecideReport {
                deserializer.increase_container_depth()
                val caseId = deserializer.deserialize_str()
                val decision = org.fabrique.core.types.Decision.deserialize(deserializer)
                val reason = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return DecideReport(caseId, decision, reason)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): ModerationEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> AcceptCharter.deserialize(deserializer)
                1 -> Report.deserialize(deserializer)
                2 -> DecideReport.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for ModerationEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ModerationEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// A must-read message pinned at the top of the feed until I say I read it.
data class MustReadCard(
    val id: String,
    /// "Message important" / "Important message".
    val label: String,
    val title: String,
    /// "De Ada Admin, à Fédération test".
    val from: String,
    /// The start of the text.
    val excerpt: String,
    val sentAt: String,
    val acknowledgeLabel: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(label)
        serializer.serialize_str(title)
        serializer.serialize_str(from)
        serializer.serialize_str(excerpt)
        serializer.serialize_str(sentAt)
        serializer.serialize_str(acknowledgeLabel)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): MustReadCard {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val label = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val from = deserializer.deserialize_str()
            val excerpt = deserializer.deserialize_str()
            val sentAt = deserializer.deserialize_str()
            val acknowledgeLabel = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return MustReadCard(id, label, title, from, excerpt, sentAt, acknowledgeLabel)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): MustReadCard {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// One must-read message, whole.
data class MustReadView(
    val id: String,
    val label: String,
    val title: String,
    val from: String,
    val body: String,
    val sentAt: String,
    /// I may say "J'ai lu" (a recipient who has not yet).
    val canAcknowledge: Boolean,
    val acknowledgeLabel: String,
    /// "Vous l'avez lu." once I did (or "Vous l'avez envoyé." to its sender).
    val readText: String? = null,
    /// For its sender and its group's organisers: how far it reached.
    val reach: org.fabrique.core.types.ReachView? = null,
    val loading: Boolean,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(label)
        serializer.serialize_str(title)
        serializer.serialize_str(from)
        serializer.serialize_str(body)
        serializer.serialize_str(sentAt)
        serializer.serialize_bool(canAcknowledge)
        serializer.serialize_str(acknowledgeLabel)
        readText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        reach.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): MustReadView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val label = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val from = deserializer.deserialize_str()
            val body = deserializer.deserialize_str()
            val sentAt = deserializer.deserialize_str()
            val canAcknowledge = deserializer.deserialize_bool()
            val acknowledgeLabel = deserializer.deserialize_str()
            val readText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val reach =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.ReachView.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return MustReadView(id, label, title, from, body, sentAt, canAcknowledge, acknowledgeLabel, readText, reach, loading, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): MustReadView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface MustReadsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// "J'ai lu": the message leaves the top of the feed.
    data class Acknowledge(
        val id: String,
    ) : MustReadsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Acknowledge {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Acknowledge(id)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): MustReadsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Acknowledge.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for MustReadsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): MustReadsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class MyGroupsView(
    val groups: List<org.fabrique.core.types.GroupSummary>,
    val emptyText: String? = null,
    /// Groups of my association and of the federation I am not in, to join in one tap
    /// (`Join`, or `AskToJoin` for a private one); with a title saying so.
    val suggestions: List<org.fabrique.core.types.GroupSummary>,
    val suggestionsTitle: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        groups.serialize(serializer) {
            it.serialize(serializer)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        suggestions.serialize(serializer) {
            it.serialize(serializer)
        }
        suggestionsTitle.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): MyGroupsView {
            deserializer.increase_container_depth()
            val groups =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.GroupSummary.deserialize(deserializer)
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val suggestions =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.GroupSummary.deserialize(deserializer)
                }
            val suggestionsTitle =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return MyGroupsView(groups, emptyText, suggestions, suggestionsTitle)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): MyGroupsView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class MyProfileView(
    val profile: org.fabrique.core.types.ProfileView? = null,
    val email: String,
    val pending: Boolean,
    /// The form stays open with what was typed when the core refused it.
    val editor: org.fabrique.core.types.ProfileEditorView? = null,
    /// "Delete my account": what it does, said before the password is asked.
    val erasure: org.fabrique.core.types.ErasureView,
    /// "My data": copies of one's data to ask for and download.
    val data: org.fabrique.core.types.DataCopiesView,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        profile.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_str(email)
        serializer.serialize_bool(pending)
        editor.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        erasure.serialize(serializer)
        data.serialize(serializer)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): MyProfileView {
            deserializer.increase_container_depth()
            val profile =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.ProfileView.deserialize(deserializer)
                }
            val email = deserializer.deserialize_str()
            val pending = deserializer.deserialize_bool()
            val editor =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.ProfileEditorView.deserialize(deserializer)
                }
            val erasure = org.fabrique.core.types.ErasureView.deserialize(deserializer)
            val data = org.fabrique.core.types.DataCopiesView.deserialize(deserializer)
            deserializer.decrease_container_depth()
            return MyProfileView(profile, email, pending, editor, erasure, data)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): MyProfileView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class NotificationItemView(
    val id: String,
    /// "Awa pose une question : « … »"
    val text: String,
    val createdAt: String,
    /// When, as people read it ("14 mars 2027 à 17:00").
    val whenText: String,
    val unread: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(text)
        serializer.serialize_str(createdAt)
        serializer.serialize_str(whenText)
        serializer.serialize_bool(unread)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): NotificationItemView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val text = deserializer.deserialize_str()
            val createdAt = deserializer.deserialize_str()
            val whenText = deserializer.deserialize_str()
            val unread = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return NotificationItemView(id, text, createdAt, whenText, unread)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): NotificationItemView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class NotificationSettingsView(
    val timeZone: String,
    /// "22:00" and "07:00" when quiet hours are set.
    val quietStart: String? = null,
    val quietEnd: String? = null,
    val hint: String,
    val kinds: List<org.fabrique.core.types.KindToggle>,
    /// Each group of mine with its level, and the levels to choose from.
    val groups: List<org.fabrique.core.types.GroupLevelRow>,
    val levels: List<org.fabrique.core.types.LevelOption>,
    /// The e-mail summary: what it is, the choice made, and the choices.
    val digestHint: String,
    val digest: org.fabrique.core.types.Digest,
    val digests: List<org.fabrique.core.types.DigestOption>,
    /// Changes are on the phone, not yet confirmed.
    val pending: Boolean,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(timeZone)
        quietStart.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        quietEnd.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(hint)
        kinds.serialize(serializer) {
            it.serialize(serializer)
        }
        groups.serialize(serializer) {
            it.serialize(serializer)
        }
        levels.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_str(digestHint)
        digest.serialize(serializer)
        digests.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(pending)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): NotificationSettingsView {
            deserializer.increase_container_depth()
            val timeZone = deserializer.deserialize_str()
            val quietStart =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val quietEnd =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val hint = deserializer.deserialize_str()
            val kinds =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.KindToggle.deserialize(deserializer)
                }
            val groups =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.GroupLevelRow.deserialize(deserializer)
                }
            val levels =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.LevelOption.deserialize(deserializer)
                }
            val digestHint = deserializer.deserialize_str()
            val digest = org.fabrique.core.types.Digest.deserialize(deserializer)
            val digests =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.DigestOption.deserialize(deserializer)
                }
            val pending = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return NotificationSettingsView(timeZone, quietStart, quietEnd, hint, kinds, groups, levels, digestHint, digest, digests, pending, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): NotificationSettingsView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface NotificationsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Open what the notification is about; it is marked read.
    data class Open(
        val id: String,
    ) : NotificationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Open {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Open(id)
            }
        }
    }

    data object MarkAllRead: NotificationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): MarkAllRead {
            return MarkAllRead
        }
    }

    /// Time zone, quiet hours ("HH:MM", both or neither) and the kinds one does not want
    /// (their `KindToggle::kind` names).
    data class SaveSettings(
        val timeZone: String,
        val quietStart: String? = null,
        val quietEnd: String? = null,
        val mutedKinds: List<String>,
    ) : NotificationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(timeZone)
            quietStart.serializeOptionOf(serializer) {
                serializer.serialize_str(it)
            }
            quietEnd.serializeOptionOf(serializer) {
                serializer.serialize_str(it)
            }
            mutedKinds.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): SaveSettings {
                deserializer.increase_container_depth()
                val timeZone = deserializer.deserialize_str()
                val quietStart =
                    deserializer.deserializeOptionOf {
                        deserializer.deserialize_str()
                    }
                val quietEnd =
                    deserializer.deserializeOptionOf {
                        deserializer.deserialize_str()
                    }
                val mutedKinds =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                deserializer.decrease_container_depth()
                return SaveSettings(timeZone, quietStart, quietEnd, mutedKinds)
            }
        }
    }

    data class SetGroupLevel(
        val groupId: String,
        val level: org.fabrique.core.types.Level,
    ) : NotificationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(groupId)
            level.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): SetGroupLevel {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                val level = org.fabrique.core.types.Level.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return SetGroupLevel(groupId, level)
            }
        }
    }

    /// How often a summary comes by e-mail when one does not open the app.
    data class SetDigest(
        val digest: org.fabrique.core.types.Digest,
    ) : NotificationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            digest.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): SetDigest {
                deserializer.increase_container_depth()
                val digest = org.fabrique.core.types.Digest.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return SetDigest(digest)
            }
        }
    }

    /// The person tapped a system notification: `payload` is the push's decrypted JSON (what
    /// `push_decrypt` gave). Opens what it is about (syncing if it is not here yet) and marks
    /// it read; the same when the tap started the app.
    data class Tapped(
        val payload: String,
    ) : NotificationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.serialize_str(payload)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Tapped {
                deserializer.increase_container_depth()
                val payload = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Tapped(payload)
            }
        }
    }

    /// The push service gave this device a new address (a new FCM token, a distributor that
    /// changed): the server is told at once, not at the next start (the old address is dropped
    /// by the server when its push service says it is gone).
    data object PushRenewed: NotificationsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): PushRenewed {
            return PushRenewed
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): NotificationsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Open.deserialize(deserializer)
                1 -> MarkAllRead.deserialize(deserializer)
                2 -> SaveSettings.deserialize(deserializer)
                3 -> SetGroupLevel.deserialize(deserializer)
                4 -> SetDigest.deserialize(deserializer)
                5 -> Tapped.deserialize(deserializer)
                6 -> PushRenewed.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for NotificationsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): NotificationsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class NotificationsView(
    val items: List<org.fabrique.core.types.NotificationItemView>,
    val unreadCount: UInt,
    /// "Mark all read", when something is unread.
    val markAllLabel: String? = null,
    val emptyText: String? = null,
    /// When this phone cannot receive pushes: what that means and what to do.
    val pushUnavailable: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        items.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_u32(unreadCount)
        markAllLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        pushUnavailable.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): NotificationsView {
            deserializer.increase_container_depth()
            val items =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.NotificationItemView.deserialize(deserializer)
                }
            val unreadCount = deserializer.deserialize_u32()
            val markAllLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val pushUnavailable =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return NotificationsView(items, unreadCount, markAllLabel, emptyText, pushUnavailable)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): NotificationsView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// A file the shell opens now in the system's viewer (a photo full screen with zoom, a
/// document in the app that reads it), then sends `AttachmentsEvent::Opened`.
data class OpenFileView(
    val path: String,
    val name: String,
    val isImage: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(path)
        serializer.serialize_str(name)
        serializer.serialize_bool(isImage)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): OpenFileView {
            deserializer.increase_container_depth()
            val path = deserializer.deserialize_str()
            val name = deserializer.deserialize_str()
            val isImage = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return OpenFileView(path, name, isImage)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): OpenFileView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface PeopleEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data object EditProfile: PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): EditProfile {
            return EditProfile
        }
    }

    data class SaveProfile(
        val displayName: String,
        val function: String,
        val bio: String,
        val skills: List<String>,
        val interests: List<String>,
        val federationVisible: Boolean,
    ) : PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(displayName)
            serializer.serialize_str(function)
            serializer.serialize_str(bio)
            skills.serialize(serializer) {
                serializer.serialize_str(it)
            }
            interests.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.serialize_bool(federationVisible)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): SaveProfile {
                deserializer.increase_container_depth()
                val displayName = deserializer.deserialize_str()
                val function = deserializer.deserialize_str()
                val bio = deserializer.deserialize_str()
                val skills =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                val interests =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                val federationVisible = deserializer.deserialize_bool()
                deserializer.decrease_container_depth()
                return SaveProfile(displayName, function, bio, skills, interests, federationVisible)
            }
        }
    }

    data object CancelEdit: PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): CancelEdit {
            return CancelEdit
        }
    }

    /// Filter the directory (empty values: no filter).
    data class Directory(
        val query: String,
        val skill: String,
        val organisationId: String? = null,
    ) : PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(query)
            serializer.serialize_str(skill)
            organisationId.serializeOptionOf(serializer) {
                serializer.serialize_str(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Directory {
                deserializer.increase_container_depth()
                val query = deserializer.deserialize_str()
                val skill = deserializer.deserialize_str()
                val organisationId =
                    deserializer.deserializeOptionOf {
                        deserializer.deserialize_str()
                    }
                deserializer.decrease_container_depth()
                return Directory(query, skill, organisationId)
            }
        }
    }

    data object DirectoryMore: PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): DirectoryMore {
            return DirectoryMore
        }
    }

    /// "My data": ask for a copy of one's data (prepared by the server, then downloaded).
    data object AskDataCopy: PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): AskDataCopy {
            return AskDataCopy
        }
    }

    /// Read again where one's copies stand (while one is being prepared).
    data object RefreshDataCopies: PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): RefreshDataCopies {
            return RefreshDataCopies
        }
    }

    /// Choose, or no longer choose, a person in the people picker.
    data class PickToggle(
        val personId: String,
        val displayName: String,
    ) : PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            serializer.serialize_str(personId)
            serializer.serialize_str(displayName)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): PickToggle {
                deserializer.increase_container_depth()
                val personId = deserializer.deserialize_str()
                val displayName = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return PickToggle(personId, displayName)
            }
        }
    }

    /// Do what the picker was opened for with the people chosen (`title`: a new
    /// conversation's, optional; ignored otherwise).
    data class PickConfirm(
        val title: String,
    ) : PeopleEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(8)
            serializer.serialize_str(title)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): PickConfirm {
                deserializer.increase_container_depth()
                val title = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return PickConfirm(title)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): PeopleEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> EditProfile.deserialize(deserializer)
                1 -> SaveProfile.deserialize(deserializer)
                2 -> CancelEdit.deserialize(deserializer)
                3 -> Directory.deserialize(deserializer)
                4 -> DirectoryMore.deserialize(deserializer)
                5 -> AskDataCopy.deserialize(deserializer)
                6 -> RefreshDataCopies.deserialize(deserializer)
                7 -> PickToggle.deserialize(deserializer)
                8 -> PickConfirm.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for PeopleEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PeopleEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class PersonView(
    val id: String,
    /// "Write" opens our conversation (`ConversationsEvent::WriteTo`).
    val canWrite: Boolean,
    /// Someone else: they may be blocked, or unblocked when `blocked`.
    val canBlock: Boolean,
    val blocked: Boolean,
    val profile: org.fabrique.core.types.ProfileView? = null,
    val loading: Boolean,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_bool(canWrite)
        serializer.serialize_bool(canBlock)
        serializer.serialize_bool(blocked)
        profile.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): PersonView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val canWrite = deserializer.deserialize_bool()
            val canBlock = deserializer.deserialize_bool()
            val blocked = deserializer.deserialize_bool()
            val profile =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.ProfileView.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return PersonView(id, canWrite, canBlock, blocked, profile, loading, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PersonView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class PickCandidate(
    val id: String,
    val displayName: String,
    /// Function and association, as one line.
    val detail: String,
    val chosen: Boolean,
    /// Why this person cannot be chosen ("already a member"); `None`: they can.
    val unavailable: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(displayName)
        serializer.serialize_str(detail)
        serializer.serialize_bool(chosen)
        unavailable.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): PickCandidate {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val displayName = deserializer.deserialize_str()
            val detail = deserializer.deserialize_str()
            val chosen = deserializer.deserialize_bool()
            val unavailable =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return PickCandidate(id, displayName, detail, chosen, unavailable)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PickCandidate {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Choosing people from the directory (the people one may see), for `purpose`.
data class PickPeopleView(
    val purpose: org.fabrique.core.types.PickPurpose,
    val title: String,
    val hint: String,
    val query: String,
    val people: List<org.fabrique.core.types.PickCandidate>,
    /// The names chosen, in order.
    val chosen: List<String>,
    /// A new conversation may be given a title.
    val asksTitle: Boolean,
    val confirmLabel: String,
    val canConfirm: Boolean,
    val loading: Boolean,
    val hasMore: Boolean,
    val error: String? = null,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        purpose.serialize(serializer)
        serializer.serialize_str(title)
        serializer.serialize_str(hint)
        serializer.serialize_str(query)
        people.serialize(serializer) {
            it.serialize(serializer)
        }
        chosen.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(asksTitle)
        serializer.serialize_str(confirmLabel)
        serializer.serialize_bool(canConfirm)
        serializer.serialize_bool(loading)
        serializer.serialize_bool(hasMore)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): PickPeopleView {
            deserializer.increase_container_depth()
            val purpose = org.fabrique.core.types.PickPurpose.deserialize(deserializer)
            val title = deserializer.deserialize_str()
            val hint = deserializer.deserialize_str()
            val query = deserializer.deserialize_str()
            val people =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.PickCandidate.deserialize(deserializer)
                }
            val chosen =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val asksTitle = deserializer.deserialize_bool()
            val confirmLabel = deserializer.deserialize_str()
            val canConfirm = deserializer.deserialize_bool()
            val loading = deserializer.deserialize_bool()
            val hasMore = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return PickPeopleView(purpose, title, hint, query, people, chosen, asksTitle, confirmLabel, canConfirm, loading, hasMore, error, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PickPeopleView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// What the people picker is opened for.
sealed interface PickPurpose {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// An organiser invites people into their group; each accepts by joining.
    data class InviteToGroup(
        val groupId: String,
    ) : PickPurpose {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(groupId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): InviteToGroup {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return InviteToGroup(groupId)
            }
        }
    }

    /// A conversation with several people.
    data object StartConversation: PickPurpose {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): StartConversation {
            return StartConversation
        }
    }

    /// More people in a conversation one is in.
    data class AddToConversation(
        val conversationId: String,
    ) : PickPurpose {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(conversationId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): AddToConversation {
                deserializer.increase_container_depth()
                val conversationId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return AddToConversation(conversationId)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): PickPurpose {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> InviteToGroup.deserialize(deserializer)
                1 -> StartConversation.deserialize(deserializer)
                2 -> AddToConversation.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for PickPurpose: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PickPurpose {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class PollOptionView(
    val index: UInt,
    val text: String,
    val chosen: Boolean,
    /// Once closed; before, to its organisers, and to those who voted when it shows results
    /// after voting.
    val votes: Long? = null,
    /// Who chose it, in a named poll, when the results show.
    val voters: List<String>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_u32(index)
        serializer.serialize_str(text)
        serializer.serialize_bool(chosen)
        votes.serializeOptionOf(serializer) {
            serializer.serialize_i64(it)
        }
        voters.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): PollOptionView {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_u32()
            val text = deserializer.deserialize_str()
            val chosen = deserializer.deserialize_bool()
            val votes =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_i64()
                }
            val voters =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return PollOptionView(index, text, chosen, votes, voters)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PollOptionView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class PollView(
    val id: String,
    val question: String,
    val authorName: String,
    val options: List<org.fabrique.core.types.PollOptionView>,
    val multiple: Boolean,
    val anonymous: Boolean,
    val closed: Boolean,
    /// RFC 3339.
    val closesAt: String,
    /// When voting ends (or ended), as people read it.
    val closesWhen: String,
    val voterCount: Long,
    /// I voted (my choices are the options marked `chosen`).
    val voted: Boolean,
    val canVote: Boolean,
    /// Organisers, before it closes.
    val canClose: Boolean,
    /// When the results show, while they do not.
    val resultsHint: String? = null,
    /// My vote or my closing waits to be sent.
    val pending: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(question)
        serializer.serialize_str(authorName)
        options.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(multiple)
        serializer.serialize_bool(anonymous)
        serializer.serialize_bool(closed)
        serializer.serialize_str(closesAt)
        serializer.serialize_str(closesWhen)
        serializer.serialize_i64(voterCount)
        serializer.serialize_bool(voted)
        serializer.serialize_bool(canVote)
        serializer.serialize_bool(canClose)
        resultsHint.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(pending)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): PollView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val question = deserializer.deserialize_str()
            val authorName = deserializer.deserialize_str()
            val options =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.PollOptionView.deserialize(deserializer)
                }
            val multiple = deserializer.deserialize_bool()
            val anonymous = deserializer.deserialize_bool()
            val closed = deserializer.deserialize_bool()
            val closesAt = deserializer.deserialize_str()
            val closesWhen = deserializer.deserialize_str()
            val voterCount = deserializer.deserialize_i64()
            val voted = deserializer.deserialize_bool()
            val canVote = deserializer.deserialize_bool()
            val canClose = deserializer.deserialize_bool()
            val resultsHint =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val pending = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return PollView(id, question, authorName, options, multiple, anonymous, closed, closesAt, closesWhen, voterCount, voted, canVote, canClose, resultsHint, pending)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PollView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface PollsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// My choices (option indexes); none takes my vote back.
    data class Vote(
        val pollId: String,
        val choices: List<UInt>,
    ) : PollsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(pollId)
            choices.serialize(serializer) {
                serializer.serialize_u32(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Vote {
                deserializer.increase_container_depth()
                val pollId = deserializer.deserialize_str()
                val choices =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_u32()
                    }
                deserializer.decrease_container_depth()
                return Vote(pollId, choices)
            }
        }
    }

    /// Organisers: close before the date.
    data class Close(
        val pollId: String,
    ) : PollsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(pollId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Close {
                deserializer.increase_container_depth()
                val pollId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Close(pollId)
            }
        }
    }

    /// Organisers: a new poll in the group; `closes_at` is RFC 3339 (the shell's date picker).
    data class Create(
        val groupId: String,
        val question: String,
        val options: List<String>,
        val multiple: Boolean,
        val anonymous: Boolean,
        val resultsAfterVoting: Boolean,
        val closesAt: String,
    ) : PollsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(groupId)
            serializer.serialize_str(question)
            options.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.serialize_bool(multiple)
            serializer.serialize_bool(anonymous)
            serializer.serialize_bool(resultsAfterVoting)
            serializer.serialize_str(closesAt)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Create {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                val question = deserializer.deserialize_str()
                val options =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                val multiple = deserializer.deserialize_bool()
                val anonymous = deserializer.deserialize_bool()
                val resultsAfterVoting = deserializer.deserialize_bool()
                val closesAt = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Create(groupId, question, options, multiple, anonymous, resultsAfterVoting, closesAt)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): PollsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Vote.deserialize(deserializer)
                1 -> Close.deserialize(deserializer)
                2 -> Create.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for PollsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PollsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class PostSummary(
    val id: String,
    val groupId: String,
    val groupName: String,
    val authorId: String,
    val authorName: String,
    val kind: String,
    val title: String,
    /// The body, cut at a few hundred characters for lists; whole on a post's page.
    val body: String,
    val createdAt: String,
    /// When it was written, as people read it ("14 mars 2027 à 17:00"); empty while on the phone only.
    val whenText: String,
    val edited: Boolean,
    val commentCount: UInt,
    /// "1 commentaire", "3 commentaires".
    val commentsLabel: String,
    val reactions: List<org.fabrique.core.types.ReactionCount>,
    /// Written on this phone, not yet confirmed by the server.
    val pending: Boolean,
    val pendingLabel: String? = null,
    val canEdit: Boolean,
    val canDelete: Boolean,
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    val canReport: Boolean,
    val attachments: List<org.fabrique.core.types.AttachmentView>,
    /// Written on this phone: its files as they go up (shown until the server has the post).
    val pendingFiles: List<org.fabrique.core.types.FileView>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(groupId)
        serializer.serialize_str(groupName)
        serializer.serialize_str(authorId)
        serializer.serialize_str(authorName)
        serializer.serialize_str(kind)
        serializer.serialize_str(title)
        serializer.serialize_str(body)
        serializer.serialize_str(createdAt)
        serializer.serialize_str(whenText)
        serializer.serialize_bool(edited)
        serializer.serialize_u32(commentCount)
        serializer.serialize_str(commentsLabel)
        reactions.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(pending)
        pendingLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canEdit)
        serializer.serialize_bool(canDelete)
        serializer.serialize_bool(canReport)
        attachments.serialize(serializer) {
            it.serialize(serializer)
        }
        pendingFiles.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): PostSummary {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val groupId = deserializer.deserialize_str()
            val groupName = deserializer.deserialize_str()
            val authorId = deserializer.deserialize_str()
            val authorName = deserializer.deserialize_str()
            val kind = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val body = deserializer.deserialize_str()
            val createdAt = deserializer.deserialize_str()
            val whenText = deserializer.deserialize_str()
            val edited = deserializer.deserialize_bool()
            val commentCount = deserializer.deserialize_u32()
            val commentsLabel = deserializer.deserialize_str()
            val reactions =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.ReactionCount.deserialize(deserializer)
                }
            val pending = deserializer.deserialize_bool()
            val pendingLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canEdit = deserializer.deserialize_bool()
            val canDelete = deserializer.deserialize_bool()
            val canReport = deserializer.deserialize_bool()
            val attachments =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.AttachmentView.deserialize(deserializer)
                }
            val pendingFiles =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.FileView.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return PostSummary(id, groupId, groupName, authorId, authorName, kind, title, body, createdAt, whenText, edited, commentCount, commentsLabel, reactions, pending, pendingLabel, canEdit, canDelete, canReport, attachments, pendingFiles)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PostSummary {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class PostView(
    val id: String,
    val post: org.fabrique.core.types.PostSummary? = null,
    val comments: List<org.fabrique.core.types.CommentView>,
    val loading: Boolean,
    val error: String? = null,
    val emptyText: String? = null,
    val canComment: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        post.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        comments.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canComment)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): PostView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val post =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.PostSummary.deserialize(deserializer)
                }
            val comments =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.CommentView.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canComment = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return PostView(id, post, comments, loading, error, emptyText, canComment)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PostView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface PostsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class Delete(
        val id: String,
    ) : PostsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Delete {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Delete(id)
            }
        }
    }

    data class DeleteComment(
        val id: String,
    ) : PostsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DeleteComment {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return DeleteComment(id)
            }
        }
    }

    data class React(
        val targetId: String,
        val emoji: String,
    ) : PostsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.serialize_str(targetId)
            serializer.serialize_str(emoji)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): React {
                deserializer.increase_container_depth()
                val targetId = deserializer.deserialize_str()
                val emoji = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return React(targetId, emoji)
            }
        }
    }

    data class Unreact(
        val targetId: String,
        val emoji: String,
    ) : PostsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.serialize_str(targetId)
            serializer.serialize_str(emoji)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Unreact {
                deserializer.increase_container_depth()
                val targetId = deserializer.deserialize_str()
                val emoji = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Unreact(targetId, emoji)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): PostsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Delete.deserialize(deserializer)
                1 -> DeleteComment.deserialize(deserializer)
                2 -> React.deserialize(deserializer)
                3 -> Unreact.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for PostsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PostsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ProfileEditorView(
    val displayName: String,
    val function: String,
    val bio: String,
    val skills: List<String>,
    val interests: List<String>,
    val federationVisible: Boolean,
    val error: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(displayName)
        serializer.serialize_str(function)
        serializer.serialize_str(bio)
        skills.serialize(serializer) {
            serializer.serialize_str(it)
        }
        interests.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(federationVisible)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ProfileEditorView {
            deserializer.increase_container_depth()
            val displayName = deserializer.deserialize_str()
            val function = deserializer.deserialize_str()
            val bio = deserializer.deserialize_str()
            val skills =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val interests =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val federationVisible = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return ProfileEditorView(displayName, function, bio, skills, interests, federationVisible, error)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ProfileEditorView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ProfileView(
    val id: String,
    val displayName: String,
    val function: String,
    val organisationName: String,
    val skills: List<String>,
    val interests: List<String>,
    val bio: String,
    /// Visible to the whole federation (otherwise to one's own association).
    val federationVisible: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(displayName)
        serializer.serialize_str(function)
        serializer.serialize_str(organisationName)
        skills.serialize(serializer) {
            serializer.serialize_str(it)
        }
        interests.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(bio)
        serializer.serialize_bool(federationVisible)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ProfileView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val displayName = deserializer.deserialize_str()
            val function = deserializer.deserialize_str()
            val organisationName = deserializer.deserialize_str()
            val skills =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val interests =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val bio = deserializer.deserialize_str()
            val federationVisible = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return ProfileView(id, displayName, function, organisationName, skills, interests, bio, federationVisible)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ProfileView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// What the shell does for pushes: subscribe this device with the platform's push
/// service (UnifiedPush on Android, a relay to APNs on iOS) and say where pushes go.
sealed interface PushOperation {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Subscribe with the server's VAPID public key (base64url, the `applicationServerKey`).
    data class Register(
        val applicationServerKey: String,
    ) : PushOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(applicationServerKey)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Register {
                deserializer.increase_container_depth()
                val applicationServerKey = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Register(applicationServerKey)
            }
        }
    }

    /// Stop receiving pushes on this device (signed out).
    data object Unregister: PushOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Unregister {
            return Unregister
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): PushOperation {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Register.deserialize(deserializer)
                1 -> Unregister.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for PushOperation: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PushOperation {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface PushRegistration {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Where the push service takes pushes for this device, and its keys (base64url).
    data class Subscribed(
        val endpoint: String,
        val p256dh: String,
        val auth: String,
        val label: String,
    ) : PushRegistration {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(endpoint)
            serializer.serialize_str(p256dh)
            serializer.serialize_str(auth)
            serializer.serialize_str(label)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Subscribed {
                deserializer.increase_container_depth()
                val endpoint = deserializer.deserialize_str()
                val p256dh = deserializer.deserialize_str()
                val auth = deserializer.deserialize_str()
                val label = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Subscribed(endpoint, p256dh, auth, label)
            }
        }
    }

    /// No push on this device (no distributor, permission refused): the in-app list still works.
    data class Unavailable(
        val reason: String,
    ) : PushRegistration {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(reason)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Unavailable {
                deserializer.increase_container_depth()
                val reason = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Unavailable(reason)
            }
        }
    }

    data object Unregistered: PushRegistration {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Unregistered {
            return Unregistered
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): PushRegistration {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Subscribed.deserialize(deserializer)
                1 -> Unavailable.deserialize(deserializer)
                2 -> Unregistered.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for PushRegistration: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): PushRegistration {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class QuestionSummary(
    val id: String,
    val title: String,
    val details: String,
    val authorName: String,
    val groupNames: List<String>,
    val tags: List<String>,
    val answered: Boolean,
    val answerCount: UInt,
    /// "1 réponse", "3 réponses".
    val answersLabel: String,
    /// Sent on to the organisers (or the federation) for want of an answer.
    val escalated: Boolean,
    val createdAt: String,
    val following: Boolean,
    val pending: Boolean,
    val pendingLabel: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        serializer.serialize_str(title)
        serializer.serialize_str(details)
        serializer.serialize_str(authorName)
        groupNames.serialize(serializer) {
            serializer.serialize_str(it)
        }
        tags.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(answered)
        serializer.serialize_u32(answerCount)
        serializer.serialize_str(answersLabel)
        serializer.serialize_bool(escalated)
        serializer.serialize_str(createdAt)
        serializer.serialize_bool(following)
        serializer.serialize_bool(pending)
        pendingLabel.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): QuestionSummary {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val details = deserializer.deserialize_str()
            val authorName = deserializer.deserialize_str()
            val groupNames =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val tags =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val answered = deserializer.deserialize_bool()
            val answerCount = deserializer.deserialize_u32()
            val answersLabel = deserializer.deserialize_str()
            val escalated = deserializer.deserialize_bool()
            val createdAt = deserializer.deserialize_str()
            val following = deserializer.deserialize_bool()
            val pending = deserializer.deserialize_bool()
            val pendingLabel =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return QuestionSummary(id, title, details, authorName, groupNames, tags, answered, answerCount, answersLabel, escalated, createdAt, following, pending, pendingLabel)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): QuestionSummary {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class QuestionView(
    val id: String,
    val question: org.fabrique.core.types.QuestionSummary? = null,
    val answers: List<org.fabrique.core.types.AnswerView>,
    val loading: Boolean,
    val error: String? = null,
    val emptyText: String? = null,
    val canAnswer: Boolean,
    val canAccept: Boolean,
    val canDelete: Boolean,
    val attachments: List<org.fabrique.core.types.AttachmentView>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(id)
        question.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        answers.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_bool(canAnswer)
        serializer.serialize_bool(canAccept)
        serializer.serialize_bool(canDelete)
        attachments.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): QuestionView {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_str()
            val question =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.QuestionSummary.deserialize(deserializer)
                }
            val answers =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.AnswerView.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val canAnswer = deserializer.deserialize_bool()
            val canAccept = deserializer.deserialize_bool()
            val canDelete = deserializer.deserialize_bool()
            val attachments =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.AttachmentView.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return QuestionView(id, question, answers, loading, error, emptyText, canAnswer, canAccept, canDelete, attachments)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): QuestionView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface QuestionsEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Open the form to ask a question in this group.
    data class StartAsk(
        val groupId: String,
    ) : QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(groupId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): StartAsk {
                deserializer.increase_container_depth()
                val groupId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return StartAsk(groupId)
            }
        }
    }

    /// What the form holds, as the person types: answered questions like the title are suggested.
    data class AskChanged(
        val groupIds: List<String>,
        val title: String,
        val details: String,
        val tags: List<String>,
    ) : QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            groupIds.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.serialize_str(title)
            serializer.serialize_str(details)
            tags.serialize(serializer) {
                serializer.serialize_str(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): AskChanged {
                deserializer.increase_container_depth()
                val groupIds =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                val title = deserializer.deserialize_str()
                val details = deserializer.deserialize_str()
                val tags =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_str()
                    }
                deserializer.decrease_container_depth()
                return AskChanged(groupIds, title, details, tags)
            }
        }
    }

    data object SubmitAsk: QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): SubmitAsk {
            return SubmitAsk
        }
    }

    data object CancelAsk: QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): CancelAsk {
            return CancelAsk
        }
    }

    data class Accept(
        val questionId: String,
        val answerId: String,
    ) : QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.serialize_str(questionId)
            serializer.serialize_str(answerId)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Accept {
                deserializer.increase_container_depth()
                val questionId = deserializer.deserialize_str()
                val answerId = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Accept(questionId, answerId)
            }
        }
    }

    data class Follow(
        val id: String,
    ) : QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Follow {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Follow(id)
            }
        }
    }

    data class Unfollow(
        val id: String,
    ) : QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Unfollow {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Unfollow(id)
            }
        }
    }

    data class DeleteQuestion(
        val id: String,
    ) : QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DeleteQuestion {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return DeleteQuestion(id)
            }
        }
    }

    data class DeleteAnswer(
        val id: String,
    ) : QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(8)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DeleteAnswer {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return DeleteAnswer(id)
            }
        }
    }

    /// More of "questions for me".
    data object MoreForMe: QuestionsEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(9)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): MoreForMe {
            return MoreForMe
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): QuestionsEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> StartAsk.deserialize(deserializer)
                1 -> AskChanged.deserialize(deserializer)
                2 -> SubmitAsk.deserialize(deserializer)
                3 -> CancelAsk.deserialize(deserializer)
                4 -> Accept.deserialize(deserializer)
                5 -> Follow.deserialize(deserializer)
                6 -> Unfollow.deserialize(deserializer)
                7 -> DeleteQuestion.deserialize(deserializer)
                8 -> DeleteAnswer.deserialize(deserializer)
                9 -> MoreForMe.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for QuestionsEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): QuestionsEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class QuestionsForMeView(
    val items: List<org.fabrique.core.types.QuestionSummary>,
    val loading: Boolean,
    val hasMore: Boolean,
    val error: String? = null,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        items.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        serializer.serialize_bool(hasMore)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): QuestionsForMeView {
            deserializer.increase_container_depth()
            val items =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.QuestionSummary.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val hasMore = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return QuestionsForMeView(items, loading, hasMore, error, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): QuestionsForMeView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ReachView(
    /// "4 personnes sur 5 atteintes (80 %)".
    val summary: String,
    /// 0 to 100, for a progress bar.
    val percent: UInt,
    /// "Lu dans l'application : 2", "Reçu par e-mail : 2", "Pas encore atteint : 1".
    val lines: List<String>,
    /// When and to whom it is mailed.
    val mailText: String,
    /// "Pas encore atteints :" and their names (the first page).
    val notReachedTitle: String? = null,
    val notReached: List<String>,
    /// More names than shown: the console lists them all.
    val moreText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(summary)
        serializer.serialize_u32(percent)
        lines.serialize(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(mailText)
        notReachedTitle.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        notReached.serialize(serializer) {
            serializer.serialize_str(it)
        }
        moreText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ReachView {
            deserializer.increase_container_depth()
            val summary = deserializer.deserialize_str()
            val percent = deserializer.deserialize_u32()
            val lines =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val mailText = deserializer.deserialize_str()
            val notReachedTitle =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val notReached =
                deserializer.deserializeListOf {
                    deserializer.deserialize_str()
                }
            val moreText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return ReachView(summary, percent, lines, mailText, notReachedTitle, notReached, moreText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ReachView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ReactionCount(
    val emoji: String,
    val count: UInt,
    val mine: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(emoji)
        serializer.serialize_u32(count)
        serializer.serialize_bool(mine)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ReactionCount {
            deserializer.increase_container_depth()
            val emoji = deserializer.deserialize_str()
            val count = deserializer.deserialize_u32()
            val mine = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return ReactionCount(emoji, count, mine)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ReactionCount {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface RealtimeOperation {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Open (or re-open) the stream at `url` with this bearer token; reconnect by yourself
    /// after a drop, and send `Event::Poked` after reconnecting (changes may have been missed).
    data class Connect(
        val url: String,
        val token: String,
    ) : RealtimeOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(url)
            serializer.serialize_str(token)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Connect {
                deserializer.increase_container_depth()
                val url = deserializer.deserialize_str()
                val token = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Connect(url, token)
            }
        }
    }

    /// Close the stream (signed out, or the app went to the background).
    data object Disconnect: RealtimeOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Disconnect {
            return Disconnect
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): RealtimeOperation {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Connect.deserialize(deserializer)
                1 -> Disconnect.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for RealtimeOperation: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): RealtimeOperation {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The single operation `Render` implements.
data object RenderOperation {
    fun serialize(serializer: Serializer) {}

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    fun deserialize(deserializer: Deserializer): RenderOperation {
        return RenderOperation
    }

    @Throws(DeserializationError::class)
    fun bincodeDeserialize(input: ByteArray?): RenderOperation {
        if (input == null) {
            throw DeserializationError("Cannot deserialize null array")
        }
        val deserializer = BincodeDeserializer(input)
        val value = deserialize(deserializer)
        if (deserializer.get_buffer_offset() < input.size) {
            throw DeserializationError("Some input bytes were not read")
        }
        return value
    }
}

data class ReportReasonView(
    val reason: org.fabrique.core.types.ReportWhy,
    val label: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        reason.serialize(serializer)
        serializer.serialize_str(label)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ReportReasonView {
            deserializer.increase_container_depth()
            val reason = org.fabrique.core.types.ReportWhy.deserialize(deserializer)
            val label = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return ReportReasonView(reason, label)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ReportReasonView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ReportView(
    val what: org.fabrique.core.types.ReportWhat,
    val id: String,
    val title: String,
    val hint: String,
    val reasons: List<org.fabrique.core.types.ReportReasonView>,
    val detailsLabel: String,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        what.serialize(serializer)
        serializer.serialize_str(id)
        serializer.serialize_str(title)
        serializer.serialize_str(hint)
        reasons.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_str(detailsLabel)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ReportView {
            deserializer.increase_container_depth()
            val what = org.fabrique.core.types.ReportWhat.deserialize(deserializer)
            val id = deserializer.deserialize_str()
            val title = deserializer.deserialize_str()
            val hint = deserializer.deserialize_str()
            val reasons =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.ReportReasonView.deserialize(deserializer)
                }
            val detailsLabel = deserializer.deserialize_str()
            deserializer.decrease_container_depth()
            return ReportView(what, id, title, hint, reasons, detailsLabel)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ReportView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// What can be reported, as the shells send it.
enum class ReportWhat {
    POST,
    COMMENT,
    QUESTION,
    ANSWER,
    PERSON;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): ReportWhat {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> POST
                1 -> COMMENT
                2 -> QUESTION
                3 -> ANSWER
                4 -> PERSON
                else -> throw DeserializationError("Unknown variant index for ReportWhat: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ReportWhat {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Why, as the shells send it (the labels come from the area's `report_view`).
enum class ReportWhy {
    SPAM,
    HARASSMENT,
    HATEFUL,
    FALSEINFORMATION,
    PRIVATEINFORMATION,
    OTHER;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): ReportWhy {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> SPAM
                1 -> HARASSMENT
                2 -> HATEFUL
                3 -> FALSEINFORMATION
                4 -> PRIVATEINFORMATION
                5 -> OTHER
                else -> throw DeserializationError("Unknown variant index for ReportWhy: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ReportWhy {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Request for a side-effect passed from the Core to the Shell.
/// 
/// The `EffectId` links the `Request` with the corresponding call to [`Core::resolve`] to pass the data back
/// to the [`App::update`] function (wrapped in the event provided to the capability originating the effect).
data class Request(
    val id: UInt,
    val effect: org.fabrique.core.types.Effect,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_u32(id)
        effect.serialize(serializer)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): Request {
            deserializer.increase_container_depth()
            val id = deserializer.deserialize_u32()
            val effect = org.fabrique.core.types.Effect.deserialize(deserializer)
            deserializer.decrease_container_depth()
            return Request(id, effect)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Request {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// A batch of effect requests from the Core to the Shell, as serialised by
/// [`Bridge::update`] and [`Bridge::resolve`].
/// 
/// The wire format is identical to `Vec<Request<Eff>>` (the newtype is
/// `serde(transparent)`), so existing shell code that already deserialises
/// a `Vec<Request>` remains binary-compatible.
/// 
/// Registering this type with the type-generation system causes the code
/// generators to emit a `Requests` type (with a `value` field containing the
/// list) together with a top-level `bincodeDeserialize` / `BincodeDeserialize`
/// helper, replacing the hand-written extension files that were previously
/// appended by `add_extensions()`.
data class Requests(
    val value: List<org.fabrique.core.types.Request>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        value.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): Requests {
            deserializer.increase_container_depth()
            val value =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.Request.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return Requests(value)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Requests {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

enum class ResultKind {
    POST,
    QUESTION,
    ANSWER,
    GROUP,
    PERSON;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): ResultKind {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> POST
                1 -> QUESTION
                2 -> ANSWER
                3 -> GROUP
                4 -> PERSON
                else -> throw DeserializationError("Unknown variant index for ResultKind: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ResultKind {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// Where a person can go. Feed, groups, browse and profile are the tabs; the others open on top.
sealed interface Route {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data object Feed: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Feed {
            return Feed
        }
    }

    data object MyGroups: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): MyGroups {
            return MyGroups
        }
    }

    data object BrowseGroups: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): BrowseGroups {
            return BrowseGroups
        }
    }

    data object MyProfile: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): MyProfile {
            return MyProfile
        }
    }

    data class Group(
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Group {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Group(id)
            }
        }
    }

    data class Post(
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Post {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Post(id)
            }
        }
    }

    data class Person(
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Person {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Person(id)
            }
        }
    }

    /// Open questions matching my skills, or escalated to me.
    data object QuestionsForMe: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): QuestionsForMe {
            return QuestionsForMe
        }
    }

    data class Question(
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(8)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Question {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Question(id)
            }
        }
    }

    data object Search: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(9)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Search {
            return Search
        }
    }

    data object Directory: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(10)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Directory {
            return Directory
        }
    }

    /// My notifications.
    data object Notifications: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(11)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Notifications {
            return Notifications
        }
    }

    /// How I want to be told: kinds, quiet hours, each group's level.
    data object NotificationSettings: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(12)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): NotificationSettings {
            return NotificationSettings
        }
    }

    /// The coming events of my groups.
    data object Events: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(13)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Events {
            return Events
        }
    }

    data class Event(
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(14)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Event {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Event(id)
            }
        }
    }

    /// Every coming event I answered.
    data object Calendar: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(15)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Calendar {
            return Calendar
        }
    }

    /// The federation's charter, to read and accept.
    data object Charter: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(16)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Charter {
            return Charter
        }
    }

    /// Report something to the moderators.
    data class Report(
        val what: org.fabrique.core.types.ReportWhat,
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(17)
            what.serialize(serializer)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Report {
                deserializer.increase_container_depth()
                val what = org.fabrique.core.types.ReportWhat.deserialize(deserializer)
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Report(what, id)
            }
        }
    }

    /// My conversations.
    data object Conversations: Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(18)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Conversations {
            return Conversations
        }
    }

    data class Conversation(
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(19)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Conversation {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Conversation(id)
            }
        }
    }

    /// A must-read message, whole (with its reach for its sender).
    data class MustRead(
        val id: String,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(20)
            serializer.serialize_str(id)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MustRead {
                deserializer.increase_container_depth()
                val id = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return MustRead(id)
            }
        }
    }

    /// Choose people from the directory: to invite into a group, to start or widen a
    /// conversation.
    data class PickPeople(
        val purpose: org.fabrique.core.types.PickPurpose,
    ) : Route {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(21)
            purpose.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): PickPeople {
                deserializer.increase_container_depth()
                val purpose = org.fabrique.core.types.PickPurpose.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return PickPeople(purpose)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Route {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Feed.deserialize(deserializer)
                1 -> MyGroups.deserialize(deserializer)
                2 -> BrowseGroups.deserialize(deserializer)
                3 -> MyProfile.deserialize(deserializer)
                4 -> Group.deserialize(deserializer)
                5 -> Post.deserialize(deserializer)
                6 -> Person.deserialize(deserializer)
                7 -> QuestionsForMe.deserialize(deserializer)
                8 -> Question.deserialize(deserializer)
                9 -> Search.deserialize(deserializer)
                10 -> Directory.deserialize(deserializer)
                11 -> Notifications.deserialize(deserializer)
                12 -> NotificationSettings.deserialize(deserializer)
                13 -> Events.deserialize(deserializer)
                14 -> Event.deserialize(deserializer)
                15 -> Calendar.deserialize(deserializer)
                16 -> Charter.deserialize(deserializer)
                17 -> Report.deserialize(deserializer)
                18 -> Conversations.deserialize(deserializer)
                19 -> Conversation.deserialize(deserializer)
                20 -> MustRead.deserialize(deserializer)
                21 -> PickPeople.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for Route: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Route {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// What a person answers, as the shells send it.
enum class Rsvp {
    GOING,
    MAYBE,
    DECLINED;

    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_variant_index(ordinal)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Rsvp {
            deserializer.increase_container_depth()
            val index = deserializer.deserialize_variant_index()
            deserializer.decrease_container_depth()
            return when (index) {
                0 -> GOING
                1 -> MAYBE
                2 -> DECLINED
                else -> throw DeserializationError("Unknown variant index for Rsvp: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Rsvp {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class RsvpButton(
    val choice: org.fabrique.core.types.Rsvp,
    val label: String,
    val selected: Boolean,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        choice.serialize(serializer)
        serializer.serialize_str(label)
        serializer.serialize_bool(selected)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): RsvpButton {
            deserializer.increase_container_depth()
            val choice = org.fabrique.core.types.Rsvp.deserialize(deserializer)
            val label = deserializer.deserialize_str()
            val selected = deserializer.deserialize_bool()
            deserializer.decrease_container_depth()
            return RsvpButton(choice, label, selected)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): RsvpButton {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface Screen {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Reading what the device holds.
    data object Loading: Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Loading {
            return Loading
        }
    }

    /// Which federation: its address, typed once (or given by an invitation link).
    data class Federation(
        val value: org.fabrique.core.types.FederationView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Federation {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.FederationView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Federation(value)
            }
        }
    }

    data class SignIn(
        val value: org.fabrique.core.types.SignInView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): SignIn {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.SignInView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return SignIn(value)
            }
        }
    }

    data class Feed(
        val value: org.fabrique.core.types.FeedView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Feed {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.FeedView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Feed(value)
            }
        }
    }

    data class MyGroups(
        val value: org.fabrique.core.types.MyGroupsView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(4)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MyGroups {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.MyGroupsView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return MyGroups(value)
            }
        }
    }

    data class BrowseGroups(
        val value: org.fabrique.core.types.BrowseView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(5)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): BrowseGroups {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.BrowseView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return BrowseGroups(value)
            }
        }
    }

    data class Group(
        val value: org.fabrique.core.types.GroupView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(6)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Group {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.GroupView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Group(value)
            }
        }
    }

    data class Post(
        val value: org.fabrique.core.types.PostView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(7)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Post {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.PostView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Post(value)
            }
        }
    }

    data class MyProfile(
        val value: org.fabrique.core.types.MyProfileView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(8)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MyProfile {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.MyProfileView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return MyProfile(value)
            }
        }
    }

    data class Person(
        val value: org.fabrique.core.types.PersonView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(9)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Person {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.PersonView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Person(value)
            }
        }
    }

    data class QuestionsForMe(
        val value: org.fabrique.core.types.QuestionsForMeView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(10)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): QuestionsForMe {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.QuestionsForMeView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return QuestionsForMe(value)
            }
        }
    }

    data class Question(
        val value: org.fabrique.core.types.QuestionView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(11)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Question {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.QuestionView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Question(value)
            }
        }
    }

    data class Search(
        val value: org.fabrique.core.types.SearchView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(12)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Search {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.SearchView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Search(value)
            }
        }
    }

    data class Directory(
        val value: org.fabrique.core.types.DirectoryView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(13)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Directory {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.DirectoryView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Directory(value)
            }
        }
    }

    data class Notifications(
        val value: org.fabrique.core.types.NotificationsView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(14)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Notifications {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.NotificationsView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Notifications(value)
            }
        }
    }

    data class NotificationSettings(
        val value: org.fabrique.core.types.NotificationSettingsView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(15)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): NotificationSettings {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.NotificationSettingsView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return NotificationSettings(value)
            }
        }
    }

    data class Events(
        val value: org.fabrique.core.types.EventsView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(16)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Events {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.EventsView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Events(value)
            }
        }
    }

    data class Event(
        val value: org.fabrique.core.types.EventView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(17)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Event {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.EventView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Event(value)
            }
        }
    }

    data class Calendar(
        val value: org.fabrique.core.types.CalendarView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(18)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Calendar {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.CalendarView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Calendar(value)
            }
        }
    }

    data class Charter(
        val value: org.fabrique.core.types.CharterView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(19)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Charter {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.CharterView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Charter(value)
            }
        }
    }

    data class Report(
        val value: org.fabrique.core.types.ReportView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(20)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Report {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.ReportView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Report(value)
            }
        }
    }

    data class Conversations(
        val value: org.fabrique.core.types.ConversationsView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(21)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Conversations {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.ConversationsView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Conversations(value)
            }
        }
    }

    data class Conversation(
        val value: org.fabrique.core.types.ConversationView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(22)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Conversation {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.ConversationView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Conversation(value)
            }
        }
    }

    data class MustRead(
        val value: org.fabrique.core.types.MustReadView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(23)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): MustRead {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.MustReadView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return MustRead(value)
            }
        }
    }

    /// Choosing people: to invite into a group, to start or widen a conversation.
    data class PickPeople(
        val value: org.fabrique.core.types.PickPeopleView,
    ) : Screen {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(24)
            value.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): PickPeople {
                deserializer.increase_container_depth()
                val value = org.fabrique.core.types.PickPeopleView.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return PickPeople(value)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Screen {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Loading.deserialize(deserializer)
                1 -> Federation.deserialize(deserializer)
                2 -> SignIn.deserialize(deserializer)
                3 -> Feed.deserialize(deserializer)
                4 -> MyGroups.deserialize(deserializer)
                5 -> BrowseGroups.deserialize(deserializer)
                6 -> Group.deserialize(deserializer)
                7 -> Post.deserialize(deserializer)
                8 -> MyProfile.deserialize(deserializer)
                9 -> Person.deserialize(deserializer)
                10 -> QuestionsForMe.deserialize(deserializer)
                11 -> Question.deserialize(deserializer)
                12 -> Search.deserialize(deserializer)
                13 -> Directory.deserialize(deserializer)
                14 -> Notifications.deserialize(deserializer)
                15 -> NotificationSettings.deserialize(deserializer)
                16 -> Events.deserialize(deserializer)
                17 -> Event.deserialize(deserializer)
                18 -> Calendar.deserialize(deserializer)
                19 -> Charter.deserialize(deserializer)
                20 -> Report.deserialize(deserializer)
                21 -> Conversations.deserialize(deserializer)
                22 -> Conversation.deserialize(deserializer)
                23 -> MustRead.deserialize(deserializer)
                24 -> PickPeople.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for Screen: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Screen {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface SearchEvent {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// Search for `query` (everything, or one kind of result).
    data class Query(
        val query: String,
        val kind: org.fabrique.core.types.ResultKind? = null,
    ) : SearchEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(query)
            kind.serializeOptionOf(serializer) {
                it.serialize(serializer)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Query {
                deserializer.increase_container_depth()
                val query = deserializer.deserialize_str()
                val kind =
                    deserializer.deserializeOptionOf {
                        org.fabrique.core.types.ResultKind.deserialize(deserializer)
                    }
                deserializer.decrease_container_depth()
                return Query(query, kind)
            }
        }
    }

    data object More: SearchEvent {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): More {
            return More
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): SearchEvent {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Query.deserialize(deserializer)
                1 -> More.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for SearchEvent: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): SearchEvent {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class SearchResultView(
    val kind: org.fabrique.core.types.ResultKind,
    val id: String,
    /// The id of what a tap opens: an answer's question; the item itself otherwise.
    val opensId: String,
    val title: org.fabrique.core.types.HighlightedView,
    val snippet: org.fabrique.core.types.HighlightedView,
    val groupName: String? = null,
    val createdAt: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        kind.serialize(serializer)
        serializer.serialize_str(id)
        serializer.serialize_str(opensId)
        title.serialize(serializer)
        snippet.serialize(serializer)
        groupName.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        createdAt.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): SearchResultView {
            deserializer.increase_container_depth()
            val kind = org.fabrique.core.types.ResultKind.deserialize(deserializer)
            val id = deserializer.deserialize_str()
            val opensId = deserializer.deserialize_str()
            val title = org.fabrique.core.types.HighlightedView.deserialize(deserializer)
            val snippet = org.fabrique.core.types.HighlightedView.deserialize(deserializer)
            val groupName =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val createdAt =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return SearchResultView(kind, id, opensId, title, snippet, groupName, createdAt)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): SearchResultView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class SearchView(
    val query: String,
    val kind: org.fabrique.core.types.ResultKind? = null,
    val results: List<org.fabrique.core.types.SearchResultView>,
    val loading: Boolean,
    val hasMore: Boolean,
    val error: String? = null,
    val emptyText: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_str(query)
        kind.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        results.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(loading)
        serializer.serialize_bool(hasMore)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        emptyText.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): SearchView {
            deserializer.increase_container_depth()
            val query = deserializer.deserialize_str()
            val kind =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.ResultKind.deserialize(deserializer)
                }
            val results =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.SearchResultView.deserialize(deserializer)
                }
            val loading = deserializer.deserialize_bool()
            val hasMore = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val emptyText =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return SearchView(query, kind, results, loading, hasMore, error, emptyText)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): SearchView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class SignInView(
    val busy: Boolean,
    val error: String? = null,
    val notice: String? = null,
    /// The federation's name, and its address (`fabrique.ma-federation.fr`) below it, with
    /// a way to change it (`AccountsEvent::ChangeFederation`).
    val federation: String,
    val address: String,
    /// From the invitation link the app was opened with: the shell opens the form that
    /// creates one's account with this code filled in.
    val invitationCode: String? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_bool(busy)
        error.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        notice.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_str(federation)
        serializer.serialize_str(address)
        invitationCode.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): SignInView {
            deserializer.increase_container_depth()
            val busy = deserializer.deserialize_bool()
            val error =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val notice =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val federation = deserializer.deserialize_str()
            val address = deserializer.deserialize_str()
            val invitationCode =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            deserializer.decrease_container_depth()
            return SignInView(busy, error, notice, federation, address, invitationCode)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): SignInView {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class Status(
    val online: Boolean,
    val syncing: Boolean,
    /// Why the last sync stopped (offline, server trouble), if it did.
    val problem: String? = null,
    /// Writes kept on the phone that the server has not confirmed yet.
    val notSentCount: UInt,
    val notSentLabel: String,
    /// Writes the server refused, with the reason, until dismissed.
    val failed: List<org.fabrique.core.types.FailedWriteView>,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_bool(online)
        serializer.serialize_bool(syncing)
        problem.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_u32(notSentCount)
        serializer.serialize_str(notSentLabel)
        failed.serialize(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): Status {
            deserializer.increase_container_depth()
            val online = deserializer.deserialize_bool()
            val syncing = deserializer.deserialize_bool()
            val problem =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val notSentCount = deserializer.deserialize_u32()
            val notSentLabel = deserializer.deserialize_str()
            val failed =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.FailedWriteView.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return Status(online, syncing, problem, notSentCount, notSentLabel, failed)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Status {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface TimeRequest {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data object Now: TimeRequest {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Now {
            return Now
        }
    }

    data class NotifyAt(
        val id: org.fabrique.core.types.TimerId,
        val instant: org.fabrique.core.types.Instant,
    ) : TimeRequest {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            id.serialize(serializer)
            instant.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): NotifyAt {
                deserializer.increase_container_depth()
                val id = org.fabrique.core.types.TimerId.deserialize(deserializer)
                val instant = org.fabrique.core.types.Instant.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return NotifyAt(id, instant)
            }
        }
    }

    data class NotifyAfter(
        val id: org.fabrique.core.types.TimerId,
        val duration: org.fabrique.core.types.Duration,
    ) : TimeRequest {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            id.serialize(serializer)
            duration.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): NotifyAfter {
                deserializer.increase_container_depth()
                val id = org.fabrique.core.types.TimerId.deserialize(deserializer)
                val duration = org.fabrique.core.types.Duration.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return NotifyAfter(id, duration)
            }
        }
    }

    data class Clear(
        val id: org.fabrique.core.types.TimerId,
    ) : TimeRequest {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            id.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Clear {
                deserializer.increase_container_depth()
                val id = org.fabrique.core.types.TimerId.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Clear(id)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): TimeRequest {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Now.deserialize(deserializer)
                1 -> NotifyAt.deserialize(deserializer)
                2 -> NotifyAfter.deserialize(deserializer)
                3 -> Clear.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for TimeRequest: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): TimeRequest {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface TimeResponse {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class Now(
        val instant: org.fabrique.core.types.Instant,
    ) : TimeResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            instant.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Now {
                deserializer.increase_container_depth()
                val instant = org.fabrique.core.types.Instant.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Now(instant)
            }
        }
    }

    data class InstantArrived(
        val id: org.fabrique.core.types.TimerId,
    ) : TimeResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            id.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): InstantArrived {
                deserializer.increase_container_depth()
                val id = org.fabrique.core.types.TimerId.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return InstantArrived(id)
            }
        }
    }

    data class DurationElapsed(
        val id: org.fabrique.core.types.TimerId,
    ) : TimeResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            id.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): DurationElapsed {
                deserializer.increase_container_depth()
                val id = org.fabrique.core.types.TimerId.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return DurationElapsed(id)
            }
        }
    }

    data class Cleared(
        val id: org.fabrique.core.types.TimerId,
    ) : TimeResponse {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            id.serialize(serializer)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Cleared {
                deserializer.increase_container_depth()
                val id = org.fabrique.core.types.TimerId.deserialize(deserializer)
                deserializer.decrease_container_depth()
                return Cleared(id)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): TimeResponse {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Now.deserialize(deserializer)
                1 -> InstantArrived.deserialize(deserializer)
                2 -> DurationElapsed.deserialize(deserializer)
                3 -> Cleared.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for TimeResponse: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): TimeResponse {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class TimerId(
    val value: ULong,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        serializer.serialize_u64(value)
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): TimerId {
            deserializer.increase_container_depth()
            val value = deserializer.deserialize_u64()
            deserializer.decrease_container_depth()
            return TimerId(value)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): TimerId {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// What the shell is asked to do with a file the person chose.
sealed interface UploadOperation {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    /// `PUT` the file the shell keeps at `file` (what it gave in [`AttachmentsEvent::Add`]) to
    /// `url`, with `Authorization: Bearer <token>`, its length known in advance. Answer
    /// `Sent` as bytes go (every few percent is enough), then exactly one of the others.
    data class Send(
        val url: String,
        val token: String,
        val file: String,
    ) : UploadOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_str(url)
            serializer.serialize_str(token)
            serializer.serialize_str(file)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Send {
                deserializer.increase_container_depth()
                val url = deserializer.deserialize_str()
                val token = deserializer.deserialize_str()
                val file = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Send(url, token, file)
            }
        }
    }

    /// The core no longer needs this file (sent, or removed): the shell deletes its copy.
    data class Discard(
        val file: String,
    ) : UploadOperation {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_str(file)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Discard {
                deserializer.increase_container_depth()
                val file = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Discard(file)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): UploadOperation {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Send.deserialize(deserializer)
                1 -> Discard.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for UploadOperation: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): UploadOperation {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

sealed interface UploadProgress {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data class Sent(
        val bytes: ULong,
        val total: ULong,
    ) : UploadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.serialize_u64(bytes)
            serializer.serialize_u64(total)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Sent {
                deserializer.increase_container_depth()
                val bytes = deserializer.deserialize_u64()
                val total = deserializer.deserialize_u64()
                deserializer.decrease_container_depth()
                return Sent(bytes, total)
            }
        }
    }

    /// The server answered: its status and body (JSON text).
    data class Answered(
        val status: UShort,
        val body: String,
    ) : UploadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            serializer.serialize_u16(status)
            serializer.serialize_str(body)
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Answered {
                deserializer.increase_container_depth()
                val status = deserializer.deserialize_u16()
                val body = deserializer.deserialize_str()
                deserializer.decrease_container_depth()
                return Answered(status, body)
            }
        }
    }

    /// No answer (no network, connection cut): tried again later.
    data object Unreachable: UploadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(2)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): Unreachable {
            return Unreachable
        }
    }

    /// The shell no longer has the file.
    data object FileMissing: UploadProgress {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(3)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): FileMissing {
            return FileMissing
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): UploadProgress {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> Sent.deserialize(deserializer)
                1 -> Answered.deserialize(deserializer)
                2 -> Unreachable.deserialize(deserializer)
                3 -> FileMissing.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for UploadProgress: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): UploadProgress {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

/// The value stored under a key.
/// 
/// `Value::None` is used to represent the absence of a value.
/// 
/// Note: we can't use `Option` here because generics are not currently
/// supported across the FFI boundary, when using the builtin typegen.
sealed interface Value {
    fun serialize(serializer: Serializer)

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    data object None: Value {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(0)
            serializer.decrease_container_depth()
        }

        fun deserialize(deserializer: Deserializer): None {
            return None
        }
    }

    data class Bytes(
        val value: List<UByte>,
    ) : Value {
        override fun serialize(serializer: Serializer) {
            serializer.increase_container_depth()
            serializer.serialize_variant_index(1)
            value.serialize(serializer) {
                serializer.serialize_u8(it)
            }
            serializer.decrease_container_depth()
        }

        companion object {
            fun deserialize(deserializer: Deserializer): Bytes {
                deserializer.increase_container_depth()
                val value =
                    deserializer.deserializeListOf {
                        deserializer.deserialize_u8()
                    }
                deserializer.decrease_container_depth()
                return Bytes(value)
            }
        }
    }

    companion object {
        @Throws(DeserializationError::class)
        fun deserialize(deserializer: Deserializer): Value {
            val index = deserializer.deserialize_variant_index()
            return when (index) {
                0 -> None.deserialize(deserializer)
                1 -> Bytes.deserialize(deserializer)
                else -> throw DeserializationError("Unknown variant index for Value: $index")
            }
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): Value {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}

data class ViewModel(
    val language: org.fabrique.core.types.Language,
    val screen: org.fabrique.core.types.Screen,
    val status: org.fabrique.core.types.Status,
    val notice: String? = null,
    val composer: org.fabrique.core.types.ComposerView? = null,
    /// The form to ask a question, over the current screen.
    val ask: org.fabrique.core.types.AskView? = null,
    val canGoBack: Boolean,
    /// Unread notifications: the badge.
    val unreadNotifications: UInt,
    /// An organiser's event form, over the current screen.
    val eventForm: org.fabrique.core.types.EventFormView? = null,
    /// An organiser's message and how many it will reach, over the current screen.
    val message: org.fabrique.core.types.MessageView? = null,
    /// "Before posting, read and accept the charter": a banner that opens `Route::Charter`.
    val charterPrompt: String? = null,
    /// Messages I have not read, in all my conversations: the badge of `Route::Conversations`.
    val unreadMessages: UInt,
    /// The form open now takes files (a new post, question or event, a conversation): the
    /// shell offers to add a photo or a document (`AttachmentsEvent::Add`).
    val canAttach: Boolean,
    /// The files of the form open now, with how far each has gone.
    val formFiles: List<org.fabrique.core.types.FileView>,
    /// The `Authorization` header value to load attachment URLs (`AttachmentView`) with.
    val mediaAuthorization: String? = null,
    /// A file fetched for a tap, to open now in the system's viewer; then
    /// `AttachmentsEvent::Opened`.
    val openFile: org.fabrique.core.types.OpenFileView? = null,
) {
    fun serialize(serializer: Serializer) {
        serializer.increase_container_depth()
        language.serialize(serializer)
        screen.serialize(serializer)
        status.serialize(serializer)
        notice.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        composer.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        ask.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        serializer.serialize_bool(canGoBack)
        serializer.serialize_u32(unreadNotifications)
        eventForm.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        message.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        charterPrompt.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        serializer.serialize_u32(unreadMessages)
        serializer.serialize_bool(canAttach)
        formFiles.serialize(serializer) {
            it.serialize(serializer)
        }
        mediaAuthorization.serializeOptionOf(serializer) {
            serializer.serialize_str(it)
        }
        openFile.serializeOptionOf(serializer) {
            it.serialize(serializer)
        }
        serializer.decrease_container_depth()
    }

    fun bincodeSerialize(): ByteArray {
        val serializer = BincodeSerializer()
        serialize(serializer)
        return serializer.get_bytes()
    }

    companion object {
        fun deserialize(deserializer: Deserializer): ViewModel {
            deserializer.increase_container_depth()
            val language = org.fabrique.core.types.Language.deserialize(deserializer)
            val screen = org.fabrique.core.types.Screen.deserialize(deserializer)
            val status = org.fabrique.core.types.Status.deserialize(deserializer)
            val notice =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val composer =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.ComposerView.deserialize(deserializer)
                }
            val ask =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.AskView.deserialize(deserializer)
                }
            val canGoBack = deserializer.deserialize_bool()
            val unreadNotifications = deserializer.deserialize_u32()
            val eventForm =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.EventFormView.deserialize(deserializer)
                }
            val message =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.MessageView.deserialize(deserializer)
                }
            val charterPrompt =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val unreadMessages = deserializer.deserialize_u32()
            val canAttach = deserializer.deserialize_bool()
            val formFiles =
                deserializer.deserializeListOf {
                    org.fabrique.core.types.FileView.deserialize(deserializer)
                }
            val mediaAuthorization =
                deserializer.deserializeOptionOf {
                    deserializer.deserialize_str()
                }
            val openFile =
                deserializer.deserializeOptionOf {
                    org.fabrique.core.types.OpenFileView.deserialize(deserializer)
                }
            deserializer.decrease_container_depth()
            return ViewModel(language, screen, status, notice, composer, ask, canGoBack, unreadNotifications, eventForm, message, charterPrompt, unreadMessages, canAttach, formFiles, mediaAuthorization, openFile)
        }

        @Throws(DeserializationError::class)
        fun bincodeDeserialize(input: ByteArray?): ViewModel {
            if (input == null) {
                throw DeserializationError("Cannot deserialize null array")
            }
            val deserializer = BincodeDeserializer(input)
            val value = deserialize(deserializer)
            if (deserializer.get_buffer_offset() < input.size) {
                throw DeserializationError("Some input bytes were not read")
            }
            return value
        }
    }
}
