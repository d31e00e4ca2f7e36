package org.fabrique.core

import java.io.File
import java.net.HttpURLConnection
import java.net.URL
import java.nio.file.Files
import java.util.UUID
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import org.fabrique.core.types.AccountsEvent
import org.fabrique.core.types.AttachmentsEvent
import org.fabrique.core.types.ComposerEvent
import org.fabrique.core.types.ComposerTarget
import org.fabrique.core.types.Event
import org.fabrique.core.types.GroupRelation
import org.fabrique.core.types.GroupSummary
import org.fabrique.core.types.Language
import org.fabrique.core.types.Route
import org.fabrique.core.types.Screen
import org.fabrique.core.types.ViewModel
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/**
 * The Android shell's Kotlin on a desktop JVM, against the real Rust library (through the
 * uniffi bindings) and a real server started by `scripts/test-kotlin.sh`.
 */
class CoreTest {
    private val serverUrl = requireEnv("FABRIQUE_URL")
    private val email = requireEnv("FABRIQUE_EMAIL")
    private val password = requireEnv("FABRIQUE_PASSWORD")
    private val cores = mutableListOf<Core>()

    @After
    fun closeCores() = cores.forEach { it.close() }

    @Test
    fun signInPostAndSeeThePostAfterASyncOnAnotherPhone() {
        val phone = startedPhone()
        signIn(phone)

        val group = aGroupOfMine(phone)

        val body = "Bonjour depuis la JVM ${UUID.randomUUID()}"
        phone.core.send(Event.Composer(ComposerEvent.Open(ComposerTarget.NewPost(group.id))))
        phone.core.send(Event.Composer(ComposerEvent.Submit("", body)))
        phone.core.send(Event.Navigate(Route.Feed))
        phone.await("the post sent") { view ->
            val item = feedItems(view).firstOrNull { it.body == body }
            item != null && !item.pending && view.status.notSentCount == 0u
        }

        val other = startedPhone()
        signIn(other)
        val seen = other.await("the post after a sync") { view -> feedItems(view).any { it.body == body } }
        assertEquals(1, feedItems(seen).count { it.body == body })
        assertEquals(group.name, feedItems(seen).first { it.body == body }.groupName)
    }

    @Test
    fun aDocumentChosenForAPostGoesUpWithItsProgressAndOpensOnAnotherPhone() {
        val phone = startedPhone()
        signIn(phone)
        val group = aGroupOfMine(phone)

        // What the file picker copied into the app's storage: a PDF of 300 kB.
        val content = "%PDF-1.4\n".toByteArray() + ByteArray(300_000) { ('a' + it % 26).code.toByte() }
        val file = Files.createTempFile("fabrique-outgoing", ".pdf").toFile().apply { writeBytes(content) }
        phone.core.send(Event.Composer(ComposerEvent.Open(ComposerTarget.NewPost(group.id))))
        phone.await("a form that takes files") { it.canAttach }
        phone.core.send(Event.Attachments(AttachmentsEvent.Add(file.path, "Budget 2027.pdf", content.size.toULong())))
        val progress = mutableSetOf<Int>()
        phone.await("the file on the server") { view ->
            view.formFiles.firstOrNull()?.let { progress += it.progress.toInt() }
            view.formFiles.firstOrNull()?.progress?.toInt() == 100
        }
        assertTrue("progress between the start and the end: $progress", progress.any { it in 1..99 })
        assertEquals("Prêt", phone.core.view.formFiles.first().status)

        val body = "Le budget en pièce jointe ${UUID.randomUUID()}"
        phone.core.send(Event.Composer(ComposerEvent.Submit("", body)))
        phone.core.send(Event.Navigate(Route.Feed))
        phone.await("the post sent") { view ->
            feedItems(view).any { it.body == body && !it.pending } && view.status.notSentCount == 0u
        }
        phone.await("the phone's copy removed") { !file.exists() }

        val other = startedPhone()
        signIn(other)
        val seen = other.await("the post with its file") { view ->
            feedItems(view).any { it.body == body && it.attachments.isNotEmpty() }
        }
        val attachment = feedItems(seen).first { it.body == body }.attachments.single()
        assertEquals("Budget 2027.pdf", attachment.name)
        assertFalse(attachment.isImage)
        // A tap: the bridge fetches it with the session, with progress, then the app opens it.
        other.core.send(Event.Attachments(AttachmentsEvent.Open(attachment.id, attachment.name)))
        val opened = other.await("the file to open") { it.openFile != null }.openFile!!
        assertTrue(opened.path, opened.path.endsWith("Budget 2027.pdf"))
        assertFalse(opened.isImage)
        assertTrue("the file arrives whole", File(opened.path).readBytes().contentEquals(content))
        other.core.send(Event.Attachments(AttachmentsEvent.Opened))
        other.await("opened once") { it.openFile == null }
        // Without the session the server gives nothing.
        val connection = URL(attachment.url).openConnection() as HttpURLConnection
        assertEquals(401, connection.responseCode)
    }

