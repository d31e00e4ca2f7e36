//! A push's payload decrypted on the device (RFC 8291: Web Push message encryption, over
//! the `aes128gcm` content coding of RFC 8188), and the device's keys it needs.
//!
//! The server encrypts every push to the device's public key and auth secret; the push
//! service, the relay, Apple and Google carry ciphertext only. The iOS notification service
//! extension and the Android push service call [`decrypt`] through the FFI (`push_decrypt`),
//! with the keys [`new_keys`] made when the device subscribed (`push_keys_new`).

use aes_gcm::Aes128Gcm;
use aes_gcm::aead::{Aead, KeyInit};
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use sha2::Sha256;

/// A device's push keys: what its subscription gives the server (`public_key` as `p256dh`,
/// `auth_secret` as `auth`) and the private half it keeps.
#[derive(Clone, PartialEq, Eq)]
pub struct PushKeys {
    /// Uncompressed P-256 point, 65 bytes.
    pub public_key: Vec<u8>,
    /// The P-256 scalar, 32 bytes: never leaves the device.
    pub private_key: Vec<u8>,
    /// 16 random bytes.
    pub auth_secret: Vec<u8>,
}

impl std::fmt::Debug for PushKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushKeys").field("public_key", &self.public_key.len()).finish_non_exhaustive()
    }
}

/// Why a push could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecryptError {
    #[error("the device's keys are not valid")]
    BadKeys,
    #[error("the push is not an aes128gcm message")]
    Malformed,
    #[error("the push was not encrypted for this device, or was altered")]
    NotForThisDevice,
}

/// New keys for a device, from the operating system's random source.
pub fn new_keys() -> PushKeys {
    let private = SecretKey::random(&mut rand_core::OsRng);
    let public = private.public_key().to_encoded_point(false).as_bytes().to_vec();
    let mut auth_secret = vec![0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut auth_secret);
    PushKeys { public_key: public, private_key: private.to_bytes().to_vec(), auth_secret }
}

fn expand(prk: &Hkdf<Sha256>, info: &[&[u8]], out: &mut [u8]) {
    // Lengths here are 12, 16 or 32 bytes: far below HKDF's bound.
    prk.expand_multi_info(info, out).expect("HKDF lengths are small");
}

