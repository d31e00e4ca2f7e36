//! Federation addresses as people type them, and invitation links as phones open them.
//!
//! One app serves every federation: the address is typed once (`fabrique.ma-federation.fr`),
//! or comes with an invitation, either the web link an association sends
//! (`https://fabrique.ma-federation.fr/join/<code>`, which opens the app where App Links or
//! Universal Links are set up) or the invitation page's button
//! (`fabrique://join?server=https%3A%2F%2Ffabrique.ma-federation.fr&code=<code>`).
//!
//! A mail's link to an item (`https://<federation>/open/<kind>/<id>`, or the page's button
//! `fabrique://open?server=…&kind=…&id=…`) opens the app there.

use url::Url;

/// The address a person typed, as the app keeps it: `https://` added when no scheme was
/// typed, no query, fragment nor trailing `/`. `None` when it is no web address.
pub fn federation_address(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() || typed.contains(char::is_whitespace) {
        return None;
    }
    let parsed = match Url::parse(typed) {
        Ok(url) if url.has_host() => url,
        // `fabrique.example.org` reads as a relative address, `example.org:8080` as a scheme.
        _ => Url::parse(&format!("https://{typed}")).ok()?,
    };
    address_of(&parsed, parsed.path())
}

/// The federation and the code of an invitation link; `None` when it is not one.
pub fn invitation(link: &str) -> Option<(String, String)> {
    let url = Url::parse(link.trim()).ok()?;
    match url.scheme() {
        "fabrique" => {
            if url.host_str() != Some("join") {
                return None;
            }
            let pair = |name: &str| url.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
            let server = federation_address(&pair("server")?)?;
            Some((server, code(&pair("code")?)?))
        }
        "http" | "https" => {
            let path = url.path();
            let start = path.rfind("/join/")?;
            let code = code(&path[start + "/join/".len()..])?;
            Some((address_of(&url, &path[..start])?, code))
        }
        _ => None,
    }
}

/// The federation and the place in the app of a mail's link to an item; `None` when it is
/// not one.
pub fn item(link: &str) -> Option<(String, crate::model::Route)> {
    let url = Url::parse(link.trim()).ok()?;
    let (address, kind, id) = match url.scheme() {
        "fabrique" => {
            if url.host_str() != Some("open") {
                return None;
            }
            let pair = |name: &str| url.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
            (federation_address(&pair("server")?)?, pair("kind")?, pair("id"))
        }
        "http" | "https" => {
            let path = url.path().trim_end_matches('/');
            let start = path.rfind("/open/")?;
            let mut rest = path[start + "/open/".len()..].split('/');
            let kind = rest.next()?.to_owned();
            let id = rest.next().map(str::to_owned);
            if rest.next().is_some() {
                return None;
            }
            (address_of(&url, &path[..start])?, kind, id)
        }
        _ => return None,
    };
    use crate::model::Route;
    let id = match id {
        Some(id) if uuid::Uuid::parse_str(&id).is_err() => return None,
        id => id,
    };
    let route = match (kind.as_str(), id) {
        ("notifications", None) => Route::Notifications,
        ("must-read", Some(id)) => Route::MustRead { id },
        ("question", Some(id)) => Route::Question { id },
        ("event", Some(id)) => Route::Event { id },
        ("post", Some(id)) => Route::Post { id },
        ("conversation", Some(id)) => Route::Conversation { id },
        _ => return None,
    };
    Some((address, route))
}

/// The host of an address, to name a federation whose name is not known yet.
pub fn host(address: &str) -> Option<String> {
    Url::parse(address).ok()?.host_str().map(str::to_owned)
}

/// `scheme://host[:port][path]` of an http(s) address, without a trailing `/`.
fn address_of(url: &Url, path: &str) -> Option<String> {
    // No credentials in a federation's address (`mailto:x@y` typed reads as one).
    if !matches!(url.scheme(), "http" | "https") || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    let host = url.host_str().filter(|h| !h.is_empty())?;
    // A bare word is no federation's address (a typo or a name typed instead).
    if !host.contains('.') && !host.contains(':') && host != "localhost" {
        return None;
    }
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some(format!("{}://{host}{port}{}", url.scheme(), path.trim_end_matches('/')))
}

