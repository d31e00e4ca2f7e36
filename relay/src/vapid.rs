//! VAPID (RFC 8292): each push carries `Authorization: vapid t=<JWT>, k=<public key>`; the
//! JWT is signed (ES256) by that key, names this relay's origin as its audience, and expires
//! within 24 hours. The key identifies the sending server (for the per-sender limit).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_simple::prelude::{Duration, ECDSAP256PublicKeyLike, ES256PublicKey, NoCustomClaims, VerificationOptions};

/// Signatures already checked: a server signs once per push service and reuses it for up to
/// a day (Fabrique's for an hour), so most pushes carry one seen before and skip the ECDSA
/// verification. Bounded: emptied when full.
#[derive(Default)]
pub struct Verified {
    seen: Mutex<HashMap<String, (String, u64)>>,
}

const VERIFIED_MAX: usize = 10_000;

impl Verified {
    /// The sender's key (base64url) when the request is signed for `audience`; why not.
    pub fn check(&self, headers: &HeaderMap, audience: &str) -> Result<String, &'static str> {
        let value =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or("no Authorization header")?;
        let now = jwt_simple::prelude::Clock::now_since_epoch().as_secs();
        if let Some((sender, until)) = self.seen.lock().unwrap_or_else(|p| p.into_inner()).get(value)
            && *until > now
        {
            return Ok(sender.clone());
        }
        let (sender, expires) = verify(value, audience)?;
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() >= VERIFIED_MAX {
            seen.clear();
        }
        seen.insert(value.to_owned(), (sender.clone(), expires));
        Ok(sender)
    }
}

/// The sender's key and the signature's expiry (Unix seconds) when `value` (an
/// `Authorization` header) is signed for `audience`; why not otherwise.
fn verify(value: &str, audience: &str) -> Result<(String, u64), &'static str> {
    let rest = value.trim().strip_prefix("vapid ").ok_or("not a vapid Authorization")?;
    let (mut token, mut key) = (None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(t) = part.strip_prefix("t=") {
            token = Some(t);
        } else if let Some(k) = part.strip_prefix("k=") {
            key = Some(k);
        }
    }
    let (token, key) = (token.ok_or("no t=")?, key.ok_or("no k=")?);
    let raw = URL_SAFE_NO_PAD.decode(key.trim_end_matches('=')).map_err(|_| "k= is not base64url")?;
    let public = ES256PublicKey::from_bytes(&raw).map_err(|_| "k= is not a P-256 key")?;
    let options = VerificationOptions {
        allowed_audiences: Some(HashSet::from([audience.to_owned()])),
        time_tolerance: Some(Duration::from_mins(1)),
        ..VerificationOptions::default()
    };
    let claims =
        public.verify_token::<NoCustomClaims>(token, Some(options)).map_err(|_| "the signature does not verify")?;
    let expires = claims.expires_at.ok_or("no exp")?;
    let now = jwt_simple::prelude::Clock::now_since_epoch();
    if expires > now + Duration::from_hours(24) + Duration::from_mins(1) {
        return Err("exp is more than 24 hours ahead");
    }
    if claims.subject.as_deref().is_none_or(str::is_empty) {
        return Err("no sub (who runs the server)");
    }
    Ok((URL_SAFE_NO_PAD.encode(raw), expires.as_secs()))
}