/// The plaintext of a push body encrypted for the device holding `private_key` and
/// `auth_secret`.
pub fn decrypt(private_key: &[u8], auth_secret: &[u8], body: &[u8]) -> Result<Vec<u8>, DecryptError> {
    let private = SecretKey::from_slice(private_key).map_err(|_| DecryptError::BadKeys)?;
    if auth_secret.len() != 16 {
        return Err(DecryptError::BadKeys);
    }
    let device_public = private.public_key().to_encoded_point(false);
    // RFC 8188 §2.1: salt (16) | record size (4) | key id length (1) | key id (the sender's key).
    if body.len() < 21 {
        return Err(DecryptError::Malformed);
    }
    let (salt, rest) = body.split_at(16);
    let record_size = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
    let id_length = rest[4] as usize;
    let rest = &rest[5..];
    if id_length != 65 || rest.len() < id_length || record_size < 18 {
        return Err(DecryptError::Malformed);
    }
    let (sender_key, ciphertext) = rest.split_at(id_length);
    let sender = PublicKey::from_sec1_bytes(sender_key).map_err(|_| DecryptError::Malformed)?;

    // RFC 8291 §3.3-3.4: IKM from the shared secret and the auth secret, then the content
    // key and nonce from the salt.
    let shared = p256::ecdh::diffie_hellman(private.to_nonzero_scalar(), sender.as_affine());
    let keyed = Hkdf::<Sha256>::new(Some(auth_secret), shared.raw_secret_bytes());
    let mut ikm = [0u8; 32];
    expand(&keyed, &[b"WebPush: info\0", device_public.as_bytes(), sender_key], &mut ikm);
    let salted = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let mut key = [0u8; 16];
    expand(&salted, &[b"Content-Encoding: aes128gcm\0"], &mut key);
    let mut base_nonce = [0u8; 12];
    expand(&salted, &[b"Content-Encoding: nonce\0"], &mut base_nonce);
    let cipher = Aes128Gcm::new_from_slice(&key).map_err(|_| DecryptError::BadKeys)?;

    let records: Vec<&[u8]> = ciphertext.chunks(record_size).collect();
    if records.is_empty() {
        return Err(DecryptError::Malformed);
    }
    let mut plaintext = Vec::with_capacity(ciphertext.len());
    for (index, record) in records.iter().enumerate() {
        // The nonce of record i is the base nonce XOR i (RFC 8188 §2.3).
        let mut nonce = base_nonce;
        for (byte, counter) in nonce[4..].iter_mut().zip((index as u64).to_be_bytes()) {
            *byte ^= counter;
        }
        let mut opened = cipher.decrypt((&nonce).into(), *record).map_err(|_| DecryptError::NotForThisDevice)?;
        // Padding: zeros after a delimiter, 2 on the last record, 1 on the others.
        let last = index + 1 == records.len();
        let end = opened.iter().rposition(|&b| b != 0).ok_or(DecryptError::Malformed)?;
        if opened[end] != if last { 2 } else { 1 } {
            return Err(DecryptError::Malformed);
        }
        opened.truncate(end);
        plaintext.extend_from_slice(&opened);
    }
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> Vec<u8> {
        // base64url without padding, as RFC 8291's example writes it.
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut bits = 0u32;
        let mut count = 0;
        let mut out = Vec::new();
        for c in text.bytes() {
            let value = ALPHABET.iter().position(|&a| a == c).expect("base64url") as u32;
            bits = (bits << 6) | value;
            count += 6;
            if count >= 8 {
                count -= 8;
                out.push((bits >> count) as u8);
                bits &= (1 << count) - 1;
            }
        }
        out
    }

    /// RFC 8291, Appendix A: the example message, decrypted with the example's receiver keys.
    #[test]
    fn the_rfc_8291_example_decrypts_to_its_plaintext() {
        let private = b64("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94");
        let auth = b64("BTBZMqHH6r4Tts7J_aSIgg");
        let body = b64(
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
        );
        let plaintext = decrypt(&private, &auth, &body).expect("the example decrypts");
        assert_eq!(String::from_utf8(plaintext).unwrap(), "When I grow up, I want to be a watermelon");
    }

    #[test]
    fn another_devices_keys_an_altered_body_or_garbage_are_refused() {
        let private = b64("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94");
        let auth = b64("BTBZMqHH6r4Tts7J_aSIgg");
        let body = b64(
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
        );
        let other = new_keys();
        assert_eq!(decrypt(&other.private_key, &auth, &body), Err(DecryptError::NotForThisDevice));
        assert_eq!(decrypt(&private, &other.auth_secret, &body), Err(DecryptError::NotForThisDevice));
        let mut altered = body.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert_eq!(decrypt(&private, &auth, &altered), Err(DecryptError::NotForThisDevice));
        assert_eq!(decrypt(&private, &auth, &body[..30]), Err(DecryptError::Malformed));
        assert_eq!(decrypt(&private, &auth, b"not a push"), Err(DecryptError::Malformed));
        assert_eq!(decrypt(&[0u8; 32], &auth, &body), Err(DecryptError::BadKeys));
        assert_eq!(decrypt(&private, &auth[..8], &body), Err(DecryptError::BadKeys));
    }

    #[test]
    fn new_keys_are_a_valid_pair_and_differ_each_time() {
        let keys = new_keys();
        assert_eq!((keys.public_key.len(), keys.private_key.len(), keys.auth_secret.len()), (65, 32, 16));
        assert_eq!(keys.public_key[0], 4, "uncompressed point");
        let derived = SecretKey::from_slice(&keys.private_key).unwrap().public_key().to_encoded_point(false);
        assert_eq!(derived.as_bytes(), &keys.public_key[..]);
        assert_ne!(new_keys(), keys);
    }
}