/// An invitation code as the server makes them: letters, digits, `-` and `_`.
fn code(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let valid = !text.is_empty()
        && text.len() <= 100
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_kept_as_browsers_read_it() {
        let cases = [
            ("fabrique.ma-federation.fr", Some("https://fabrique.ma-federation.fr")),
            ("  https://Fabrique.Ma-Federation.fr/ ", Some("https://fabrique.ma-federation.fr")),
            ("http://10.0.2.2:8080", Some("http://10.0.2.2:8080")),
            ("10.0.2.2:8080", Some("https://10.0.2.2:8080")),
            ("exemple.org:8443/fabrique/", Some("https://exemple.org:8443/fabrique")),
            ("https://exemple.org/?x=1#haut", Some("https://exemple.org")),
            ("http://localhost:8080", Some("http://localhost:8080")),
            ("", None),
            ("ma fédération", None),
            ("federation", None),
            ("ftp://exemple.org", None),
            ("mailto:contact@exemple.org", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(federation_address(typed).as_deref(), expected, "{typed:?}");
        }
    }

    #[test]
    fn a_mails_links_give_their_federation_and_place() {
        use crate::model::Route;
        let id = "0193a5f0-7d2c-7e41-9a3b-1c2d3e4f5a6b";
        let at = |link: &str| item(link);
        assert_eq!(
            at(&format!("https://fabrique.exemple.org/open/must-read/{id}")),
            Some(("https://fabrique.exemple.org".to_owned(), Route::MustRead { id: id.into() }))
        );
        assert_eq!(
            at(&format!("fabrique://open?server=https%3A%2F%2Ffabrique.exemple.org&kind=question&id={id}")),
            Some(("https://fabrique.exemple.org".to_owned(), Route::Question { id: id.into() }))
        );
        assert_eq!(at("https://exemple.org/open/notifications").map(|(_, r)| r), Some(Route::Notifications));
        for broken in [
            "https://exemple.org/open/question/pas-un-id".to_owned(),
            format!("https://exemple.org/open/admin/{id}"),
            format!("https://exemple.org/open/post/{id}/plus"),
            "https://exemple.org/open/notifications/extra".to_owned(),
            format!("https://exemple.org/join/{id}"),
        ] {
            assert_eq!(at(&broken), None, "{broken}");
        }
    }

    #[test]
    fn invitation_links_give_their_federation_and_code() {
        let expected = Some(("https://fabrique.exemple.org".to_owned(), "fh2s7bBe0-3G8Xq_VkOD".to_owned()));
        assert_eq!(invitation("https://fabrique.exemple.org/join/fh2s7bBe0-3G8Xq_VkOD"), expected);
        assert_eq!(invitation("https://fabrique.exemple.org/join/fh2s7bBe0-3G8Xq_VkOD/"), expected);
        assert_eq!(
            invitation("fabrique://join?server=https%3A%2F%2Ffabrique.exemple.org&code=fh2s7bBe0-3G8Xq_VkOD"),
            expected
        );
        assert_eq!(
            invitation("https://exemple.org:8443/fabrique/join/abc"),
            Some(("https://exemple.org:8443/fabrique".to_owned(), "abc".to_owned()))
        );
        for broken in [
            "https://fabrique.exemple.org/join/",
            "https://fabrique.exemple.org/groups/abc",
            "https://fabrique.exemple.org/join/a%20b",
            "fabrique://join?code=abc",
            "fabrique://join?server=nowhere&code=abc",
            "fabrique://other?server=https%3A%2F%2Fexemple.org&code=abc",
            "javascript:alert(1)",
            "fabrique.exemple.org/join/abc",
        ] {
            assert_eq!(invitation(broken), None, "{broken}");
        }
    }
}
