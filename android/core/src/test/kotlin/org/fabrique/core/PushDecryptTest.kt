package org.fabrique.core

import java.util.Base64
import org.fabrique.core.ffi.PushException
import org.fabrique.core.ffi.pushDecrypt
import org.fabrique.core.ffi.pushKeysNew
import org.fabrique.core.ffi.pushNotice
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.fail
import org.junit.Test

/**
 * The decryption the Android push service (and the iOS notification extension) calls, from
 * Kotlin through the uniffi bindings into the real Rust library.
 */
class PushDecryptTest {
    private fun b64(text: String): ByteArray = Base64.getUrlDecoder().decode(text)

    // RFC 8291, Appendix A: the example's receiver keys and message.
    private val privateKey = b64("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94")
    private val authSecret = b64("BTBZMqHH6r4Tts7J_aSIgg")
    private val body = b64(
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
    )

    @Test
    fun theRfcExampleDecryptsToItsPlaintext() {
        val plaintext = pushDecrypt(privateKey, authSecret, body)
        assertEquals("When I grow up, I want to be a watermelon", String(plaintext, Charsets.UTF_8))
    }

    @Test
    fun aPushForAnotherDeviceIsAnErrorNotACrash() {
        val other = pushKeysNew()
        assertEquals(65, other.publicKey.size)
        assertEquals(32, other.privateKey.size)
        assertEquals(16, other.authSecret.size)
        assertFalse(other.privateKey.contentEquals(pushKeysNew().privateKey))
        try {
            pushDecrypt(other.privateKey, other.authSecret, body)
            fail("another device's keys cannot read it")
        } catch (expected: PushException.NotForThisDevice) {
        }
        try {
            pushDecrypt(privateKey, authSecret, "not a push".toByteArray())
            fail("garbage is refused")
        } catch (expected: PushException.Malformed) {
        }
    }

    @Test
    fun aDecryptedPushBecomesANoticeInThePhonesLanguageKeyedByItsNotification() {
        val payload = """{"notification_id":"0190f3a2-7b1c-7d2e-8f30-123456789abc","kind":"question_asked",""" +
            """"subject_id":"0190f3a2-7b1c-7d2e-8f30-cba987654321","group_id":"0190f3a2-7b1c-7d2e-8f30-000000000001",""" +
            """"text":"Nouvelle question dans un de vos groupes"}"""
        val notice = pushNotice(payload.toByteArray(), "en", ByteArray(0))
        assertEquals("0190f3a2-7b1c-7d2e-8f30-123456789abc", notice.id)
        assertEquals("New question in one of your groups", notice.body)
        assertEquals("0190f3a2-7b1c-7d2e-8f30-000000000001", notice.thread)
        assertEquals("question_asked", notice.kind)
        assertEquals("Nouvelle question dans un de vos groupes", pushNotice(payload.toByteArray(), "fr", ByteArray(0)).body)
        // With the names the core keeps for notices, the group is named.
        val names = """{"groups":{"0190f3a2-7b1c-7d2e-8f30-000000000001":"Trésorerie"}}""".toByteArray()
        assertEquals("Nouvelle question dans « Trésorerie »", pushNotice(payload.toByteArray(), "fr", names).body)
    }
}
