import FabriqueCore
import Foundation
import Security

/// This phone's Web Push keys (made once by the core's `pushKeysNew()`), kept in the keychain
/// of the App Group so that the notification service extension reads them to decrypt. The
/// private key never leaves the phone.
enum PushKeyStore {
    static let accessGroup = "group.org.fabrique.app"
    private static let service = "org.fabrique.push-keys"

    /// The keys, made and kept on first use.
    static func loadOrCreate() -> PushKeys {
        if let keys = load() { return keys }
        let keys = pushKeysNew()
        save(keys)
        return keys
    }

    static func load() -> PushKeys? {
        guard let publicKey = read("public"), let privateKey = read("private"), let auth = read("auth") else { return nil }
        return PushKeys(publicKey: publicKey, privateKey: privateKey, authSecret: auth)
    }

    static func save(_ keys: PushKeys) {
        write("public", keys.publicKey)
        write("private", keys.privateKey)
        write("auth", keys.authSecret)
    }

    private static func query(_ account: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
            kSecAttrAccessGroup as String: accessGroup,
        ]
    }

    private static func read(_ account: String) -> Data? {
        var request = query(account)
        request[kSecReturnData as String] = true
        var found: AnyObject?
        guard SecItemCopyMatching(request as CFDictionary, &found) == errSecSuccess else { return nil }
        return found as? Data
    }

    private static func write(_ account: String, _ data: Data) {
        SecItemDelete(query(account) as CFDictionary)
        var item = query(account)
        item[kSecValueData as String] = data
        // Readable once the phone was unlocked after starting: pushes arrive on a locked phone.
        item[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlock
        SecItemAdd(item as CFDictionary, nil)
    }
}

/// base64url without padding, as Web Push writes keys and the relay writes the body.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
