//! Web Push message encryption (RFC 8291, `aes128gcm` content coding of RFC 8188), with
//! ring's P-256 and AES-GCM.
//!
//! Why not `web-push`'s own encryption: it goes through `ece`'s OpenSSL backend, which
//! rebuilds and fully validates both keys for every message (a generic multiplication by
//! the curve order): 44 % of the sender's CPU in the fan-out benchmark. ring's P-256 runs
//! the optimised code path and checks the device's key by its equation only (what RFC 8291
//! asks). `web-push` still signs the VAPID JWT. The local push service of `tests/`
//! decrypts every message with `ece`, so the two implementations are checked against
//! each other in every push story.

use ring::aead::{AES_128_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::agreement::{self, ECDH_P256, EphemeralPrivateKey, UnparsedPublicKey};
use ring::hkdf::{HKDF_SHA256, KeyType, Salt};
use ring::rand::{SecureRandom, SystemRandom};

/// One record holds the whole message: the record size announced in the header.
const RECORD_SIZE: u32 = 4096;
/// The AES-GCM tag and the padding delimiter added to the plaintext.
const OVERHEAD: usize = 16 + 1;
/// Largest payload in one record (RFC 8291 §4: push services accept at least 4096 bytes of body).
pub const PAYLOAD_MAX: usize = 3052;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EncryptionError {
    #[error("the device's public key is not a P-256 point")]
    BadDeviceKey,
    #[error("the device's authentication secret is not 16 bytes")]
    BadAuthSecret,
    #[error("the message is too long for one push ({0} bytes; at most {PAYLOAD_MAX})")]
    TooLong(usize),
    #[error("the system's random source failed")]
    Random,
}

struct Length(usize);

impl KeyType for Length {
    fn len(&self) -> usize {
        self.0
    }
}

fn hkdf(salt: &[u8], secret: &[u8], info: &[&[u8]], out: &mut [u8]) {
    let prk = Salt::new(HKDF_SHA256, salt).extract(secret);
    // Lengths here are 12, 16 or 32 bytes: far below HKDF's bound, so this cannot fail.
    prk.expand(info, Length(out.len())).and_then(|okm| okm.fill(out)).expect("HKDF lengths are small");
}

/// The encrypted body of one push for the device whose subscription has `device_key`
/// (uncompressed P-256 point, 65 bytes) and `auth_secret` (16 bytes).
pub fn encrypt(
    random: &SystemRandom,
    payload: &[u8],
    device_key: &[u8],
    auth_secret: &[u8],
) -> Result<Vec<u8>, EncryptionError> {
    if payload.len() > PAYLOAD_MAX {
        return Err(EncryptionError::TooLong(payload.len()));
    }
    if device_key.len() != 65 || device_key[0] != 4 {
        return Err(EncryptionError::BadDeviceKey);
    }
    if auth_secret.len() != 16 {
        return Err(EncryptionError::BadAuthSecret);
    }
    // A new key pair and salt for every message (RFC 8291 §3.1, RFC 8188 §2.1).
    let private = EphemeralPrivateKey::generate(&ECDH_P256, random).map_err(|_| EncryptionError::Random)?;
    let public = private.compute_public_key().map_err(|_| EncryptionError::Random)?;
    let public = public.as_ref();
    let mut salt = [0u8; 16];
    random.fill(&mut salt).map_err(|_| EncryptionError::Random)?;

    // RFC 8291 §3.3: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || 0 || ua_public || as_public, 32).
    let mut ikm = [0u8; 32];
    agreement::agree_ephemeral(private, &UnparsedPublicKey::new(&ECDH_P256, device_key), |shared| {
        hkdf(auth_secret, shared, &[b"WebPush: info\0", device_key, public], &mut ikm);
    })
    .map_err(|_| EncryptionError::BadDeviceKey)?;

    // RFC 8188 §2.2–2.3: the content key and nonce from the salt.
    let mut cek = [0u8; 16];
    let mut nonce = [0u8; 12];
    hkdf(&salt, &ikm, &[b"Content-Encoding: aes128gcm\0"], &mut cek);
    hkdf(&salt, &ikm, &[b"Content-Encoding: nonce\0"], &mut nonce);
    let key = LessSafeKey::new(UnboundKey::new(&AES_128_GCM, &cek).expect("a 16-byte key"));

    // Header: salt, record size, key id (our public key); then the one record, ending in
    // the last-record delimiter 0x02 without padding.
    let mut body = Vec::with_capacity(16 + 4 + 1 + public.len() + payload.len() + OVERHEAD);
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(public.len() as u8);
    body.extend_from_slice(public);
    let start = body.len();
    body.extend_from_slice(payload);
    body.push(2);
    let mut record = body.split_off(start);
    key.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut record)
        .map_err(|_| EncryptionError::TooLong(payload.len()))?;
    body.extend_from_slice(&record);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device's key pair and secret, as a browser or a UnifiedPush distributor makes them.
    fn device() -> (ece::EcKeyComponents, Vec<u8>) {
        let (keys, auth) = ece::generate_keypair_and_auth_secret().unwrap();
        (keys.raw_components().unwrap(), auth.to_vec())
    }

    #[test]
    fn what_it_encrypts_the_device_decrypts_with_ece() {
        let (keys, auth) = device();
        let random = SystemRandom::new();
        let body = encrypt(&random, b"{\"kind\":\"question_asked\"}", keys.public_key(), &auth).unwrap();
        let plain = ece::decrypt(&keys, &auth, &body).unwrap();
        assert_eq!(plain, b"{\"kind\":\"question_asked\"}");
    }

    #[test]
    fn each_message_has_its_own_salt_and_key() {
        let (keys, auth) = device();
        let random = SystemRandom::new();
        let a = encrypt(&random, b"same", keys.public_key(), &auth).unwrap();
        let b = encrypt(&random, b"same", keys.public_key(), &auth).unwrap();
        assert_ne!(a[..16], b[..16], "salt");
        assert_ne!(a[21..86], b[21..86], "ephemeral key");
    }

    #[test]
    fn bad_keys_and_long_messages_are_refused() {
        let (keys, auth) = device();
        let random = SystemRandom::new();
        let mut not_a_point = keys.public_key().to_vec();
        not_a_point[40] ^= 0xff;
        assert_eq!(encrypt(&random, b"x", &not_a_point, &auth), Err(EncryptionError::BadDeviceKey));
        assert_eq!(encrypt(&random, b"x", &keys.public_key()[..33], &auth), Err(EncryptionError::BadDeviceKey));
        assert_eq!(encrypt(&random, b"x", keys.public_key(), &auth[..8]), Err(EncryptionError::BadAuthSecret));
        let long = vec![b'a'; PAYLOAD_MAX + 1];
        assert_eq!(encrypt(&random, &long, keys.public_key(), &auth), Err(EncryptionError::TooLong(PAYLOAD_MAX + 1)));
    }
}