    @Test
    fun aWrongPasswordIsSaidInFrenchAndNothingCrashes() {
        val phone = startedPhone()
        phone.core.send(Event.Accounts(AccountsEvent.SignIn(email, "not the password")))
        val view = phone.await("the refusal") { (it.screen as? Screen.SignIn)?.value?.error != null }
        assertEquals("Adresse e-mail ou mot de passe incorrect.", (view.screen as Screen.SignIn).value.error)
        assertFalse((view.screen as Screen.SignIn).value.busy)
    }

    private class Phone(val core: Core) {
        private val views = LinkedBlockingQueue<ViewModel>()

        init {
            core.observe { views.add(it) }
        }

        fun await(what: String, condition: (ViewModel) -> Boolean): ViewModel {
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
            var last = core.view
            while (System.nanoTime() < deadline) {
                if (condition(last)) return last
                last = views.poll(200, TimeUnit.MILLISECONDS) ?: core.view
            }
            fail("waited 30 s for $what; last view: $last")
            throw IllegalStateException()
        }
    }

    private fun startedPhone(): Phone {
        val root = Files.createTempDirectory("fabrique-phone").toFile()
        val key = javax.crypto.KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
        // As the app builds it, with a software key instead of the Android Keystore's.
        val core = Core(ProtectedKeyValueStore(FileKeyValueStore(File(root, "core")), File(root, "secrets")) { key })
        cores += core
        val phone = Phone(core)
        core.send(Event.Start(Language.FRENCH))
        // A new phone asks which federation; the address is checked with the server (GET /health).
        phone.await("the federation's address") { it.screen is Screen.Federation }
        core.send(Event.Accounts(AccountsEvent.ChooseFederation(serverUrl)))
        val signIn = phone.await("the sign-in screen") { it.screen is Screen.SignIn }
        assertTrue((signIn.screen as Screen.SignIn).value.federation.isNotEmpty())
        return phone
    }

    private fun signIn(phone: Phone) {
        phone.core.send(Event.Accounts(AccountsEvent.SignIn(email, password)))
        val view = phone.await("the feed after the first sync") { it.screen is Screen.Feed && !it.status.syncing && it.status.online }
        assertTrue(view.status.failed.isEmpty())
    }

    /** A group the signed-in person is a member of, from the "my groups" tab. */
    private fun aGroupOfMine(phone: Phone): GroupSummary {
        phone.core.send(Event.Navigate(Route.MyGroups))
        val groups = phone.await("one of my groups") { view ->
            (view.screen as? Screen.MyGroups)?.value?.groups?.any { it.relation in MEMBER } == true
        }
        return (groups.screen as Screen.MyGroups).value.groups.first { it.relation in MEMBER }
    }

    private fun feedItems(view: ViewModel) = (view.screen as? Screen.Feed)?.value?.items ?: emptyList()

    companion object {
        private val MEMBER = setOf(GroupRelation.MEMBER, GroupRelation.ORGANISER, GroupRelation.ADMIN)

        private fun requireEnv(name: String): String =
            System.getenv(name) ?: throw IllegalStateException("$name is not set: run scripts/test-kotlin.sh")
    }
}
