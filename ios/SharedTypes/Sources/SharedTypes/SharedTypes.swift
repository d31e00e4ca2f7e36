import Serde

func serializeArray<T, S: Serializer>(
    value: [T],
    serializer: S,
    serializeElement: (T, S) throws -> Void
) throws {
    try serializer.serialize_len(value: value.count)
    for item in value {
        try serializeElement(item, serializer)
    }
}

func deserializeArray<T, D: Deserializer>(
    deserializer: D,
    deserializeElement: (D) throws -> T
) throws -> [T] {
    let length = try deserializer.deserialize_len()
    var obj: [T] = []
    for _ in 0..<length {
        obj.append(try deserializeElement(deserializer))
    }
    return obj
}

func serializeOption<T, S: Serializer>(
    value: T?,
    serializer: S,
    serializeElement: (T, S) throws -> Void
) throws {
    if let value = value {
        try serializer.serialize_option_tag(value: true)
        try serializeElement(value, serializer)
    } else {
        try serializer.serialize_option_tag(value: false)
    }
}

func deserializeOption<T, D: Deserializer>(
    deserializer: D,
    deserializeElement: (D) throws -> T
) throws -> T? {
    let tag = try deserializer.deserialize_option_tag()
    if tag {
        return try deserializeElement(deserializer)
    } else {
        return nil
    }
}

indirect public enum AccountsEvent: Hashable, Equatable {
    /// The federation's address as the person typed it (`fabrique.ma-federation.fr`), or an
    /// invitation link pasted: checked with the server before it is kept.
    case chooseFederation(address: String)
    /// "Not your federation?": forget the address kept, to type another.
    case changeFederation
    /// A link the phone opened the app with, or a QR code's text: an invitation
    /// (`https://<federation>/join/<code>`, or `fabrique://join?server=…&code=…` from the
    /// invitation page). It opens the right federation with the code filled in.
    case openLink(url: String)
    case signIn(email: String, password: String)
    /// Create one's account from the invitation code an association gave.
    case redeem(code: String, displayName: String, password: String)
    case signOut
    /// "Forgot your password?": a link to choose a new one is mailed to the address, if an
    /// account has it (the answer does not say).
    case forgotPassword(email: String)
    /// "Delete my account", with one's password again: the account closes at once on every
    /// device and is erased for good in 14 days; signing in again before then cancels it.
    case eraseAccount(password: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .chooseFederation(let address):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: address)
        case .changeFederation:
            try serializer.serialize_variant_index(value: 1)
        case .openLink(let url):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: url)
        case .signIn(let email, let password):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: email)
            try serializer.serialize_str(value: password)
        case .redeem(let code, let displayName, let password):
            try serializer.serialize_variant_index(value: 4)
            try serializer.serialize_str(value: code)
            try serializer.serialize_str(value: displayName)
            try serializer.serialize_str(value: password)
        case .signOut:
            try serializer.serialize_variant_index(value: 5)
        case .forgotPassword(let email):
            try serializer.serialize_variant_index(value: 6)
            try serializer.serialize_str(value: email)
        case .eraseAccount(let password):
            try serializer.serialize_variant_index(value: 7)
            try serializer.serialize_str(value: password)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> AccountsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let address = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .chooseFederation(address: address)
        case 1:
            try deserializer.decrease_container_depth()
            return .changeFederation
        case 2:
            let url = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .openLink(url: url)
        case 3:
            let email = try deserializer.deserialize_str()
            let password = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .signIn(email: email, password: password)
        case 4:
            let code = try deserializer.deserialize_str()
            let displayName = try deserializer.deserialize_str()
            let password = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .redeem(code: code, displayName: displayName, password: password)
        case 5:
            try deserializer.decrease_container_depth()
            return .signOut
        case 6:
            let email = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .forgotPassword(email: email)
        case 7:
            let password = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .eraseAccount(password: password)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for AccountsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> AccountsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct AnswerView: Hashable, Equatable {
    public var id: String
    public var authorName: String
    public var body: String
    public var accepted: Bool
    public var createdAt: String
    /// "Name : text", oldest first.
    public var comments: [String]
    public var pending: Bool
    public var pendingLabel: String?
    public var canDelete: Bool

    public init(id: String, authorName: String, body: String, accepted: Bool, createdAt: String, comments: [String], pending: Bool, pendingLabel: String?, canDelete: Bool) {
        self.id = id
        self.authorName = authorName
        self.body = body
        self.accepted = accepted
        self.createdAt = createdAt
        self.comments = comments
        self.pending = pending
        self.pendingLabel = pendingLabel
        self.canDelete = canDelete
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.authorName)
        try serializer.serialize_str(value: self.body)
        try serializer.serialize_bool(value: self.accepted)
        try serializer.serialize_str(value: self.createdAt)
        try serializeArray(value: self.comments, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.serialize_bool(value: self.pending)
        try serializeOption(value: self.pendingLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canDelete)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> AnswerView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let authorName = try deserializer.deserialize_str()
        let body = try deserializer.deserialize_str()
        let accepted = try deserializer.deserialize_bool()
        let createdAt = try deserializer.deserialize_str()
        let comments = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let pending = try deserializer.deserialize_bool()
        let pendingLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canDelete = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return AnswerView(id: id, authorName: authorName, body: body, accepted: accepted, createdAt: createdAt, comments: comments, pending: pending, pendingLabel: pendingLabel, canDelete: canDelete)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> AnswerView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct AskView: Hashable, Equatable {
    public var groupIds: [String]
    public var groupNames: [String]
    public var title: String
    public var details: String
    public var tags: [String]
    /// Answered questions like this one, found while the title is typed.
    public var suggestions: [QuestionSummary]
    public var suggestionsLabel: String?
    public var error: String?

    public init(groupIds: [String], groupNames: [String], title: String, details: String, tags: [String], suggestions: [QuestionSummary], suggestionsLabel: String?, error: String?) {
        self.groupIds = groupIds
        self.groupNames = groupNames
        self.title = title
        self.details = details
        self.tags = tags
        self.suggestions = suggestions
        self.suggestionsLabel = suggestionsLabel
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.groupIds, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializeArray(value: self.groupNames, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.details)
        try serializeArray(value: self.tags, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializeArray(value: self.suggestions, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.suggestionsLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> AskView {
        try deserializer.increase_container_depth()
        let groupIds = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let groupNames = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let title = try deserializer.deserialize_str()
        let details = try deserializer.deserialize_str()
        let tags = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let suggestions = try deserializeArray(deserializer: deserializer) { deserializer in
            try QuestionSummary.deserialize(deserializer: deserializer)
        }
        let suggestionsLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return AskView(groupIds: groupIds, groupNames: groupNames, title: title, details: details, tags: tags, suggestions: suggestions, suggestionsLabel: suggestionsLabel, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> AskView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// A photo or document on a post, question, event or message.
public struct AttachmentView: Hashable, Equatable {
    public var id: String
    public var name: String
    public var isImage: Bool
    public var size: String
    /// The file (a photo shown whole, a document opened or saved).
    public var url: String
    /// For photos: a small JPEG for lists.
    public var thumbnailUrl: String?
    public var width: UInt32?
    public var height: UInt32?
    /// Being fetched to open it: how far, in percent (0 while the size is unknown).
    public var opening: UInt8?
    /// Why it could not be opened, if it could not.
    public var error: String?

    public init(id: String, name: String, isImage: Bool, size: String, url: String, thumbnailUrl: String?, width: UInt32?, height: UInt32?, opening: UInt8?, error: String?) {
        self.id = id
        self.name = name
        self.isImage = isImage
        self.size = size
        self.url = url
        self.thumbnailUrl = thumbnailUrl
        self.width = width
        self.height = height
        self.opening = opening
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.name)
        try serializer.serialize_bool(value: self.isImage)
        try serializer.serialize_str(value: self.size)
        try serializer.serialize_str(value: self.url)
        try serializeOption(value: self.thumbnailUrl, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.width, serializer: serializer) { value, serializer in
            try serializer.serialize_u32(value: value)
        }
        try serializeOption(value: self.height, serializer: serializer) { value, serializer in
            try serializer.serialize_u32(value: value)
        }
        try serializeOption(value: self.opening, serializer: serializer) { value, serializer in
            try serializer.serialize_u8(value: value)
        }
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> AttachmentView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let name = try deserializer.deserialize_str()
        let isImage = try deserializer.deserialize_bool()
        let size = try deserializer.deserialize_str()
        let url = try deserializer.deserialize_str()
        let thumbnailUrl = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let width = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_u32()
        }
        let height = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_u32()
        }
        let opening = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_u8()
        }
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return AttachmentView(id: id, name: name, isImage: isImage, size: size, url: url, thumbnailUrl: thumbnailUrl, width: width, height: height, opening: opening, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> AttachmentView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum AttachmentsEvent: Hashable, Equatable {
    /// The person chose a file for the open form; the shell copied it into the app's own
    /// storage at `file` (kept until `Discard`), `name` as the person knows it.
    case add(file: String, name: String, size: UInt64)
    /// Take a file off the open form.
    case remove(id: String)
    /// Open a file of the server whole (a tap on a photo or a document): fetched with the
    /// session, then given to the shell to open (`ViewModel::open_file`).
    case open(id: String, name: String)
    /// The shell opened the file it was given.
    case opened

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .add(let file, let name, let size):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: file)
            try serializer.serialize_str(value: name)
            try serializer.serialize_u64(value: size)
        case .remove(let id):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: id)
        case .open(let id, let name):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: id)
            try serializer.serialize_str(value: name)
        case .opened:
            try serializer.serialize_variant_index(value: 3)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> AttachmentsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let file = try deserializer.deserialize_str()
            let name = try deserializer.deserialize_str()
            let size = try deserializer.deserialize_u64()
            try deserializer.decrease_container_depth()
            return .add(file: file, name: name, size: size)
        case 1:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .remove(id: id)
        case 2:
            let id = try deserializer.deserialize_str()
            let name = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .open(id: id, name: name)
        case 3:
            try deserializer.decrease_container_depth()
            return .opened
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for AttachmentsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> AttachmentsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct AttendeeView: Hashable, Equatable {
    public var personId: String
    public var name: String
    public var function: String

    public init(personId: String, name: String, function: String) {
        self.personId = personId
        self.name = name
        self.function = function
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.personId)
        try serializer.serialize_str(value: self.name)
        try serializer.serialize_str(value: self.function)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> AttendeeView {
        try deserializer.increase_container_depth()
        let personId = try deserializer.deserialize_str()
        let name = try deserializer.deserialize_str()
        let function = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return AttendeeView(personId: personId, name: name, function: function)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> AttendeeView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct BrowseView: Hashable, Equatable {
    public var query: String
    public var groups: [GroupSummary]
    public var loading: Bool
    public var hasMore: Bool
    public var error: String?
    public var emptyText: String?

    public init(query: String, groups: [GroupSummary], loading: Bool, hasMore: Bool, error: String?, emptyText: String?) {
        self.query = query
        self.groups = groups
        self.loading = loading
        self.hasMore = hasMore
        self.error = error
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.query)
        try serializeArray(value: self.groups, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializer.serialize_bool(value: self.hasMore)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> BrowseView {
        try deserializer.increase_container_depth()
        let query = try deserializer.deserialize_str()
        let groups = try deserializeArray(deserializer: deserializer) { deserializer in
            try GroupSummary.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let hasMore = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return BrowseView(query: query, groups: groups, loading: loading, hasMore: hasMore, error: error, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> BrowseView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct CalendarView: Hashable, Equatable {
    public var items: [EventSummary]
    public var emptyText: String?

    public init(items: [EventSummary], emptyText: String?) {
        self.items = items
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.items, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> CalendarView {
        try deserializer.increase_container_depth()
        let items = try deserializeArray(deserializer: deserializer) { deserializer in
            try EventSummary.deserialize(deserializer: deserializer)
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return CalendarView(items: items, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> CalendarView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct CharterView: Hashable, Equatable {
    public var title: String
    /// The charter's text (empty while it is read, with `loading_text` shown).
    public var text: String
    public var version: Int64
    public var accepted: Bool
    /// "J'ai lu la charte et je l'accepte", when not accepted yet.
    public var acceptLabel: String?
    /// "Vos 2 messages partiront dès que vous aurez accepté la charte."
    public var heldText: String?
    /// Shown instead of a text: reading it, or no charter published.
    public var emptyText: String?

    public init(title: String, text: String, version: Int64, accepted: Bool, acceptLabel: String?, heldText: String?, emptyText: String?) {
        self.title = title
        self.text = text
        self.version = version
        self.accepted = accepted
        self.acceptLabel = acceptLabel
        self.heldText = heldText
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.text)
        try serializer.serialize_i64(value: self.version)
        try serializer.serialize_bool(value: self.accepted)
        try serializeOption(value: self.acceptLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.heldText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> CharterView {
        try deserializer.increase_container_depth()
        let title = try deserializer.deserialize_str()
        let text = try deserializer.deserialize_str()
        let version = try deserializer.deserialize_i64()
        let accepted = try deserializer.deserialize_bool()
        let acceptLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let heldText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return CharterView(title: title, text: text, version: version, accepted: accepted, acceptLabel: acceptLabel, heldText: heldText, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> CharterView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct CommentView: Hashable, Equatable {
    public var id: String
    public var authorId: String
    public var authorName: String
    public var body: String
    public var createdAt: String
    /// When it was written, as people read it.
    public var whenText: String
    public var edited: Bool
    public var reactions: [ReactionCount]
    public var pending: Bool
    public var pendingLabel: String?
    public var canEdit: Bool
    public var canDelete: Bool
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    public var canReport: Bool

    public init(id: String, authorId: String, authorName: String, body: String, createdAt: String, whenText: String, edited: Bool, reactions: [ReactionCount], pending: Bool, pendingLabel: String?, canEdit: Bool, canDelete: Bool, canReport: Bool) {
        self.id = id
        self.authorId = authorId
        self.authorName = authorName
        self.body = body
        self.createdAt = createdAt
        self.whenText = whenText
        self.edited = edited
        self.reactions = reactions
        self.pending = pending
        self.pendingLabel = pendingLabel
        self.canEdit = canEdit
        self.canDelete = canDelete
        self.canReport = canReport
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.authorId)
        try serializer.serialize_str(value: self.authorName)
        try serializer.serialize_str(value: self.body)
        try serializer.serialize_str(value: self.createdAt)
        try serializer.serialize_str(value: self.whenText)
        try serializer.serialize_bool(value: self.edited)
        try serializeArray(value: self.reactions, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.pending)
        try serializeOption(value: self.pendingLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canEdit)
        try serializer.serialize_bool(value: self.canDelete)
        try serializer.serialize_bool(value: self.canReport)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> CommentView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let authorId = try deserializer.deserialize_str()
        let authorName = try deserializer.deserialize_str()
        let body = try deserializer.deserialize_str()
        let createdAt = try deserializer.deserialize_str()
        let whenText = try deserializer.deserialize_str()
        let edited = try deserializer.deserialize_bool()
        let reactions = try deserializeArray(deserializer: deserializer) { deserializer in
            try ReactionCount.deserialize(deserializer: deserializer)
        }
        let pending = try deserializer.deserialize_bool()
        let pendingLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canEdit = try deserializer.deserialize_bool()
        let canDelete = try deserializer.deserialize_bool()
        let canReport = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return CommentView(id: id, authorId: authorId, authorName: authorName, body: body, createdAt: createdAt, whenText: whenText, edited: edited, reactions: reactions, pending: pending, pendingLabel: pendingLabel, canEdit: canEdit, canDelete: canDelete, canReport: canReport)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> CommentView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum ComposerEvent: Hashable, Equatable {
    /// Open the form to write or change a post, a comment, an answer or a comment on one.
    case open(ComposerTarget)
    /// What the form holds, as the person types (shells send it every second or so): kept on
    /// the phone, so a draft survives the app being killed.
    case draftChanged(title: String, body: String)
    /// Send what the form holds; it closes once the write is kept on the phone.
    case submit(title: String, body: String)
    case cancel

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .open(let x):
            try serializer.serialize_variant_index(value: 0)
            try x.serialize(serializer: serializer)
        case .draftChanged(let title, let body):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: title)
            try serializer.serialize_str(value: body)
        case .submit(let title, let body):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: title)
            try serializer.serialize_str(value: body)
        case .cancel:
            try serializer.serialize_variant_index(value: 3)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ComposerEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let x = try ComposerTarget.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .open(x)
        case 1:
            let title = try deserializer.deserialize_str()
            let body = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .draftChanged(title: title, body: body)
        case 2:
            let title = try deserializer.deserialize_str()
            let body = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .submit(title: title, body: body)
        case 3:
            try deserializer.decrease_container_depth()
            return .cancel
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for ComposerEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ComposerEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum ComposerTarget: Hashable, Equatable {
    case newPost(groupId: String)
    case editPost(id: String)
    case newComment(postId: String)
    case editComment(id: String)
    case newAnswer(questionId: String)
    case newAnswerComment(answerId: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .newPost(let groupId):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: groupId)
        case .editPost(let id):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: id)
        case .newComment(let postId):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: postId)
        case .editComment(let id):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: id)
        case .newAnswer(let questionId):
            try serializer.serialize_variant_index(value: 4)
            try serializer.serialize_str(value: questionId)
        case .newAnswerComment(let answerId):
            try serializer.serialize_variant_index(value: 5)
            try serializer.serialize_str(value: answerId)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ComposerTarget {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let groupId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .newPost(groupId: groupId)
        case 1:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .editPost(id: id)
        case 2:
            let postId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .newComment(postId: postId)
        case 3:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .editComment(id: id)
        case 4:
            let questionId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .newAnswer(questionId: questionId)
        case 5:
            let answerId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .newAnswerComment(answerId: answerId)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for ComposerTarget: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ComposerTarget {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// The form to write or change a post or a comment, over the current screen.
public struct ComposerView: Hashable, Equatable {
    public var target: ComposerTarget
    public var title: String
    public var body: String
    public var hasTitle: Bool
    public var error: String?
    /// While an `@` and the start of a name are being typed: the group's members who match.
    /// Choosing one puts its `text` in the field (the name completed) and sends `DraftChanged`.
    public var mentionCandidates: [MentionCandidate]

    public init(target: ComposerTarget, title: String, body: String, hasTitle: Bool, error: String?, mentionCandidates: [MentionCandidate]) {
        self.target = target
        self.title = title
        self.body = body
        self.hasTitle = hasTitle
        self.error = error
        self.mentionCandidates = mentionCandidates
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.target.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.body)
        try serializer.serialize_bool(value: self.hasTitle)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeArray(value: self.mentionCandidates, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ComposerView {
        try deserializer.increase_container_depth()
        let target = try ComposerTarget.deserialize(deserializer: deserializer)
        let title = try deserializer.deserialize_str()
        let body = try deserializer.deserialize_str()
        let hasTitle = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let mentionCandidates = try deserializeArray(deserializer: deserializer) { deserializer in
            try MentionCandidate.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return ComposerView(target: target, title: title, body: body, hasTitle: hasTitle, error: error, mentionCandidates: mentionCandidates)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ComposerView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ConversationMessage: Hashable, Equatable {
    public var id: String
    public var authorName: String
    public var body: String
    public var mine: Bool
    /// RFC 3339; empty while not yet on the server.
    public var createdAt: String
    /// When, as people read it; empty while not yet on the server.
    public var whenText: String
    public var pending: Bool
    public var attachments: [AttachmentView]
    /// Mine, not yet on the server: its files as they go up.
    public var pendingFiles: [FileView]

    public init(id: String, authorName: String, body: String, mine: Bool, createdAt: String, whenText: String, pending: Bool, attachments: [AttachmentView], pendingFiles: [FileView]) {
        self.id = id
        self.authorName = authorName
        self.body = body
        self.mine = mine
        self.createdAt = createdAt
        self.whenText = whenText
        self.pending = pending
        self.attachments = attachments
        self.pendingFiles = pendingFiles
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.authorName)
        try serializer.serialize_str(value: self.body)
        try serializer.serialize_bool(value: self.mine)
        try serializer.serialize_str(value: self.createdAt)
        try serializer.serialize_str(value: self.whenText)
        try serializer.serialize_bool(value: self.pending)
        try serializeArray(value: self.attachments, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.pendingFiles, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ConversationMessage {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let authorName = try deserializer.deserialize_str()
        let body = try deserializer.deserialize_str()
        let mine = try deserializer.deserialize_bool()
        let createdAt = try deserializer.deserialize_str()
        let whenText = try deserializer.deserialize_str()
        let pending = try deserializer.deserialize_bool()
        let attachments = try deserializeArray(deserializer: deserializer) { deserializer in
            try AttachmentView.deserialize(deserializer: deserializer)
        }
        let pendingFiles = try deserializeArray(deserializer: deserializer) { deserializer in
            try FileView.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return ConversationMessage(id: id, authorName: authorName, body: body, mine: mine, createdAt: createdAt, whenText: whenText, pending: pending, attachments: attachments, pendingFiles: pendingFiles)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ConversationMessage {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ConversationSummary: Hashable, Equatable {
    public var id: String
    /// Its title, or the other people's names.
    public var title: String
    public var lastMessage: String
    /// RFC 3339; empty while not yet on the server.
    public var lastAt: String
    public var unread: UInt32
    /// Something I wrote in it waits to be sent.
    public var pending: Bool

    public init(id: String, title: String, lastMessage: String, lastAt: String, unread: UInt32, pending: Bool) {
        self.id = id
        self.title = title
        self.lastMessage = lastMessage
        self.lastAt = lastAt
        self.unread = unread
        self.pending = pending
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.lastMessage)
        try serializer.serialize_str(value: self.lastAt)
        try serializer.serialize_u32(value: self.unread)
        try serializer.serialize_bool(value: self.pending)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ConversationSummary {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let lastMessage = try deserializer.deserialize_str()
        let lastAt = try deserializer.deserialize_str()
        let unread = try deserializer.deserialize_u32()
        let pending = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return ConversationSummary(id: id, title: title, lastMessage: lastMessage, lastAt: lastAt, unread: unread, pending: pending)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ConversationSummary {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ConversationView: Hashable, Equatable {
    public var id: String
    /// False when I am not (or no longer) in it: `error` says so.
    public var found: Bool
    public var title: String
    public var participants: [String]
    /// Oldest first, mine not yet sent at the end.
    public var messages: [ConversationMessage]
    public var emptyText: String?
    public var canWrite: Bool
    /// A conversation of three or more: people can be added.
    public var canAddPeople: Bool
    /// In a one-to-one, the other person (to block or unblock, to open their profile).
    public var otherPersonId: String?
    /// I blocked the other person.
    public var blocked: Bool
    public var blockedText: String?
    public var error: String?

    public init(id: String, found: Bool, title: String, participants: [String], messages: [ConversationMessage], emptyText: String?, canWrite: Bool, canAddPeople: Bool, otherPersonId: String?, blocked: Bool, blockedText: String?, error: String?) {
        self.id = id
        self.found = found
        self.title = title
        self.participants = participants
        self.messages = messages
        self.emptyText = emptyText
        self.canWrite = canWrite
        self.canAddPeople = canAddPeople
        self.otherPersonId = otherPersonId
        self.blocked = blocked
        self.blockedText = blockedText
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_bool(value: self.found)
        try serializer.serialize_str(value: self.title)
        try serializeArray(value: self.participants, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializeArray(value: self.messages, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canWrite)
        try serializer.serialize_bool(value: self.canAddPeople)
        try serializeOption(value: self.otherPersonId, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.blocked)
        try serializeOption(value: self.blockedText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ConversationView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let found = try deserializer.deserialize_bool()
        let title = try deserializer.deserialize_str()
        let participants = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let messages = try deserializeArray(deserializer: deserializer) { deserializer in
            try ConversationMessage.deserialize(deserializer: deserializer)
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canWrite = try deserializer.deserialize_bool()
        let canAddPeople = try deserializer.deserialize_bool()
        let otherPersonId = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let blocked = try deserializer.deserialize_bool()
        let blockedText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return ConversationView(id: id, found: found, title: title, participants: participants, messages: messages, emptyText: emptyText, canWrite: canWrite, canAddPeople: canAddPeople, otherPersonId: otherPersonId, blocked: blocked, blockedText: blockedText, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ConversationView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum ConversationsEvent: Hashable, Equatable {
    /// "Write to" on a profile or in the directory: opens our conversation, starting it
    /// when there is none yet.
    case writeTo(personId: String)
    /// A conversation with several people (the directory's multiple choice).
    case startWith(personIds: [String], title: String)
    case send(conversationId: String, body: String)
    case addPeople(conversationId: String, personIds: [String])
    case leave(conversationId: String)
    case block(personId: String)
    case unblock(personId: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .writeTo(let personId):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: personId)
        case .startWith(let personIds, let title):
            try serializer.serialize_variant_index(value: 1)
            try serializeArray(value: personIds, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
            try serializer.serialize_str(value: title)
        case .send(let conversationId, let body):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: conversationId)
            try serializer.serialize_str(value: body)
        case .addPeople(let conversationId, let personIds):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: conversationId)
            try serializeArray(value: personIds, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
        case .leave(let conversationId):
            try serializer.serialize_variant_index(value: 4)
            try serializer.serialize_str(value: conversationId)
        case .block(let personId):
            try serializer.serialize_variant_index(value: 5)
            try serializer.serialize_str(value: personId)
        case .unblock(let personId):
            try serializer.serialize_variant_index(value: 6)
            try serializer.serialize_str(value: personId)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ConversationsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let personId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .writeTo(personId: personId)
        case 1:
            let personIds = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let title = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .startWith(personIds: personIds, title: title)
        case 2:
            let conversationId = try deserializer.deserialize_str()
            let body = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .send(conversationId: conversationId, body: body)
        case 3:
            let conversationId = try deserializer.deserialize_str()
            let personIds = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            try deserializer.decrease_container_depth()
            return .addPeople(conversationId: conversationId, personIds: personIds)
        case 4:
            let conversationId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .leave(conversationId: conversationId)
        case 5:
            let personId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .block(personId: personId)
        case 6:
            let personId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .unblock(personId: personId)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for ConversationsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ConversationsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ConversationsView: Hashable, Equatable {
    public var items: [ConversationSummary]
    public var emptyText: String?

    public init(items: [ConversationSummary], emptyText: String?) {
        self.items = items
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.items, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ConversationsView {
        try deserializer.increase_container_depth()
        let items = try deserializeArray(deserializer: deserializer) { deserializer in
            try ConversationSummary.deserialize(deserializer: deserializer)
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return ConversationsView(items: items, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ConversationsView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct DataCopiesView: Hashable, Equatable {
    public var explanation: String
    /// The copies of the last 7 days, newest first.
    public var copies: [DataCopyView]
    /// A copy is being asked for, or prepared: the button waits.
    public var busy: Bool
    public var error: String?

    public init(explanation: String, copies: [DataCopyView], busy: Bool, error: String?) {
        self.explanation = explanation
        self.copies = copies
        self.busy = busy
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.explanation)
        try serializeArray(value: self.copies, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.busy)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> DataCopiesView {
        try deserializer.increase_container_depth()
        let explanation = try deserializer.deserialize_str()
        let copies = try deserializeArray(deserializer: deserializer) { deserializer in
            try DataCopyView.deserialize(deserializer: deserializer)
        }
        let busy = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return DataCopiesView(explanation: explanation, copies: copies, busy: busy, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> DataCopiesView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct DataCopyView: Hashable, Equatable {
    public var id: String
    /// "Asked on 5 December 2026: being prepared (40 %)", "ready until 12 December 2026".
    public var text: String
    /// 0 to 100 while it is prepared.
    public var progress: UInt8?
    /// Opened in the browser, which downloads the ZIP file (the link carries its own key).
    public var downloadUrl: String?

    public init(id: String, text: String, progress: UInt8?, downloadUrl: String?) {
        self.id = id
        self.text = text
        self.progress = progress
        self.downloadUrl = downloadUrl
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.text)
        try serializeOption(value: self.progress, serializer: serializer) { value, serializer in
            try serializer.serialize_u8(value: value)
        }
        try serializeOption(value: self.downloadUrl, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> DataCopyView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let text = try deserializer.deserialize_str()
        let progress = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_u8()
        }
        let downloadUrl = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return DataCopyView(id: id, text: text, progress: progress, downloadUrl: downloadUrl)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> DataCopyView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// What a group's organiser decides about a report in their group (suspending an account is
/// the federation moderators', from the console).
indirect public enum Decision: Hashable, Equatable {
    /// Nothing against the charter.
    case dismiss
    /// Taken out of the group, kept for the record.
    case hide
    /// Taken out and erased.
    case delete
    /// The author is warned; it stays.
    case warn

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .dismiss:
            try serializer.serialize_variant_index(value: 0)
        case .hide:
            try serializer.serialize_variant_index(value: 1)
        case .delete:
            try serializer.serialize_variant_index(value: 2)
        case .warn:
            try serializer.serialize_variant_index(value: 3)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Decision {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .dismiss
        case 1:
            try deserializer.decrease_container_depth()
            return .hide
        case 2:
            try deserializer.decrease_container_depth()
            return .delete
        case 3:
            try deserializer.decrease_container_depth()
            return .warn
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Decision: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Decision {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct DecisionOption: Hashable, Equatable {
    public var decision: Decision
    public var label: String

    public init(decision: Decision, label: String) {
        self.decision = decision
        self.label = label
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.decision.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.label)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> DecisionOption {
        try deserializer.increase_container_depth()
        let decision = try Decision.deserialize(deserializer: deserializer)
        let label = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return DecisionOption(decision: decision, label: label)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> DecisionOption {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// The e-mail summary for when one does not open the app.
indirect public enum Digest: Hashable, Equatable {
    case weekly
    case daily
    case off

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .weekly:
            try serializer.serialize_variant_index(value: 0)
        case .daily:
            try serializer.serialize_variant_index(value: 1)
        case .off:
            try serializer.serialize_variant_index(value: 2)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Digest {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .weekly
        case 1:
            try deserializer.decrease_container_depth()
            return .daily
        case 2:
            try deserializer.decrease_container_depth()
            return .off
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Digest: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Digest {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct DigestOption: Hashable, Equatable {
    public var digest: Digest
    public var label: String

    public init(digest: Digest, label: String) {
        self.digest = digest
        self.label = label
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.digest.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.label)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> DigestOption {
        try deserializer.increase_container_depth()
        let digest = try Digest.deserialize(deserializer: deserializer)
        let label = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return DigestOption(digest: digest, label: label)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> DigestOption {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct DirectoryView: Hashable, Equatable {
    public var query: String
    public var skill: String
    public var organisationId: String?
    public var people: [ProfileView]
    public var loading: Bool
    public var hasMore: Bool
    public var error: String?
    public var emptyText: String?

    public init(query: String, skill: String, organisationId: String?, people: [ProfileView], loading: Bool, hasMore: Bool, error: String?, emptyText: String?) {
        self.query = query
        self.skill = skill
        self.organisationId = organisationId
        self.people = people
        self.loading = loading
        self.hasMore = hasMore
        self.error = error
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.query)
        try serializer.serialize_str(value: self.skill)
        try serializeOption(value: self.organisationId, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeArray(value: self.people, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializer.serialize_bool(value: self.hasMore)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> DirectoryView {
        try deserializer.increase_container_depth()
        let query = try deserializer.deserialize_str()
        let skill = try deserializer.deserialize_str()
        let organisationId = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let people = try deserializeArray(deserializer: deserializer) { deserializer in
            try ProfileView.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let hasMore = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return DirectoryView(query: query, skill: skill, organisationId: organisationId, people: people, loading: loading, hasMore: hasMore, error: error, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> DirectoryView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// What the shell is asked to do to open a file whole: fetch it with the session.
indirect public enum DownloadOperation: Hashable, Equatable {
    /// `GET` `url` with `Authorization: Bearer <token>` into the app's cache under `name`
    /// (kept out of backups; the shell may empty its cache whenever it likes). Answer
    /// `Received` as bytes come (every few percent is enough), then exactly one of the others.
    case fetch(url: String, token: String, name: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .fetch(let url, let token, let name):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: url)
            try serializer.serialize_str(value: token)
            try serializer.serialize_str(value: name)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> DownloadOperation {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let url = try deserializer.deserialize_str()
            let token = try deserializer.deserialize_str()
            let name = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .fetch(url: url, token: token, name: name)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for DownloadOperation: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> DownloadOperation {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum DownloadProgress: Hashable, Equatable {
    /// `total` is 0 while unknown.
    case received(bytes: UInt64, total: UInt64)
    /// Whole, at `file`: a path the shell can open.
    case saved(file: String)
    /// The server refused: its status and body (JSON text).
    case answered(status: UInt16, body: String)
    /// No answer (no network, connection cut).
    case unreachable

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .received(let bytes, let total):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_u64(value: bytes)
            try serializer.serialize_u64(value: total)
        case .saved(let file):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: file)
        case .answered(let status, let body):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_u16(value: status)
            try serializer.serialize_str(value: body)
        case .unreachable:
            try serializer.serialize_variant_index(value: 3)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> DownloadProgress {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let bytes = try deserializer.deserialize_u64()
            let total = try deserializer.deserialize_u64()
            try deserializer.decrease_container_depth()
            return .received(bytes: bytes, total: total)
        case 1:
            let file = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .saved(file: file)
        case 2:
            let status = try deserializer.deserialize_u16()
            let body = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .answered(status: status, body: body)
        case 3:
            try deserializer.decrease_container_depth()
            return .unreachable
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for DownloadProgress: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> DownloadProgress {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Represents a duration of time, internally stored as nanoseconds
public struct Duration: Hashable, Equatable {
    public var nanos: UInt64

    public init(nanos: UInt64) {
        self.nanos = nanos
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_u64(value: self.nanos)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Duration {
        try deserializer.increase_container_depth()
        let nanos = try deserializer.deserialize_u64()
        try deserializer.decrease_container_depth()
        return Duration(nanos: nanos)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Duration {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum Effect: Hashable, Equatable {
    case render(RenderOperation)
    case http(HttpRequest)
    case keyValue(KeyValueOperation)
    case time(TimeRequest)
    case realtime(RealtimeOperation)
    case push(PushOperation)
    case upload(UploadOperation)
    case download(DownloadOperation)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .render(let x):
            try serializer.serialize_variant_index(value: 0)
            try x.serialize(serializer: serializer)
        case .http(let x):
            try serializer.serialize_variant_index(value: 1)
            try x.serialize(serializer: serializer)
        case .keyValue(let x):
            try serializer.serialize_variant_index(value: 2)
            try x.serialize(serializer: serializer)
        case .time(let x):
            try serializer.serialize_variant_index(value: 3)
            try x.serialize(serializer: serializer)
        case .realtime(let x):
            try serializer.serialize_variant_index(value: 4)
            try x.serialize(serializer: serializer)
        case .push(let x):
            try serializer.serialize_variant_index(value: 5)
            try x.serialize(serializer: serializer)
        case .upload(let x):
            try serializer.serialize_variant_index(value: 6)
            try x.serialize(serializer: serializer)
        case .download(let x):
            try serializer.serialize_variant_index(value: 7)
            try x.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Effect {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let x = try RenderOperation.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .render(x)
        case 1:
            let x = try HttpRequest.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .http(x)
        case 2:
            let x = try KeyValueOperation.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .keyValue(x)
        case 3:
            let x = try TimeRequest.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .time(x)
        case 4:
            let x = try RealtimeOperation.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .realtime(x)
        case 5:
            let x = try PushOperation.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .push(x)
        case 6:
            let x = try UploadOperation.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .upload(x)
        case 7:
            let x = try DownloadOperation.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .download(x)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Effect: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Effect {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ErasureView: Hashable, Equatable {
    /// What deleting one's account does, and how to change one's mind.
    public var explanation: String
    public var busy: Bool
    /// Why it was refused (a wrong password, no network); the dialog stays open.
    public var error: String?

    public init(explanation: String, busy: Bool, error: String?) {
        self.explanation = explanation
        self.busy = busy
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.explanation)
        try serializer.serialize_bool(value: self.busy)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ErasureView {
        try deserializer.increase_container_depth()
        let explanation = try deserializer.deserialize_str()
        let busy = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return ErasureView(explanation: explanation, busy: busy, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ErasureView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Everything a shell may tell the core.
indirect public enum Event: Hashable, Equatable {
    /// The app started: load what this device holds, then sync. `language` is the device's,
    /// used until the person chooses one. The federation's address is asked of the person
    /// (or taken from an invitation link) and kept: one app serves every federation.
    case start(language: Language)
    /// The app came to the foreground: sync now and keep the live channel open.
    case foreground
    /// The app went to the background: close the live channel.
    case background
    /// The live channel said something changed.
    case poked
    /// A push notification arrived: sync, then show.
    case pushReceived
    /// Pull-to-refresh.
    case refresh
    case navigate(Route)
    case back
    case setLanguage(Language)
    case dismissNotice
    /// Forget a write the server refused, once the person has read why.
    case dismissFailed(id: UInt64)
    case accounts(AccountsEvent)
    case feed(FeedEvent)
    case groups(GroupsEvent)
    case posts(PostsEvent)
    /// The form in which one writes a post, a comment or an answer.
    case composer(ComposerEvent)
    case people(PeopleEvent)
    case questions(QuestionsEvent)
    case search(SearchEvent)
    case notifications(NotificationsEvent)
    case events(EventsEvent)
    case moderation(ModerationEvent)
    case conversations(ConversationsEvent)
    case polls(PollsEvent)
    /// Photos and documents for the open form.
    case attachments(AttachmentsEvent)
    case mustReads(MustReadsEvent)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .start(let language):
            try serializer.serialize_variant_index(value: 0)
            try language.serialize(serializer: serializer)
        case .foreground:
            try serializer.serialize_variant_index(value: 1)
        case .background:
            try serializer.serialize_variant_index(value: 2)
        case .poked:
            try serializer.serialize_variant_index(value: 3)
        case .pushReceived:
            try serializer.serialize_variant_index(value: 4)
        case .refresh:
            try serializer.serialize_variant_index(value: 5)
        case .navigate(let x):
            try serializer.serialize_variant_index(value: 6)
            try x.serialize(serializer: serializer)
        case .back:
            try serializer.serialize_variant_index(value: 7)
        case .setLanguage(let x):
            try serializer.serialize_variant_index(value: 8)
            try x.serialize(serializer: serializer)
        case .dismissNotice:
            try serializer.serialize_variant_index(value: 9)
        case .dismissFailed(let id):
            try serializer.serialize_variant_index(value: 10)
            try serializer.serialize_u64(value: id)
        case .accounts(let x):
            try serializer.serialize_variant_index(value: 11)
            try x.serialize(serializer: serializer)
        case .feed(let x):
            try serializer.serialize_variant_index(value: 12)
            try x.serialize(serializer: serializer)
        case .groups(let x):
            try serializer.serialize_variant_index(value: 13)
            try x.serialize(serializer: serializer)
        case .posts(let x):
            try serializer.serialize_variant_index(value: 14)
            try x.serialize(serializer: serializer)
        case .composer(let x):
            try serializer.serialize_variant_index(value: 15)
            try x.serialize(serializer: serializer)
        case .people(let x):
            try serializer.serialize_variant_index(value: 16)
            try x.serialize(serializer: serializer)
        case .questions(let x):
            try serializer.serialize_variant_index(value: 17)
            try x.serialize(serializer: serializer)
        case .search(let x):
            try serializer.serialize_variant_index(value: 18)
            try x.serialize(serializer: serializer)
        case .notifications(let x):
            try serializer.serialize_variant_index(value: 19)
            try x.serialize(serializer: serializer)
        case .events(let x):
            try serializer.serialize_variant_index(value: 20)
            try x.serialize(serializer: serializer)
        case .moderation(let x):
            try serializer.serialize_variant_index(value: 21)
            try x.serialize(serializer: serializer)
        case .conversations(let x):
            try serializer.serialize_variant_index(value: 22)
            try x.serialize(serializer: serializer)
        case .polls(let x):
            try serializer.serialize_variant_index(value: 23)
            try x.serialize(serializer: serializer)
        case .attachments(let x):
            try serializer.serialize_variant_index(value: 24)
            try x.serialize(serializer: serializer)
        case .mustReads(let x):
            try serializer.serialize_variant_index(value: 25)
            try x.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Event {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let language = try Language.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .start(language: language)
        case 1:
            try deserializer.decrease_container_depth()
            return .foreground
        case 2:
            try deserializer.decrease_container_depth()
            return .background
        case 3:
            try deserializer.decrease_container_depth()
            return .poked
        case 4:
            try deserializer.decrease_container_depth()
            return .pushReceived
        case 5:
            try deserializer.decrease_container_depth()
            return .refresh
        case 6:
            let x = try Route.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .navigate(x)
        case 7:
            try deserializer.decrease_container_depth()
            return .back
        case 8:
            let x = try Language.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .setLanguage(x)
        case 9:
            try deserializer.decrease_container_depth()
            return .dismissNotice
        case 10:
            let id = try deserializer.deserialize_u64()
            try deserializer.decrease_container_depth()
            return .dismissFailed(id: id)
        case 11:
            let x = try AccountsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .accounts(x)
        case 12:
            let x = try FeedEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .feed(x)
        case 13:
            let x = try GroupsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .groups(x)
        case 14:
            let x = try PostsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .posts(x)
        case 15:
            let x = try ComposerEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .composer(x)
        case 16:
            let x = try PeopleEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .people(x)
        case 17:
            let x = try QuestionsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .questions(x)
        case 18:
            let x = try SearchEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .search(x)
        case 19:
            let x = try NotificationsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .notifications(x)
        case 20:
            let x = try EventsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .events(x)
        case 21:
            let x = try ModerationEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .moderation(x)
        case 22:
            let x = try ConversationsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .conversations(x)
        case 23:
            let x = try PollsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .polls(x)
        case 24:
            let x = try AttachmentsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .attachments(x)
        case 25:
            let x = try MustReadsEvent.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .mustReads(x)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Event: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Event {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct EventFormView: Hashable, Equatable {
    /// When it starts and ends as people read it, on the event's clock ("14 mars 2027 à
    /// 18:30"), for the buttons that open the system's date and time pickers; `starts_at`
    /// and `ends_at` are what the pickers give back (RFC 3339).
    public var startsText: String
    public var endsText: String
    /// Changing an event (else a new one).
    public var editing: Bool
    public var groupName: String
    public var title: String
    public var description: String
    public var startsAt: String
    public var endsAt: String
    public var timeZone: String
    public var place: String
    public var onlineUrl: String
    public var capacity: UInt32?
    public var error: String?

    public init(startsText: String, endsText: String, editing: Bool, groupName: String, title: String, description: String, startsAt: String, endsAt: String, timeZone: String, place: String, onlineUrl: String, capacity: UInt32?, error: String?) {
        self.startsText = startsText
        self.endsText = endsText
        self.editing = editing
        self.groupName = groupName
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.place = place
        self.onlineUrl = onlineUrl
        self.capacity = capacity
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.startsText)
        try serializer.serialize_str(value: self.endsText)
        try serializer.serialize_bool(value: self.editing)
        try serializer.serialize_str(value: self.groupName)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.description)
        try serializer.serialize_str(value: self.startsAt)
        try serializer.serialize_str(value: self.endsAt)
        try serializer.serialize_str(value: self.timeZone)
        try serializer.serialize_str(value: self.place)
        try serializer.serialize_str(value: self.onlineUrl)
        try serializeOption(value: self.capacity, serializer: serializer) { value, serializer in
            try serializer.serialize_u32(value: value)
        }
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> EventFormView {
        try deserializer.increase_container_depth()
        let startsText = try deserializer.deserialize_str()
        let endsText = try deserializer.deserialize_str()
        let editing = try deserializer.deserialize_bool()
        let groupName = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let description = try deserializer.deserialize_str()
        let startsAt = try deserializer.deserialize_str()
        let endsAt = try deserializer.deserialize_str()
        let timeZone = try deserializer.deserialize_str()
        let place = try deserializer.deserialize_str()
        let onlineUrl = try deserializer.deserialize_str()
        let capacity = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_u32()
        }
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return EventFormView(startsText: startsText, endsText: endsText, editing: editing, groupName: groupName, title: title, description: description, startsAt: startsAt, endsAt: endsAt, timeZone: timeZone, place: place, onlineUrl: onlineUrl, capacity: capacity, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> EventFormView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct EventSummary: Hashable, Equatable {
    public var id: String
    public var title: String
    public var groupName: String
    public var startsAt: String
    public var endsAt: String
    /// Where the event is held ("Europe/Paris").
    public var timeZone: String
    /// When, as people read it, on the clock of where it is held: "14 mars 2027 de 17:00 à
    /// 19:00", with that clock named when it is not the person's own.
    public var whenText: String
    public var place: String
    public var cancelled: Bool
    /// "Vous participez", "Complet : vous êtes n° 3 sur la liste d'attente"; absent when not answered.
    public var myStatus: String?
    /// "Annulé", or how many go and the places left.
    public var label: String?

    public init(id: String, title: String, groupName: String, startsAt: String, endsAt: String, timeZone: String, whenText: String, place: String, cancelled: Bool, myStatus: String?, label: String?) {
        self.id = id
        self.title = title
        self.groupName = groupName
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.whenText = whenText
        self.place = place
        self.cancelled = cancelled
        self.myStatus = myStatus
        self.label = label
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.groupName)
        try serializer.serialize_str(value: self.startsAt)
        try serializer.serialize_str(value: self.endsAt)
        try serializer.serialize_str(value: self.timeZone)
        try serializer.serialize_str(value: self.whenText)
        try serializer.serialize_str(value: self.place)
        try serializer.serialize_bool(value: self.cancelled)
        try serializeOption(value: self.myStatus, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.label, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> EventSummary {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let groupName = try deserializer.deserialize_str()
        let startsAt = try deserializer.deserialize_str()
        let endsAt = try deserializer.deserialize_str()
        let timeZone = try deserializer.deserialize_str()
        let whenText = try deserializer.deserialize_str()
        let place = try deserializer.deserialize_str()
        let cancelled = try deserializer.deserialize_bool()
        let myStatus = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let label = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return EventSummary(id: id, title: title, groupName: groupName, startsAt: startsAt, endsAt: endsAt, timeZone: timeZone, whenText: whenText, place: place, cancelled: cancelled, myStatus: myStatus, label: label)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> EventSummary {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct EventView: Hashable, Equatable {
    public var id: String
    /// Absent until the event is found (on the device or from the server).
    public var event: EventSummary?
    public var loading: Bool
    public var error: String?
    public var description: String
    public var onlineUrl: String?
    public var seats: String
    /// Going / maybe / declined, the selected one marked; empty when it cannot be answered.
    public var choices: [RsvpButton]
    public var canAnswer: Bool
    /// My answer is on the phone, not yet confirmed.
    public var answerPending: Bool
    /// I run the event's group: change it, cancel it, write to its attendees.
    public var canManage: Bool
    public var attendees: [AttendeeView]
    /// Above the list, or what to say when no one goes yet; absent while it loads.
    public var attendeesLabel: String?
    public var attachments: [AttachmentView]

    public init(id: String, event: EventSummary?, loading: Bool, error: String?, description: String, onlineUrl: String?, seats: String, choices: [RsvpButton], canAnswer: Bool, answerPending: Bool, canManage: Bool, attendees: [AttendeeView], attendeesLabel: String?, attachments: [AttachmentView]) {
        self.id = id
        self.event = event
        self.loading = loading
        self.error = error
        self.description = description
        self.onlineUrl = onlineUrl
        self.seats = seats
        self.choices = choices
        self.canAnswer = canAnswer
        self.answerPending = answerPending
        self.canManage = canManage
        self.attendees = attendees
        self.attendeesLabel = attendeesLabel
        self.attachments = attachments
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializeOption(value: self.event, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_str(value: self.description)
        try serializeOption(value: self.onlineUrl, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_str(value: self.seats)
        try serializeArray(value: self.choices, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.canAnswer)
        try serializer.serialize_bool(value: self.answerPending)
        try serializer.serialize_bool(value: self.canManage)
        try serializeArray(value: self.attendees, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.attendeesLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeArray(value: self.attachments, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> EventView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let event = try deserializeOption(deserializer: deserializer) { deserializer in
            try EventSummary.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let description = try deserializer.deserialize_str()
        let onlineUrl = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let seats = try deserializer.deserialize_str()
        let choices = try deserializeArray(deserializer: deserializer) { deserializer in
            try RsvpButton.deserialize(deserializer: deserializer)
        }
        let canAnswer = try deserializer.deserialize_bool()
        let answerPending = try deserializer.deserialize_bool()
        let canManage = try deserializer.deserialize_bool()
        let attendees = try deserializeArray(deserializer: deserializer) { deserializer in
            try AttendeeView.deserialize(deserializer: deserializer)
        }
        let attendeesLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let attachments = try deserializeArray(deserializer: deserializer) { deserializer in
            try AttachmentView.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return EventView(id: id, event: event, loading: loading, error: error, description: description, onlineUrl: onlineUrl, seats: seats, choices: choices, canAnswer: canAnswer, answerPending: answerPending, canManage: canManage, attendees: attendees, attendeesLabel: attendeesLabel, attachments: attachments)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> EventView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum EventsEvent: Hashable, Equatable {
    case answer(id: String, choice: Rsvp)
    /// Organisers: the form for a new event of this group.
    case startCreate(groupId: String)
    /// Organisers: the form to change this event.
    case startEdit(id: String)
    /// What the form holds; times are RFC 3339 (the shell's date pickers), `capacity` absent
    /// for no limit.
    case formChanged(title: String, description: String, startsAt: String, endsAt: String, timeZone: String, place: String, onlineUrl: String, capacity: UInt32?)
    case submitForm
    case closeForm
    case cancelEvent(id: String)
    /// Organisers: write to every member of a group…
    case messageGroup(groupId: String)
    /// …or to the people going to an event. The reach is shown before sending.
    case messageAttendees(eventId: String)
    case messageChanged(text: String)
    /// A message to a group may be a must-read one: pinned until each member says "J'ai
    /// lu", mailed a day later to those who have not. It then needs a title.
    case messageMustRead(on: Bool)
    case messageTitleChanged(title: String)
    case sendMessage
    case closeMessage

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .answer(let id, let choice):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: id)
            try choice.serialize(serializer: serializer)
        case .startCreate(let groupId):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: groupId)
        case .startEdit(let id):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: id)
        case .formChanged(let title, let description, let startsAt, let endsAt, let timeZone, let place, let onlineUrl, let capacity):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: title)
            try serializer.serialize_str(value: description)
            try serializer.serialize_str(value: startsAt)
            try serializer.serialize_str(value: endsAt)
            try serializer.serialize_str(value: timeZone)
            try serializer.serialize_str(value: place)
            try serializer.serialize_str(value: onlineUrl)
            try serializeOption(value: capacity, serializer: serializer) { value, serializer in
                try serializer.serialize_u32(value: value)
            }
        case .submitForm:
            try serializer.serialize_variant_index(value: 4)
        case .closeForm:
            try serializer.serialize_variant_index(value: 5)
        case .cancelEvent(let id):
            try serializer.serialize_variant_index(value: 6)
            try serializer.serialize_str(value: id)
        case .messageGroup(let groupId):
            try serializer.serialize_variant_index(value: 7)
            try serializer.serialize_str(value: groupId)
        case .messageAttendees(let eventId):
            try serializer.serialize_variant_index(value: 8)
            try serializer.serialize_str(value: eventId)
        case .messageChanged(let text):
            try serializer.serialize_variant_index(value: 9)
            try serializer.serialize_str(value: text)
        case .messageMustRead(let on):
            try serializer.serialize_variant_index(value: 10)
            try serializer.serialize_bool(value: on)
        case .messageTitleChanged(let title):
            try serializer.serialize_variant_index(value: 11)
            try serializer.serialize_str(value: title)
        case .sendMessage:
            try serializer.serialize_variant_index(value: 12)
        case .closeMessage:
            try serializer.serialize_variant_index(value: 13)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> EventsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let id = try deserializer.deserialize_str()
            let choice = try Rsvp.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .answer(id: id, choice: choice)
        case 1:
            let groupId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .startCreate(groupId: groupId)
        case 2:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .startEdit(id: id)
        case 3:
            let title = try deserializer.deserialize_str()
            let description = try deserializer.deserialize_str()
            let startsAt = try deserializer.deserialize_str()
            let endsAt = try deserializer.deserialize_str()
            let timeZone = try deserializer.deserialize_str()
            let place = try deserializer.deserialize_str()
            let onlineUrl = try deserializer.deserialize_str()
            let capacity = try deserializeOption(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_u32()
            }
            try deserializer.decrease_container_depth()
            return .formChanged(title: title, description: description, startsAt: startsAt, endsAt: endsAt, timeZone: timeZone, place: place, onlineUrl: onlineUrl, capacity: capacity)
        case 4:
            try deserializer.decrease_container_depth()
            return .submitForm
        case 5:
            try deserializer.decrease_container_depth()
            return .closeForm
        case 6:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .cancelEvent(id: id)
        case 7:
            let groupId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .messageGroup(groupId: groupId)
        case 8:
            let eventId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .messageAttendees(eventId: eventId)
        case 9:
            let text = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .messageChanged(text: text)
        case 10:
            let on = try deserializer.deserialize_bool()
            try deserializer.decrease_container_depth()
            return .messageMustRead(on: on)
        case 11:
            let title = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .messageTitleChanged(title: title)
        case 12:
            try deserializer.decrease_container_depth()
            return .sendMessage
        case 13:
            try deserializer.decrease_container_depth()
            return .closeMessage
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for EventsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> EventsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct EventsView: Hashable, Equatable {
    public var items: [EventSummary]
    public var emptyText: String?
    /// The button to my calendar.
    public var calendarLabel: String

    public init(items: [EventSummary], emptyText: String?, calendarLabel: String) {
        self.items = items
        self.emptyText = emptyText
        self.calendarLabel = calendarLabel
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.items, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_str(value: self.calendarLabel)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> EventsView {
        try deserializer.increase_container_depth()
        let items = try deserializeArray(deserializer: deserializer) { deserializer in
            try EventSummary.deserialize(deserializer: deserializer)
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let calendarLabel = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return EventsView(items: items, emptyText: emptyText, calendarLabel: calendarLabel)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> EventsView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct FailedWriteView: Hashable, Equatable {
    public var id: UInt64
    public var label: String
    /// What was written (the start of it), so nothing is lost: the person can copy it.
    public var text: String
    public var reason: String

    public init(id: UInt64, label: String, text: String, reason: String) {
        self.id = id
        self.label = label
        self.text = text
        self.reason = reason
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_u64(value: self.id)
        try serializer.serialize_str(value: self.label)
        try serializer.serialize_str(value: self.text)
        try serializer.serialize_str(value: self.reason)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> FailedWriteView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_u64()
        let label = try deserializer.deserialize_str()
        let text = try deserializer.deserialize_str()
        let reason = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return FailedWriteView(id: id, label: label, text: text, reason: reason)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> FailedWriteView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// The first screen on a new phone: the federation's address.
public struct FederationView: Hashable, Equatable {
    /// What to fill the field with (the address last typed).
    public var address: String
    /// Checking the address with its server.
    public var busy: Bool
    public var error: String?
    public var notice: String?
    /// What to type, and where to find it.
    public var help: String

    public init(address: String, busy: Bool, error: String?, notice: String?, help: String) {
        self.address = address
        self.busy = busy
        self.error = error
        self.notice = notice
        self.help = help
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.address)
        try serializer.serialize_bool(value: self.busy)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.notice, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_str(value: self.help)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> FederationView {
        try deserializer.increase_container_depth()
        let address = try deserializer.deserialize_str()
        let busy = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let notice = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let help = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return FederationView(address: address, busy: busy, error: error, notice: notice, help: help)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> FederationView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum FeedEvent: Hashable, Equatable {
    /// Show older posts.
    case more

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .more:
            try serializer.serialize_variant_index(value: 0)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> FeedEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .more
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for FeedEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> FeedEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct FeedView: Hashable, Equatable {
    /// Must-read messages I have not read yet, pinned above everything until "J'ai lu".
    public var pinned: [MustReadCard]
    public var items: [PostSummary]
    public var hasMore: Bool
    public var emptyText: String?

    public init(pinned: [MustReadCard], items: [PostSummary], hasMore: Bool, emptyText: String?) {
        self.pinned = pinned
        self.items = items
        self.hasMore = hasMore
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.pinned, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.items, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.hasMore)
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> FeedView {
        try deserializer.increase_container_depth()
        let pinned = try deserializeArray(deserializer: deserializer) { deserializer in
            try MustReadCard.deserialize(deserializer: deserializer)
        }
        let items = try deserializeArray(deserializer: deserializer) { deserializer in
            try PostSummary.deserialize(deserializer: deserializer)
        }
        let hasMore = try deserializer.deserialize_bool()
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return FeedView(pinned: pinned, items: items, hasMore: hasMore, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> FeedView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// A file chosen for the form open now.
public struct FileView: Hashable, Equatable {
    public var id: String
    public var name: String
    /// "2,4 Mo".
    public var size: String
    /// 0 to 100.
    public var progress: UInt8
    /// "Sending…", "Waiting for the network…", "Ready"; empty when refused.
    public var status: String
    /// Why the file cannot go (too large, a kind not accepted): the person removes it.
    public var error: String?

    public init(id: String, name: String, size: String, progress: UInt8, status: String, error: String?) {
        self.id = id
        self.name = name
        self.size = size
        self.progress = progress
        self.status = status
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.name)
        try serializer.serialize_str(value: self.size)
        try serializer.serialize_u8(value: self.progress)
        try serializer.serialize_str(value: self.status)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> FileView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let name = try deserializer.deserialize_str()
        let size = try deserializer.deserialize_str()
        let progress = try deserializer.deserialize_u8()
        let status = try deserializer.deserialize_str()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return FileView(id: id, name: name, size: size, progress: progress, status: status, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> FileView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct GroupLevelRow: Hashable, Equatable {
    public var groupId: String
    public var name: String
    public var level: Level

    public init(groupId: String, name: String, level: Level) {
        self.groupId = groupId
        self.name = name
        self.level = level
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.groupId)
        try serializer.serialize_str(value: self.name)
        try self.level.serialize(serializer: serializer)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> GroupLevelRow {
        try deserializer.increase_container_depth()
        let groupId = try deserializer.deserialize_str()
        let name = try deserializer.deserialize_str()
        let level = try Level.deserialize(deserializer: deserializer)
        try deserializer.decrease_container_depth()
        return GroupLevelRow(groupId: groupId, name: name, level: level)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> GroupLevelRow {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum GroupRelation: Hashable, Equatable {
    case none
    case member
    case organiser
    case admin
    case following
    /// A request to join a private group waits for its organisers.
    case requested
    /// An organiser invited me: I join when I want.
    case invited

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .none:
            try serializer.serialize_variant_index(value: 0)
        case .member:
            try serializer.serialize_variant_index(value: 1)
        case .organiser:
            try serializer.serialize_variant_index(value: 2)
        case .admin:
            try serializer.serialize_variant_index(value: 3)
        case .following:
            try serializer.serialize_variant_index(value: 4)
        case .requested:
            try serializer.serialize_variant_index(value: 5)
        case .invited:
            try serializer.serialize_variant_index(value: 6)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> GroupRelation {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .none
        case 1:
            try deserializer.decrease_container_depth()
            return .member
        case 2:
            try deserializer.decrease_container_depth()
            return .organiser
        case 3:
            try deserializer.decrease_container_depth()
            return .admin
        case 4:
            try deserializer.decrease_container_depth()
            return .following
        case 5:
            try deserializer.decrease_container_depth()
            return .requested
        case 6:
            try deserializer.decrease_container_depth()
            return .invited
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for GroupRelation: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> GroupRelation {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct GroupReportView: Hashable, Equatable {
    public var caseId: String
    /// "Publication de Bruno" / "Bruno's post".
    public var title: String
    public var excerpt: String
    /// "Publicité ou message indésirable (2 signalements)".
    public var reasons: String

    public init(caseId: String, title: String, excerpt: String, reasons: String) {
        self.caseId = caseId
        self.title = title
        self.excerpt = excerpt
        self.reasons = reasons
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.caseId)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.excerpt)
        try serializer.serialize_str(value: self.reasons)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> GroupReportView {
        try deserializer.increase_container_depth()
        let caseId = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let excerpt = try deserializer.deserialize_str()
        let reasons = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return GroupReportView(caseId: caseId, title: title, excerpt: excerpt, reasons: reasons)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> GroupReportView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct GroupSummary: Hashable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    public var private: Bool
    public var memberCount: UInt32
    public var relation: GroupRelation

    public init(id: String, name: String, description: String, private: Bool, memberCount: UInt32, relation: GroupRelation) {
        self.id = id
        self.name = name
        self.description = description
        self.private = private
        self.memberCount = memberCount
        self.relation = relation
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.name)
        try serializer.serialize_str(value: self.description)
        try serializer.serialize_bool(value: self.private)
        try serializer.serialize_u32(value: self.memberCount)
        try self.relation.serialize(serializer: serializer)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> GroupSummary {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let name = try deserializer.deserialize_str()
        let description = try deserializer.deserialize_str()
        let private = try deserializer.deserialize_bool()
        let memberCount = try deserializer.deserialize_u32()
        let relation = try GroupRelation.deserialize(deserializer: deserializer)
        try deserializer.decrease_container_depth()
        return GroupSummary(id: id, name: name, description: description, private: private, memberCount: memberCount, relation: relation)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> GroupSummary {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct GroupView: Hashable, Equatable {
    public var id: String
    /// Absent until the group is found (on the device or from the server).
    public var group: GroupSummary?
    public var loading: Bool
    public var error: String?
    public var posts: [PostSummary]
    public var hasMorePosts: Bool
    public var emptyText: String?
    public var canPost: Bool
    public var canJoin: Bool
    public var canAskToJoin: Bool
    public var canFollow: Bool
    public var canUnfollow: Bool
    public var canLeave: Bool
    /// The group's questions held on the device, newest first.
    public var questions: [QuestionSummary]
    public var canAsk: Bool
    /// The group's coming events held on the device, soonest first.
    public var events: [EventSummary]
    /// The group's polls, newest first.
    public var polls: [PollView]
    /// I run the group: create events, write to its members.
    public var canOrganise: Bool
    /// Open reports about the group, for those who run it; what they may decide.
    public var reports: [GroupReportView]
    public var reportDecisions: [DecisionOption]
    public var reportsHint: String?
    /// Requests to join, for those who run the group, oldest first.
    public var joinRequests: [JoinRequestView]
    public var joinRequestsHint: String?
    /// I run the group: invite people (`Route::PickPeople` with `PickPurpose::InviteToGroup`).
    public var canInvite: Bool
    /// Said when an organiser invited me (I join with `Join`).
    public var invitedText: String?

    public init(id: String, group: GroupSummary?, loading: Bool, error: String?, posts: [PostSummary], hasMorePosts: Bool, emptyText: String?, canPost: Bool, canJoin: Bool, canAskToJoin: Bool, canFollow: Bool, canUnfollow: Bool, canLeave: Bool, questions: [QuestionSummary], canAsk: Bool, events: [EventSummary], polls: [PollView], canOrganise: Bool, reports: [GroupReportView], reportDecisions: [DecisionOption], reportsHint: String?, joinRequests: [JoinRequestView], joinRequestsHint: String?, canInvite: Bool, invitedText: String?) {
        self.id = id
        self.group = group
        self.loading = loading
        self.error = error
        self.posts = posts
        self.hasMorePosts = hasMorePosts
        self.emptyText = emptyText
        self.canPost = canPost
        self.canJoin = canJoin
        self.canAskToJoin = canAskToJoin
        self.canFollow = canFollow
        self.canUnfollow = canUnfollow
        self.canLeave = canLeave
        self.questions = questions
        self.canAsk = canAsk
        self.events = events
        self.polls = polls
        self.canOrganise = canOrganise
        self.reports = reports
        self.reportDecisions = reportDecisions
        self.reportsHint = reportsHint
        self.joinRequests = joinRequests
        self.joinRequestsHint = joinRequestsHint
        self.canInvite = canInvite
        self.invitedText = invitedText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializeOption(value: self.group, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeArray(value: self.posts, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.hasMorePosts)
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canPost)
        try serializer.serialize_bool(value: self.canJoin)
        try serializer.serialize_bool(value: self.canAskToJoin)
        try serializer.serialize_bool(value: self.canFollow)
        try serializer.serialize_bool(value: self.canUnfollow)
        try serializer.serialize_bool(value: self.canLeave)
        try serializeArray(value: self.questions, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.canAsk)
        try serializeArray(value: self.events, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.polls, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.canOrganise)
        try serializeArray(value: self.reports, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.reportDecisions, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.reportsHint, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeArray(value: self.joinRequests, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.joinRequestsHint, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canInvite)
        try serializeOption(value: self.invitedText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> GroupView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let group = try deserializeOption(deserializer: deserializer) { deserializer in
            try GroupSummary.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let posts = try deserializeArray(deserializer: deserializer) { deserializer in
            try PostSummary.deserialize(deserializer: deserializer)
        }
        let hasMorePosts = try deserializer.deserialize_bool()
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canPost = try deserializer.deserialize_bool()
        let canJoin = try deserializer.deserialize_bool()
        let canAskToJoin = try deserializer.deserialize_bool()
        let canFollow = try deserializer.deserialize_bool()
        let canUnfollow = try deserializer.deserialize_bool()
        let canLeave = try deserializer.deserialize_bool()
        let questions = try deserializeArray(deserializer: deserializer) { deserializer in
            try QuestionSummary.deserialize(deserializer: deserializer)
        }
        let canAsk = try deserializer.deserialize_bool()
        let events = try deserializeArray(deserializer: deserializer) { deserializer in
            try EventSummary.deserialize(deserializer: deserializer)
        }
        let polls = try deserializeArray(deserializer: deserializer) { deserializer in
            try PollView.deserialize(deserializer: deserializer)
        }
        let canOrganise = try deserializer.deserialize_bool()
        let reports = try deserializeArray(deserializer: deserializer) { deserializer in
            try GroupReportView.deserialize(deserializer: deserializer)
        }
        let reportDecisions = try deserializeArray(deserializer: deserializer) { deserializer in
            try DecisionOption.deserialize(deserializer: deserializer)
        }
        let reportsHint = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let joinRequests = try deserializeArray(deserializer: deserializer) { deserializer in
            try JoinRequestView.deserialize(deserializer: deserializer)
        }
        let joinRequestsHint = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canInvite = try deserializer.deserialize_bool()
        let invitedText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return GroupView(id: id, group: group, loading: loading, error: error, posts: posts, hasMorePosts: hasMorePosts, emptyText: emptyText, canPost: canPost, canJoin: canJoin, canAskToJoin: canAskToJoin, canFollow: canFollow, canUnfollow: canUnfollow, canLeave: canLeave, questions: questions, canAsk: canAsk, events: events, polls: polls, canOrganise: canOrganise, reports: reports, reportDecisions: reportDecisions, reportsHint: reportsHint, joinRequests: joinRequests, joinRequestsHint: joinRequestsHint, canInvite: canInvite, invitedText: invitedText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> GroupView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum GroupsEvent: Hashable, Equatable {
    /// Browse groups whose name holds these words (all groups when empty).
    case search(query: String)
    case moreResults
    /// Older posts of a group this device does not hold.
    case morePosts
    case join(id: String)
    case askToJoin(id: String, message: String)
    case follow(id: String)
    case unfollow(id: String)
    case leave(id: String)
    /// An organiser answers a request to join their group.
    case decideJoinRequest(groupId: String, personId: String, accept: Bool)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .search(let query):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: query)
        case .moreResults:
            try serializer.serialize_variant_index(value: 1)
        case .morePosts:
            try serializer.serialize_variant_index(value: 2)
        case .join(let id):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: id)
        case .askToJoin(let id, let message):
            try serializer.serialize_variant_index(value: 4)
            try serializer.serialize_str(value: id)
            try serializer.serialize_str(value: message)
        case .follow(let id):
            try serializer.serialize_variant_index(value: 5)
            try serializer.serialize_str(value: id)
        case .unfollow(let id):
            try serializer.serialize_variant_index(value: 6)
            try serializer.serialize_str(value: id)
        case .leave(let id):
            try serializer.serialize_variant_index(value: 7)
            try serializer.serialize_str(value: id)
        case .decideJoinRequest(let groupId, let personId, let accept):
            try serializer.serialize_variant_index(value: 8)
            try serializer.serialize_str(value: groupId)
            try serializer.serialize_str(value: personId)
            try serializer.serialize_bool(value: accept)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> GroupsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let query = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .search(query: query)
        case 1:
            try deserializer.decrease_container_depth()
            return .moreResults
        case 2:
            try deserializer.decrease_container_depth()
            return .morePosts
        case 3:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .join(id: id)
        case 4:
            let id = try deserializer.deserialize_str()
            let message = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .askToJoin(id: id, message: message)
        case 5:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .follow(id: id)
        case 6:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .unfollow(id: id)
        case 7:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .leave(id: id)
        case 8:
            let groupId = try deserializer.deserialize_str()
            let personId = try deserializer.deserialize_str()
            let accept = try deserializer.deserialize_bool()
            try deserializer.decrease_container_depth()
            return .decideJoinRequest(groupId: groupId, personId: personId, accept: accept)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for GroupsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> GroupsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Text with the places to highlight: `marks` holds pairs of character offsets (start, end).
public struct HighlightedView: Hashable, Equatable {
    public var text: String
    public var marks: [UInt32]

    public init(text: String, marks: [UInt32]) {
        self.text = text
        self.marks = marks
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.text)
        try serializeArray(value: self.marks, serializer: serializer) { item, serializer in
            try serializer.serialize_u32(value: item)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> HighlightedView {
        try deserializer.increase_container_depth()
        let text = try deserializer.deserialize_str()
        let marks = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_u32()
        }
        try deserializer.decrease_container_depth()
        return HighlightedView(text: text, marks: marks)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> HighlightedView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
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
indirect public enum HttpError: Hashable, Equatable {
    /// The request URL could not be parsed.
    case url(String)
    /// An IO error prevented the request from completing.
    case io(String)
    /// The request timed out before a response was received.
    case timeout

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .url(let x):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: x)
        case .io(let x):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: x)
        case .timeout:
            try serializer.serialize_variant_index(value: 2)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> HttpError {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let x = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .url(x)
        case 1:
            let x = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .io(x)
        case 2:
            try deserializer.decrease_container_depth()
            return .timeout
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for HttpError: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> HttpError {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct HttpHeader: Hashable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.name)
        try serializer.serialize_str(value: self.value)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> HttpHeader {
        try deserializer.increase_container_depth()
        let name = try deserializer.deserialize_str()
        let value = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return HttpHeader(name: name, value: value)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> HttpHeader {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
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
public struct HttpRequest: Hashable, Equatable {
    public var method: String
    public var url: String
    public var headers: [HttpHeader]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [HttpHeader], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.method)
        try serializer.serialize_str(value: self.url)
        try serializeArray(value: self.headers, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bytes(value: self.body)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> HttpRequest {
        try deserializer.increase_container_depth()
        let method = try deserializer.deserialize_str()
        let url = try deserializer.deserialize_str()
        let headers = try deserializeArray(deserializer: deserializer) { deserializer in
            try HttpHeader.deserialize(deserializer: deserializer)
        }
        let body = try deserializer.deserialize_bytes()
        try deserializer.decrease_container_depth()
        return HttpRequest(method: method, url: url, headers: headers, body: body)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> HttpRequest {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct HttpResponse: Hashable, Equatable {
    public var status: UInt16
    public var headers: [HttpHeader]
    public var body: [UInt8]

    public init(status: UInt16, headers: [HttpHeader], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_u16(value: self.status)
        try serializeArray(value: self.headers, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bytes(value: self.body)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> HttpResponse {
        try deserializer.increase_container_depth()
        let status = try deserializer.deserialize_u16()
        let headers = try deserializeArray(deserializer: deserializer) { deserializer in
            try HttpHeader.deserialize(deserializer: deserializer)
        }
        let body = try deserializer.deserialize_bytes()
        try deserializer.decrease_container_depth()
        return HttpResponse(status: status, headers: headers, body: body)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> HttpResponse {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
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
indirect public enum HttpResult: Hashable, Equatable {
    /// The shell completed the HTTP exchange. The response may carry any status code,
    /// including 4xx and 5xx — inspect [`HttpResponse::status`] to distinguish them.
    case ok(HttpResponse)
    /// The shell could not complete the HTTP exchange due to a transport-level failure.
    /// See [`HttpError`] for the possible causes.
    case err(HttpError)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .ok(let x):
            try serializer.serialize_variant_index(value: 0)
            try x.serialize(serializer: serializer)
        case .err(let x):
            try serializer.serialize_variant_index(value: 1)
            try x.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> HttpResult {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let x = try HttpResponse.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .ok(x)
        case 1:
            let x = try HttpError.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .err(x)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for HttpResult: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> HttpResult {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Represents a point in time (UTC):
/// 
/// - seconds: number of seconds since the Unix epoch (1970-01-01T00:00:00Z)
/// - nanos: number of nanoseconds since the last second
public struct Instant: Hashable, Equatable {
    public var seconds: UInt64
    public var nanos: UInt32

    public init(seconds: UInt64, nanos: UInt32) {
        self.seconds = seconds
        self.nanos = nanos
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_u64(value: self.seconds)
        try serializer.serialize_u32(value: self.nanos)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Instant {
        try deserializer.increase_container_depth()
        let seconds = try deserializer.deserialize_u64()
        let nanos = try deserializer.deserialize_u32()
        try deserializer.decrease_container_depth()
        return Instant(seconds: seconds, nanos: nanos)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Instant {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Someone asking to join a group, as its organisers see it.
public struct JoinRequestView: Hashable, Equatable {
    public var personId: String
    public var displayName: String
    public var message: String
    /// When they asked, as people say it ("hier à 18 h").
    public var whenText: String

    public init(personId: String, displayName: String, message: String, whenText: String) {
        self.personId = personId
        self.displayName = displayName
        self.message = message
        self.whenText = whenText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.personId)
        try serializer.serialize_str(value: self.displayName)
        try serializer.serialize_str(value: self.message)
        try serializer.serialize_str(value: self.whenText)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> JoinRequestView {
        try deserializer.increase_container_depth()
        let personId = try deserializer.deserialize_str()
        let displayName = try deserializer.deserialize_str()
        let message = try deserializer.deserialize_str()
        let whenText = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return JoinRequestView(personId: personId, displayName: displayName, message: message, whenText: whenText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> JoinRequestView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Error type for `KeyValue` operations
indirect public enum KeyValueError: Hashable, Equatable {
    case io(message: String)
    case timeout
    case cursorNotFound
    case other(message: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .io(let message):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: message)
        case .timeout:
            try serializer.serialize_variant_index(value: 1)
        case .cursorNotFound:
            try serializer.serialize_variant_index(value: 2)
        case .other(let message):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: message)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> KeyValueError {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let message = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .io(message: message)
        case 1:
            try deserializer.decrease_container_depth()
            return .timeout
        case 2:
            try deserializer.decrease_container_depth()
            return .cursorNotFound
        case 3:
            let message = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .other(message: message)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for KeyValueError: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> KeyValueError {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Supported operations
indirect public enum KeyValueOperation: Hashable, Equatable {
    /// Read bytes stored under a key
    case get(key: String)
    /// Write bytes under a key
    case set(key: String, value: [UInt8])
    /// Remove a key and its value
    case delete(key: String)
    /// Test if a key exists
    case exists(key: String)
    case listKeys(prefix: String, cursor: UInt64)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .get(let key):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: key)
        case .set(let key, let value):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: key)
            try serializeArray(value: value, serializer: serializer) { item, serializer in
                try serializer.serialize_u8(value: item)
            }
        case .delete(let key):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: key)
        case .exists(let key):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: key)
        case .listKeys(let prefix, let cursor):
            try serializer.serialize_variant_index(value: 4)
            try serializer.serialize_str(value: prefix)
            try serializer.serialize_u64(value: cursor)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> KeyValueOperation {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let key = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .get(key: key)
        case 1:
            let key = try deserializer.deserialize_str()
            let value = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_u8()
            }
            try deserializer.decrease_container_depth()
            return .set(key: key, value: value)
        case 2:
            let key = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .delete(key: key)
        case 3:
            let key = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .exists(key: key)
        case 4:
            let prefix = try deserializer.deserialize_str()
            let cursor = try deserializer.deserialize_u64()
            try deserializer.decrease_container_depth()
            return .listKeys(prefix: prefix, cursor: cursor)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for KeyValueOperation: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> KeyValueOperation {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum KeyValueResponse: Hashable, Equatable {
    /// Response to a `KeyValueOperation::Get`,
    /// returning the value stored under the key, which may be empty
    case get(value: Value)
    /// Response to a `KeyValueOperation::Set`,
    /// returning the value that was previously stored under the key, may be empty
    case set(previous: Value)
    /// Response to a `KeyValueOperation::Delete`,
    /// returning the value that was previously stored under the key, may be empty
    case delete(previous: Value)
    /// Response to a `KeyValueOperation::Exists`,
    /// returning whether the key is present in the store
    case exists(isPresent: Bool)
    /// Response to a `KeyValueOperation::ListKeys`,
    /// returning a list of keys that start with the prefix, and a cursor to continue listing
    /// if there are more keys
    /// 
    /// Note: the cursor is 0 if there are no more keys
    case listKeys(keys: [String], nextCursor: UInt64)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .get(let value):
            try serializer.serialize_variant_index(value: 0)
            try value.serialize(serializer: serializer)
        case .set(let previous):
            try serializer.serialize_variant_index(value: 1)
            try previous.serialize(serializer: serializer)
        case .delete(let previous):
            try serializer.serialize_variant_index(value: 2)
            try previous.serialize(serializer: serializer)
        case .exists(let isPresent):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_bool(value: isPresent)
        case .listKeys(let keys, let nextCursor):
            try serializer.serialize_variant_index(value: 4)
            try serializeArray(value: keys, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
            try serializer.serialize_u64(value: nextCursor)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> KeyValueResponse {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let value = try Value.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .get(value: value)
        case 1:
            let previous = try Value.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .set(previous: previous)
        case 2:
            let previous = try Value.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .delete(previous: previous)
        case 3:
            let isPresent = try deserializer.deserialize_bool()
            try deserializer.decrease_container_depth()
            return .exists(isPresent: isPresent)
        case 4:
            let keys = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let nextCursor = try deserializer.deserialize_u64()
            try deserializer.decrease_container_depth()
            return .listKeys(keys: keys, nextCursor: nextCursor)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for KeyValueResponse: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> KeyValueResponse {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// The result of an operation on the store.
/// 
/// Note: we can't use [`core::result::Result`] here because it is not currently
/// supported across the FFI boundary, when using `typegen` or `facet_typegen`.
indirect public enum KeyValueResult: Hashable, Equatable {
    case ok(response: KeyValueResponse)
    case err(error: KeyValueError)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .ok(let response):
            try serializer.serialize_variant_index(value: 0)
            try response.serialize(serializer: serializer)
        case .err(let error):
            try serializer.serialize_variant_index(value: 1)
            try error.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> KeyValueResult {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let response = try KeyValueResponse.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .ok(response: response)
        case 1:
            let error = try KeyValueError.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .err(error: error)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for KeyValueResult: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> KeyValueResult {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct KindToggle: Hashable, Equatable {
    /// The kind's stable name, sent back in `SaveSettings`.
    public var kind: String
    public var label: String
    public var on: Bool

    public init(kind: String, label: String, on: Bool) {
        self.kind = kind
        self.label = label
        self.on = on
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.kind)
        try serializer.serialize_str(value: self.label)
        try serializer.serialize_bool(value: self.on)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> KindToggle {
        try deserializer.increase_container_depth()
        let kind = try deserializer.deserialize_str()
        let label = try deserializer.deserialize_str()
        let on = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return KindToggle(kind: kind, label: label, on: on)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> KindToggle {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// The person's language, chosen in the app (the device's language at first).
indirect public enum Language: Hashable, Equatable {
    case french
    case english

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .french:
            try serializer.serialize_variant_index(value: 0)
        case .english:
            try serializer.serialize_variant_index(value: 1)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Language {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .french
        case 1:
            try deserializer.decrease_container_depth()
            return .english
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Language: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Language {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// How much of a group reaches me.
indirect public enum Level: Hashable, Equatable {
    case everything
    case important
    case nothing

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .everything:
            try serializer.serialize_variant_index(value: 0)
        case .important:
            try serializer.serialize_variant_index(value: 1)
        case .nothing:
            try serializer.serialize_variant_index(value: 2)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Level {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .everything
        case 1:
            try deserializer.decrease_container_depth()
            return .important
        case 2:
            try deserializer.decrease_container_depth()
            return .nothing
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Level: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Level {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct LevelOption: Hashable, Equatable {
    public var level: Level
    public var label: String

    public init(level: Level, label: String) {
        self.level = level
        self.label = label
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.level.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.label)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> LevelOption {
        try deserializer.increase_container_depth()
        let level = try Level.deserialize(deserializer: deserializer)
        let label = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return LevelOption(level: level, label: label)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> LevelOption {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct MentionCandidate: Hashable, Equatable {
    public var personId: String
    public var displayName: String
    /// The whole text once this person is chosen.
    public var text: String

    public init(personId: String, displayName: String, text: String) {
        self.personId = personId
        self.displayName = displayName
        self.text = text
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.personId)
        try serializer.serialize_str(value: self.displayName)
        try serializer.serialize_str(value: self.text)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> MentionCandidate {
        try deserializer.increase_container_depth()
        let personId = try deserializer.deserialize_str()
        let displayName = try deserializer.deserialize_str()
        let text = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return MentionCandidate(personId: personId, displayName: displayName, text: text)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> MentionCandidate {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct MessageView: Hashable, Equatable {
    /// "Aux participants de « … »"
    public var audienceLabel: String
    public var text: String
    /// How many people it will reach and how many messages are left today; absent while asked.
    public var reachText: String?
    public var loading: Bool
    public var canSend: Bool
    public var error: String?
    /// The switch "must-read message" is offered (to a group, not to an event's attendees).
    public var canBeMustRead: Bool
    public var mustRead: Bool
    /// "Message important à lire par tous" and what it means.
    public var mustReadLabel: String
    public var mustReadHint: String
    /// Shown when `must_read`: the title field.
    public var titleLabel: String
    public var title: String

    public init(audienceLabel: String, text: String, reachText: String?, loading: Bool, canSend: Bool, error: String?, canBeMustRead: Bool, mustRead: Bool, mustReadLabel: String, mustReadHint: String, titleLabel: String, title: String) {
        self.audienceLabel = audienceLabel
        self.text = text
        self.reachText = reachText
        self.loading = loading
        self.canSend = canSend
        self.error = error
        self.canBeMustRead = canBeMustRead
        self.mustRead = mustRead
        self.mustReadLabel = mustReadLabel
        self.mustReadHint = mustReadHint
        self.titleLabel = titleLabel
        self.title = title
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.audienceLabel)
        try serializer.serialize_str(value: self.text)
        try serializeOption(value: self.reachText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializer.serialize_bool(value: self.canSend)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canBeMustRead)
        try serializer.serialize_bool(value: self.mustRead)
        try serializer.serialize_str(value: self.mustReadLabel)
        try serializer.serialize_str(value: self.mustReadHint)
        try serializer.serialize_str(value: self.titleLabel)
        try serializer.serialize_str(value: self.title)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> MessageView {
        try deserializer.increase_container_depth()
        let audienceLabel = try deserializer.deserialize_str()
        let text = try deserializer.deserialize_str()
        let reachText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let loading = try deserializer.deserialize_bool()
        let canSend = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canBeMustRead = try deserializer.deserialize_bool()
        let mustRead = try deserializer.deserialize_bool()
        let mustReadLabel = try deserializer.deserialize_str()
        let mustReadHint = try deserializer.deserialize_str()
        let titleLabel = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return MessageView(audienceLabel: audienceLabel, text: text, reachText: reachText, loading: loading, canSend: canSend, error: error, canBeMustRead: canBeMustRead, mustRead: mustRead, mustReadLabel: mustReadLabel, mustReadHint: mustReadHint, titleLabel: titleLabel, title: title)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> MessageView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum ModerationEvent: Hashable, Equatable {
    /// Accept the charter shown on the charter screen.
    case acceptCharter
    /// Report something to the moderators (from the report screen).
    case report(what: ReportWhat, id: String, reason: ReportWhy, details: String)
    /// An organiser decides a report about their group, with the reason the author and the
    /// reporters will read.
    case decideReport(caseId: String, decision: Decision, reason: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .acceptCharter:
            try serializer.serialize_variant_index(value: 0)
        case .report(let what, let id, let reason, let details):
            try serializer.serialize_variant_index(value: 1)
            try what.serialize(serializer: serializer)
            try serializer.serialize_str(value: id)
            try reason.serialize(serializer: serializer)
            try serializer.serialize_str(value: details)
        case .decideReport(let caseId, let decision, let reason):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: caseId)
            try decision.serialize(serializer: serializer)
            try serializer.serialize_str(value: reason)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ModerationEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .acceptCharter
        case 1:
            let what = try ReportWhat.deserialize(deserializer: deserializer)
            let id = try deserializer.deserialize_str()
            let reason = try ReportWhy.deserialize(deserializer: deserializer)
            let details = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .report(what: what, id: id, reason: reason, details: details)
        case 2:
            let caseId = try deserializer.deserialize_str()
            let decision = try Decision.deserialize(deserializer: deserializer)
            let reason = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .decideReport(caseId: caseId, decision: decision, reason: reason)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for ModerationEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ModerationEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// A must-read message pinned at the top of the feed until I say I read it.
public struct MustReadCard: Hashable, Equatable {
    public var id: String
    /// "Message important" / "Important message".
    public var label: String
    public var title: String
    /// "De Ada Admin, à Fédération test".
    public var from: String
    /// The start of the text.
    public var excerpt: String
    public var sentAt: String
    public var acknowledgeLabel: String

    public init(id: String, label: String, title: String, from: String, excerpt: String, sentAt: String, acknowledgeLabel: String) {
        self.id = id
        self.label = label
        self.title = title
        self.from = from
        self.excerpt = excerpt
        self.sentAt = sentAt
        self.acknowledgeLabel = acknowledgeLabel
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.label)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.from)
        try serializer.serialize_str(value: self.excerpt)
        try serializer.serialize_str(value: self.sentAt)
        try serializer.serialize_str(value: self.acknowledgeLabel)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> MustReadCard {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let label = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let from = try deserializer.deserialize_str()
        let excerpt = try deserializer.deserialize_str()
        let sentAt = try deserializer.deserialize_str()
        let acknowledgeLabel = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return MustReadCard(id: id, label: label, title: title, from: from, excerpt: excerpt, sentAt: sentAt, acknowledgeLabel: acknowledgeLabel)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> MustReadCard {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// One must-read message, whole.
public struct MustReadView: Hashable, Equatable {
    public var id: String
    public var label: String
    public var title: String
    public var from: String
    public var body: String
    public var sentAt: String
    /// I may say "J'ai lu" (a recipient who has not yet).
    public var canAcknowledge: Bool
    public var acknowledgeLabel: String
    /// "Vous l'avez lu." once I did (or "Vous l'avez envoyé." to its sender).
    public var readText: String?
    /// For its sender and its group's organisers: how far it reached.
    public var reach: ReachView?
    public var loading: Bool
    public var error: String?

    public init(id: String, label: String, title: String, from: String, body: String, sentAt: String, canAcknowledge: Bool, acknowledgeLabel: String, readText: String?, reach: ReachView?, loading: Bool, error: String?) {
        self.id = id
        self.label = label
        self.title = title
        self.from = from
        self.body = body
        self.sentAt = sentAt
        self.canAcknowledge = canAcknowledge
        self.acknowledgeLabel = acknowledgeLabel
        self.readText = readText
        self.reach = reach
        self.loading = loading
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.label)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.from)
        try serializer.serialize_str(value: self.body)
        try serializer.serialize_str(value: self.sentAt)
        try serializer.serialize_bool(value: self.canAcknowledge)
        try serializer.serialize_str(value: self.acknowledgeLabel)
        try serializeOption(value: self.readText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.reach, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> MustReadView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let label = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let from = try deserializer.deserialize_str()
        let body = try deserializer.deserialize_str()
        let sentAt = try deserializer.deserialize_str()
        let canAcknowledge = try deserializer.deserialize_bool()
        let acknowledgeLabel = try deserializer.deserialize_str()
        let readText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let reach = try deserializeOption(deserializer: deserializer) { deserializer in
            try ReachView.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return MustReadView(id: id, label: label, title: title, from: from, body: body, sentAt: sentAt, canAcknowledge: canAcknowledge, acknowledgeLabel: acknowledgeLabel, readText: readText, reach: reach, loading: loading, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> MustReadView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum MustReadsEvent: Hashable, Equatable {
    /// "J'ai lu": the message leaves the top of the feed.
    case acknowledge(id: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .acknowledge(let id):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: id)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> MustReadsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .acknowledge(id: id)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for MustReadsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> MustReadsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct MyGroupsView: Hashable, Equatable {
    public var groups: [GroupSummary]
    public var emptyText: String?
    /// Groups of my association and of the federation I am not in, to join in one tap
    /// (`Join`, or `AskToJoin` for a private one); with a title saying so.
    public var suggestions: [GroupSummary]
    public var suggestionsTitle: String?

    public init(groups: [GroupSummary], emptyText: String?, suggestions: [GroupSummary], suggestionsTitle: String?) {
        self.groups = groups
        self.emptyText = emptyText
        self.suggestions = suggestions
        self.suggestionsTitle = suggestionsTitle
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.groups, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeArray(value: self.suggestions, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.suggestionsTitle, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> MyGroupsView {
        try deserializer.increase_container_depth()
        let groups = try deserializeArray(deserializer: deserializer) { deserializer in
            try GroupSummary.deserialize(deserializer: deserializer)
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let suggestions = try deserializeArray(deserializer: deserializer) { deserializer in
            try GroupSummary.deserialize(deserializer: deserializer)
        }
        let suggestionsTitle = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return MyGroupsView(groups: groups, emptyText: emptyText, suggestions: suggestions, suggestionsTitle: suggestionsTitle)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> MyGroupsView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct MyProfileView: Hashable, Equatable {
    public var profile: ProfileView?
    public var email: String
    public var pending: Bool
    /// The form stays open with what was typed when the core refused it.
    public var editor: ProfileEditorView?
    /// "Delete my account": what it does, said before the password is asked.
    public var erasure: ErasureView
    /// "My data": copies of one's data to ask for and download.
    public var data: DataCopiesView

    public init(profile: ProfileView?, email: String, pending: Bool, editor: ProfileEditorView?, erasure: ErasureView, data: DataCopiesView) {
        self.profile = profile
        self.email = email
        self.pending = pending
        self.editor = editor
        self.erasure = erasure
        self.data = data
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeOption(value: self.profile, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializer.serialize_str(value: self.email)
        try serializer.serialize_bool(value: self.pending)
        try serializeOption(value: self.editor, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try self.erasure.serialize(serializer: serializer)
        try self.data.serialize(serializer: serializer)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> MyProfileView {
        try deserializer.increase_container_depth()
        let profile = try deserializeOption(deserializer: deserializer) { deserializer in
            try ProfileView.deserialize(deserializer: deserializer)
        }
        let email = try deserializer.deserialize_str()
        let pending = try deserializer.deserialize_bool()
        let editor = try deserializeOption(deserializer: deserializer) { deserializer in
            try ProfileEditorView.deserialize(deserializer: deserializer)
        }
        let erasure = try ErasureView.deserialize(deserializer: deserializer)
        let data = try DataCopiesView.deserialize(deserializer: deserializer)
        try deserializer.decrease_container_depth()
        return MyProfileView(profile: profile, email: email, pending: pending, editor: editor, erasure: erasure, data: data)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> MyProfileView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct NotificationItemView: Hashable, Equatable {
    public var id: String
    /// "Awa pose une question : « … »"
    public var text: String
    public var createdAt: String
    /// When, as people read it ("14 mars 2027 à 17:00").
    public var whenText: String
    public var unread: Bool

    public init(id: String, text: String, createdAt: String, whenText: String, unread: Bool) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.whenText = whenText
        self.unread = unread
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.text)
        try serializer.serialize_str(value: self.createdAt)
        try serializer.serialize_str(value: self.whenText)
        try serializer.serialize_bool(value: self.unread)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> NotificationItemView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let text = try deserializer.deserialize_str()
        let createdAt = try deserializer.deserialize_str()
        let whenText = try deserializer.deserialize_str()
        let unread = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return NotificationItemView(id: id, text: text, createdAt: createdAt, whenText: whenText, unread: unread)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> NotificationItemView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct NotificationSettingsView: Hashable, Equatable {
    public var timeZone: String
    /// "22:00" and "07:00" when quiet hours are set.
    public var quietStart: String?
    public var quietEnd: String?
    public var hint: String
    public var kinds: [KindToggle]
    /// Each group of mine with its level, and the levels to choose from.
    public var groups: [GroupLevelRow]
    public var levels: [LevelOption]
    /// The e-mail summary: what it is, the choice made, and the choices.
    public var digestHint: String
    public var digest: Digest
    public var digests: [DigestOption]
    /// Changes are on the phone, not yet confirmed.
    public var pending: Bool
    public var error: String?

    public init(timeZone: String, quietStart: String?, quietEnd: String?, hint: String, kinds: [KindToggle], groups: [GroupLevelRow], levels: [LevelOption], digestHint: String, digest: Digest, digests: [DigestOption], pending: Bool, error: String?) {
        self.timeZone = timeZone
        self.quietStart = quietStart
        self.quietEnd = quietEnd
        self.hint = hint
        self.kinds = kinds
        self.groups = groups
        self.levels = levels
        self.digestHint = digestHint
        self.digest = digest
        self.digests = digests
        self.pending = pending
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.timeZone)
        try serializeOption(value: self.quietStart, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.quietEnd, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_str(value: self.hint)
        try serializeArray(value: self.kinds, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.groups, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.levels, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_str(value: self.digestHint)
        try self.digest.serialize(serializer: serializer)
        try serializeArray(value: self.digests, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.pending)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> NotificationSettingsView {
        try deserializer.increase_container_depth()
        let timeZone = try deserializer.deserialize_str()
        let quietStart = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let quietEnd = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let hint = try deserializer.deserialize_str()
        let kinds = try deserializeArray(deserializer: deserializer) { deserializer in
            try KindToggle.deserialize(deserializer: deserializer)
        }
        let groups = try deserializeArray(deserializer: deserializer) { deserializer in
            try GroupLevelRow.deserialize(deserializer: deserializer)
        }
        let levels = try deserializeArray(deserializer: deserializer) { deserializer in
            try LevelOption.deserialize(deserializer: deserializer)
        }
        let digestHint = try deserializer.deserialize_str()
        let digest = try Digest.deserialize(deserializer: deserializer)
        let digests = try deserializeArray(deserializer: deserializer) { deserializer in
            try DigestOption.deserialize(deserializer: deserializer)
        }
        let pending = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return NotificationSettingsView(timeZone: timeZone, quietStart: quietStart, quietEnd: quietEnd, hint: hint, kinds: kinds, groups: groups, levels: levels, digestHint: digestHint, digest: digest, digests: digests, pending: pending, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> NotificationSettingsView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum NotificationsEvent: Hashable, Equatable {
    /// Open what the notification is about; it is marked read.
    case open(id: String)
    case markAllRead
    /// Time zone, quiet hours ("HH:MM", both or neither) and the kinds one does not want
    /// (their `KindToggle::kind` names).
    case saveSettings(timeZone: String, quietStart: String?, quietEnd: String?, mutedKinds: [String])
    case setGroupLevel(groupId: String, level: Level)
    /// How often a summary comes by e-mail when one does not open the app.
    case setDigest(digest: Digest)
    /// The person tapped a system notification: `payload` is the push's decrypted JSON (what
    /// `push_decrypt` gave). Opens what it is about (syncing if it is not here yet) and marks
    /// it read; the same when the tap started the app.
    case tapped(payload: String)
    /// The push service gave this device a new address (a new FCM token, a distributor that
    /// changed): the server is told at once, not at the next start (the old address is dropped
    /// by the server when its push service says it is gone).
    case pushRenewed

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .open(let id):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: id)
        case .markAllRead:
            try serializer.serialize_variant_index(value: 1)
        case .saveSettings(let timeZone, let quietStart, let quietEnd, let mutedKinds):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: timeZone)
            try serializeOption(value: quietStart, serializer: serializer) { value, serializer in
                try serializer.serialize_str(value: value)
            }
            try serializeOption(value: quietEnd, serializer: serializer) { value, serializer in
                try serializer.serialize_str(value: value)
            }
            try serializeArray(value: mutedKinds, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
        case .setGroupLevel(let groupId, let level):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: groupId)
            try level.serialize(serializer: serializer)
        case .setDigest(let digest):
            try serializer.serialize_variant_index(value: 4)
            try digest.serialize(serializer: serializer)
        case .tapped(let payload):
            try serializer.serialize_variant_index(value: 5)
            try serializer.serialize_str(value: payload)
        case .pushRenewed:
            try serializer.serialize_variant_index(value: 6)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> NotificationsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .open(id: id)
        case 1:
            try deserializer.decrease_container_depth()
            return .markAllRead
        case 2:
            let timeZone = try deserializer.deserialize_str()
            let quietStart = try deserializeOption(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let quietEnd = try deserializeOption(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let mutedKinds = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            try deserializer.decrease_container_depth()
            return .saveSettings(timeZone: timeZone, quietStart: quietStart, quietEnd: quietEnd, mutedKinds: mutedKinds)
        case 3:
            let groupId = try deserializer.deserialize_str()
            let level = try Level.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .setGroupLevel(groupId: groupId, level: level)
        case 4:
            let digest = try Digest.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .setDigest(digest: digest)
        case 5:
            let payload = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .tapped(payload: payload)
        case 6:
            try deserializer.decrease_container_depth()
            return .pushRenewed
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for NotificationsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> NotificationsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct NotificationsView: Hashable, Equatable {
    public var items: [NotificationItemView]
    public var unreadCount: UInt32
    /// "Mark all read", when something is unread.
    public var markAllLabel: String?
    public var emptyText: String?
    /// When this phone cannot receive pushes: what that means and what to do.
    public var pushUnavailable: String?

    public init(items: [NotificationItemView], unreadCount: UInt32, markAllLabel: String?, emptyText: String?, pushUnavailable: String?) {
        self.items = items
        self.unreadCount = unreadCount
        self.markAllLabel = markAllLabel
        self.emptyText = emptyText
        self.pushUnavailable = pushUnavailable
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.items, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_u32(value: self.unreadCount)
        try serializeOption(value: self.markAllLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.pushUnavailable, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> NotificationsView {
        try deserializer.increase_container_depth()
        let items = try deserializeArray(deserializer: deserializer) { deserializer in
            try NotificationItemView.deserialize(deserializer: deserializer)
        }
        let unreadCount = try deserializer.deserialize_u32()
        let markAllLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let pushUnavailable = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return NotificationsView(items: items, unreadCount: unreadCount, markAllLabel: markAllLabel, emptyText: emptyText, pushUnavailable: pushUnavailable)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> NotificationsView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// A file the shell opens now in the system's viewer (a photo full screen with zoom, a
/// document in the app that reads it), then sends `AttachmentsEvent::Opened`.
public struct OpenFileView: Hashable, Equatable {
    public var path: String
    public var name: String
    public var isImage: Bool

    public init(path: String, name: String, isImage: Bool) {
        self.path = path
        self.name = name
        self.isImage = isImage
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.path)
        try serializer.serialize_str(value: self.name)
        try serializer.serialize_bool(value: self.isImage)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> OpenFileView {
        try deserializer.increase_container_depth()
        let path = try deserializer.deserialize_str()
        let name = try deserializer.deserialize_str()
        let isImage = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return OpenFileView(path: path, name: name, isImage: isImage)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> OpenFileView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum PeopleEvent: Hashable, Equatable {
    case editProfile
    case saveProfile(displayName: String, function: String, bio: String, skills: [String], interests: [String], federationVisible: Bool)
    case cancelEdit
    /// Filter the directory (empty values: no filter).
    case directory(query: String, skill: String, organisationId: String?)
    case directoryMore
    /// "My data": ask for a copy of one's data (prepared by the server, then downloaded).
    case askDataCopy
    /// Read again where one's copies stand (while one is being prepared).
    case refreshDataCopies
    /// Choose, or no longer choose, a person in the people picker.
    case pickToggle(personId: String, displayName: String)
    /// Do what the picker was opened for with the people chosen (`title`: a new
    /// conversation's, optional; ignored otherwise).
    case pickConfirm(title: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .editProfile:
            try serializer.serialize_variant_index(value: 0)
        case .saveProfile(let displayName, let function, let bio, let skills, let interests, let federationVisible):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: displayName)
            try serializer.serialize_str(value: function)
            try serializer.serialize_str(value: bio)
            try serializeArray(value: skills, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
            try serializeArray(value: interests, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
            try serializer.serialize_bool(value: federationVisible)
        case .cancelEdit:
            try serializer.serialize_variant_index(value: 2)
        case .directory(let query, let skill, let organisationId):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: query)
            try serializer.serialize_str(value: skill)
            try serializeOption(value: organisationId, serializer: serializer) { value, serializer in
                try serializer.serialize_str(value: value)
            }
        case .directoryMore:
            try serializer.serialize_variant_index(value: 4)
        case .askDataCopy:
            try serializer.serialize_variant_index(value: 5)
        case .refreshDataCopies:
            try serializer.serialize_variant_index(value: 6)
        case .pickToggle(let personId, let displayName):
            try serializer.serialize_variant_index(value: 7)
            try serializer.serialize_str(value: personId)
            try serializer.serialize_str(value: displayName)
        case .pickConfirm(let title):
            try serializer.serialize_variant_index(value: 8)
            try serializer.serialize_str(value: title)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PeopleEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .editProfile
        case 1:
            let displayName = try deserializer.deserialize_str()
            let function = try deserializer.deserialize_str()
            let bio = try deserializer.deserialize_str()
            let skills = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let interests = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let federationVisible = try deserializer.deserialize_bool()
            try deserializer.decrease_container_depth()
            return .saveProfile(displayName: displayName, function: function, bio: bio, skills: skills, interests: interests, federationVisible: federationVisible)
        case 2:
            try deserializer.decrease_container_depth()
            return .cancelEdit
        case 3:
            let query = try deserializer.deserialize_str()
            let skill = try deserializer.deserialize_str()
            let organisationId = try deserializeOption(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            try deserializer.decrease_container_depth()
            return .directory(query: query, skill: skill, organisationId: organisationId)
        case 4:
            try deserializer.decrease_container_depth()
            return .directoryMore
        case 5:
            try deserializer.decrease_container_depth()
            return .askDataCopy
        case 6:
            try deserializer.decrease_container_depth()
            return .refreshDataCopies
        case 7:
            let personId = try deserializer.deserialize_str()
            let displayName = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .pickToggle(personId: personId, displayName: displayName)
        case 8:
            let title = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .pickConfirm(title: title)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for PeopleEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PeopleEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct PersonView: Hashable, Equatable {
    public var id: String
    /// "Write" opens our conversation (`ConversationsEvent::WriteTo`).
    public var canWrite: Bool
    /// Someone else: they may be blocked, or unblocked when `blocked`.
    public var canBlock: Bool
    public var blocked: Bool
    public var profile: ProfileView?
    public var loading: Bool
    public var error: String?

    public init(id: String, canWrite: Bool, canBlock: Bool, blocked: Bool, profile: ProfileView?, loading: Bool, error: String?) {
        self.id = id
        self.canWrite = canWrite
        self.canBlock = canBlock
        self.blocked = blocked
        self.profile = profile
        self.loading = loading
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_bool(value: self.canWrite)
        try serializer.serialize_bool(value: self.canBlock)
        try serializer.serialize_bool(value: self.blocked)
        try serializeOption(value: self.profile, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PersonView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let canWrite = try deserializer.deserialize_bool()
        let canBlock = try deserializer.deserialize_bool()
        let blocked = try deserializer.deserialize_bool()
        let profile = try deserializeOption(deserializer: deserializer) { deserializer in
            try ProfileView.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return PersonView(id: id, canWrite: canWrite, canBlock: canBlock, blocked: blocked, profile: profile, loading: loading, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PersonView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct PickCandidate: Hashable, Equatable {
    public var id: String
    public var displayName: String
    /// Function and association, as one line.
    public var detail: String
    public var chosen: Bool
    /// Why this person cannot be chosen ("already a member"); `None`: they can.
    public var unavailable: String?

    public init(id: String, displayName: String, detail: String, chosen: Bool, unavailable: String?) {
        self.id = id
        self.displayName = displayName
        self.detail = detail
        self.chosen = chosen
        self.unavailable = unavailable
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.displayName)
        try serializer.serialize_str(value: self.detail)
        try serializer.serialize_bool(value: self.chosen)
        try serializeOption(value: self.unavailable, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PickCandidate {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let displayName = try deserializer.deserialize_str()
        let detail = try deserializer.deserialize_str()
        let chosen = try deserializer.deserialize_bool()
        let unavailable = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return PickCandidate(id: id, displayName: displayName, detail: detail, chosen: chosen, unavailable: unavailable)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PickCandidate {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Choosing people from the directory (the people one may see), for `purpose`.
public struct PickPeopleView: Hashable, Equatable {
    public var purpose: PickPurpose
    public var title: String
    public var hint: String
    public var query: String
    public var people: [PickCandidate]
    /// The names chosen, in order.
    public var chosen: [String]
    /// A new conversation may be given a title.
    public var asksTitle: Bool
    public var confirmLabel: String
    public var canConfirm: Bool
    public var loading: Bool
    public var hasMore: Bool
    public var error: String?
    public var emptyText: String?

    public init(purpose: PickPurpose, title: String, hint: String, query: String, people: [PickCandidate], chosen: [String], asksTitle: Bool, confirmLabel: String, canConfirm: Bool, loading: Bool, hasMore: Bool, error: String?, emptyText: String?) {
        self.purpose = purpose
        self.title = title
        self.hint = hint
        self.query = query
        self.people = people
        self.chosen = chosen
        self.asksTitle = asksTitle
        self.confirmLabel = confirmLabel
        self.canConfirm = canConfirm
        self.loading = loading
        self.hasMore = hasMore
        self.error = error
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.purpose.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.hint)
        try serializer.serialize_str(value: self.query)
        try serializeArray(value: self.people, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.chosen, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.serialize_bool(value: self.asksTitle)
        try serializer.serialize_str(value: self.confirmLabel)
        try serializer.serialize_bool(value: self.canConfirm)
        try serializer.serialize_bool(value: self.loading)
        try serializer.serialize_bool(value: self.hasMore)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PickPeopleView {
        try deserializer.increase_container_depth()
        let purpose = try PickPurpose.deserialize(deserializer: deserializer)
        let title = try deserializer.deserialize_str()
        let hint = try deserializer.deserialize_str()
        let query = try deserializer.deserialize_str()
        let people = try deserializeArray(deserializer: deserializer) { deserializer in
            try PickCandidate.deserialize(deserializer: deserializer)
        }
        let chosen = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let asksTitle = try deserializer.deserialize_bool()
        let confirmLabel = try deserializer.deserialize_str()
        let canConfirm = try deserializer.deserialize_bool()
        let loading = try deserializer.deserialize_bool()
        let hasMore = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return PickPeopleView(purpose: purpose, title: title, hint: hint, query: query, people: people, chosen: chosen, asksTitle: asksTitle, confirmLabel: confirmLabel, canConfirm: canConfirm, loading: loading, hasMore: hasMore, error: error, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PickPeopleView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// What the people picker is opened for.
indirect public enum PickPurpose: Hashable, Equatable {
    /// An organiser invites people into their group; each accepts by joining.
    case inviteToGroup(groupId: String)
    /// A conversation with several people.
    case startConversation
    /// More people in a conversation one is in.
    case addToConversation(conversationId: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .inviteToGroup(let groupId):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: groupId)
        case .startConversation:
            try serializer.serialize_variant_index(value: 1)
        case .addToConversation(let conversationId):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: conversationId)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PickPurpose {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let groupId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .inviteToGroup(groupId: groupId)
        case 1:
            try deserializer.decrease_container_depth()
            return .startConversation
        case 2:
            let conversationId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .addToConversation(conversationId: conversationId)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for PickPurpose: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PickPurpose {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct PollOptionView: Hashable, Equatable {
    public var index: UInt32
    public var text: String
    public var chosen: Bool
    /// Once closed; before, to its organisers, and to those who voted when it shows results
    /// after voting.
    public var votes: Int64?
    /// Who chose it, in a named poll, when the results show.
    public var voters: [String]

    public init(index: UInt32, text: String, chosen: Bool, votes: Int64?, voters: [String]) {
        self.index = index
        self.text = text
        self.chosen = chosen
        self.votes = votes
        self.voters = voters
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_u32(value: self.index)
        try serializer.serialize_str(value: self.text)
        try serializer.serialize_bool(value: self.chosen)
        try serializeOption(value: self.votes, serializer: serializer) { value, serializer in
            try serializer.serialize_i64(value: value)
        }
        try serializeArray(value: self.voters, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PollOptionView {
        try deserializer.increase_container_depth()
        let index = try deserializer.deserialize_u32()
        let text = try deserializer.deserialize_str()
        let chosen = try deserializer.deserialize_bool()
        let votes = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_i64()
        }
        let voters = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return PollOptionView(index: index, text: text, chosen: chosen, votes: votes, voters: voters)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PollOptionView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct PollView: Hashable, Equatable {
    public var id: String
    public var question: String
    public var authorName: String
    public var options: [PollOptionView]
    public var multiple: Bool
    public var anonymous: Bool
    public var closed: Bool
    /// RFC 3339.
    public var closesAt: String
    /// When voting ends (or ended), as people read it.
    public var closesWhen: String
    public var voterCount: Int64
    /// I voted (my choices are the options marked `chosen`).
    public var voted: Bool
    public var canVote: Bool
    /// Organisers, before it closes.
    public var canClose: Bool
    /// When the results show, while they do not.
    public var resultsHint: String?
    /// My vote or my closing waits to be sent.
    public var pending: Bool

    public init(id: String, question: String, authorName: String, options: [PollOptionView], multiple: Bool, anonymous: Bool, closed: Bool, closesAt: String, closesWhen: String, voterCount: Int64, voted: Bool, canVote: Bool, canClose: Bool, resultsHint: String?, pending: Bool) {
        self.id = id
        self.question = question
        self.authorName = authorName
        self.options = options
        self.multiple = multiple
        self.anonymous = anonymous
        self.closed = closed
        self.closesAt = closesAt
        self.closesWhen = closesWhen
        self.voterCount = voterCount
        self.voted = voted
        self.canVote = canVote
        self.canClose = canClose
        self.resultsHint = resultsHint
        self.pending = pending
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.question)
        try serializer.serialize_str(value: self.authorName)
        try serializeArray(value: self.options, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.multiple)
        try serializer.serialize_bool(value: self.anonymous)
        try serializer.serialize_bool(value: self.closed)
        try serializer.serialize_str(value: self.closesAt)
        try serializer.serialize_str(value: self.closesWhen)
        try serializer.serialize_i64(value: self.voterCount)
        try serializer.serialize_bool(value: self.voted)
        try serializer.serialize_bool(value: self.canVote)
        try serializer.serialize_bool(value: self.canClose)
        try serializeOption(value: self.resultsHint, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.pending)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PollView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let question = try deserializer.deserialize_str()
        let authorName = try deserializer.deserialize_str()
        let options = try deserializeArray(deserializer: deserializer) { deserializer in
            try PollOptionView.deserialize(deserializer: deserializer)
        }
        let multiple = try deserializer.deserialize_bool()
        let anonymous = try deserializer.deserialize_bool()
        let closed = try deserializer.deserialize_bool()
        let closesAt = try deserializer.deserialize_str()
        let closesWhen = try deserializer.deserialize_str()
        let voterCount = try deserializer.deserialize_i64()
        let voted = try deserializer.deserialize_bool()
        let canVote = try deserializer.deserialize_bool()
        let canClose = try deserializer.deserialize_bool()
        let resultsHint = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let pending = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return PollView(id: id, question: question, authorName: authorName, options: options, multiple: multiple, anonymous: anonymous, closed: closed, closesAt: closesAt, closesWhen: closesWhen, voterCount: voterCount, voted: voted, canVote: canVote, canClose: canClose, resultsHint: resultsHint, pending: pending)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PollView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum PollsEvent: Hashable, Equatable {
    /// My choices (option indexes); none takes my vote back.
    case vote(pollId: String, choices: [UInt32])
    /// Organisers: close before the date.
    case close(pollId: String)
    /// Organisers: a new poll in the group; `closes_at` is RFC 3339 (the shell's date picker).
    case create(groupId: String, question: String, options: [String], multiple: Bool, anonymous: Bool, resultsAfterVoting: Bool, closesAt: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .vote(let pollId, let choices):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: pollId)
            try serializeArray(value: choices, serializer: serializer) { item, serializer in
                try serializer.serialize_u32(value: item)
            }
        case .close(let pollId):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: pollId)
        case .create(let groupId, let question, let options, let multiple, let anonymous, let resultsAfterVoting, let closesAt):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: groupId)
            try serializer.serialize_str(value: question)
            try serializeArray(value: options, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
            try serializer.serialize_bool(value: multiple)
            try serializer.serialize_bool(value: anonymous)
            try serializer.serialize_bool(value: resultsAfterVoting)
            try serializer.serialize_str(value: closesAt)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PollsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let pollId = try deserializer.deserialize_str()
            let choices = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_u32()
            }
            try deserializer.decrease_container_depth()
            return .vote(pollId: pollId, choices: choices)
        case 1:
            let pollId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .close(pollId: pollId)
        case 2:
            let groupId = try deserializer.deserialize_str()
            let question = try deserializer.deserialize_str()
            let options = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let multiple = try deserializer.deserialize_bool()
            let anonymous = try deserializer.deserialize_bool()
            let resultsAfterVoting = try deserializer.deserialize_bool()
            let closesAt = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .create(groupId: groupId, question: question, options: options, multiple: multiple, anonymous: anonymous, resultsAfterVoting: resultsAfterVoting, closesAt: closesAt)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for PollsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PollsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct PostSummary: Hashable, Equatable {
    public var id: String
    public var groupId: String
    public var groupName: String
    public var authorId: String
    public var authorName: String
    public var kind: String
    public var title: String
    /// The body, cut at a few hundred characters for lists; whole on a post's page.
    public var body: String
    public var createdAt: String
    /// When it was written, as people read it ("14 mars 2027 à 17:00"); empty while on the phone only.
    public var whenText: String
    public var edited: Bool
    public var commentCount: UInt32
    /// "1 commentaire", "3 commentaires".
    public var commentsLabel: String
    public var reactions: [ReactionCount]
    /// Written on this phone, not yet confirmed by the server.
    public var pending: Bool
    public var pendingLabel: String?
    public var canEdit: Bool
    public var canDelete: Bool
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    public var canReport: Bool
    public var attachments: [AttachmentView]
    /// Written on this phone: its files as they go up (shown until the server has the post).
    public var pendingFiles: [FileView]

    public init(id: String, groupId: String, groupName: String, authorId: String, authorName: String, kind: String, title: String, body: String, createdAt: String, whenText: String, edited: Bool, commentCount: UInt32, commentsLabel: String, reactions: [ReactionCount], pending: Bool, pendingLabel: String?, canEdit: Bool, canDelete: Bool, canReport: Bool, attachments: [AttachmentView], pendingFiles: [FileView]) {
        self.id = id
        self.groupId = groupId
        self.groupName = groupName
        self.authorId = authorId
        self.authorName = authorName
        self.kind = kind
        self.title = title
        self.body = body
        self.createdAt = createdAt
        self.whenText = whenText
        self.edited = edited
        self.commentCount = commentCount
        self.commentsLabel = commentsLabel
        self.reactions = reactions
        self.pending = pending
        self.pendingLabel = pendingLabel
        self.canEdit = canEdit
        self.canDelete = canDelete
        self.canReport = canReport
        self.attachments = attachments
        self.pendingFiles = pendingFiles
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.groupId)
        try serializer.serialize_str(value: self.groupName)
        try serializer.serialize_str(value: self.authorId)
        try serializer.serialize_str(value: self.authorName)
        try serializer.serialize_str(value: self.kind)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.body)
        try serializer.serialize_str(value: self.createdAt)
        try serializer.serialize_str(value: self.whenText)
        try serializer.serialize_bool(value: self.edited)
        try serializer.serialize_u32(value: self.commentCount)
        try serializer.serialize_str(value: self.commentsLabel)
        try serializeArray(value: self.reactions, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.pending)
        try serializeOption(value: self.pendingLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canEdit)
        try serializer.serialize_bool(value: self.canDelete)
        try serializer.serialize_bool(value: self.canReport)
        try serializeArray(value: self.attachments, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeArray(value: self.pendingFiles, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PostSummary {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let groupId = try deserializer.deserialize_str()
        let groupName = try deserializer.deserialize_str()
        let authorId = try deserializer.deserialize_str()
        let authorName = try deserializer.deserialize_str()
        let kind = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let body = try deserializer.deserialize_str()
        let createdAt = try deserializer.deserialize_str()
        let whenText = try deserializer.deserialize_str()
        let edited = try deserializer.deserialize_bool()
        let commentCount = try deserializer.deserialize_u32()
        let commentsLabel = try deserializer.deserialize_str()
        let reactions = try deserializeArray(deserializer: deserializer) { deserializer in
            try ReactionCount.deserialize(deserializer: deserializer)
        }
        let pending = try deserializer.deserialize_bool()
        let pendingLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canEdit = try deserializer.deserialize_bool()
        let canDelete = try deserializer.deserialize_bool()
        let canReport = try deserializer.deserialize_bool()
        let attachments = try deserializeArray(deserializer: deserializer) { deserializer in
            try AttachmentView.deserialize(deserializer: deserializer)
        }
        let pendingFiles = try deserializeArray(deserializer: deserializer) { deserializer in
            try FileView.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return PostSummary(id: id, groupId: groupId, groupName: groupName, authorId: authorId, authorName: authorName, kind: kind, title: title, body: body, createdAt: createdAt, whenText: whenText, edited: edited, commentCount: commentCount, commentsLabel: commentsLabel, reactions: reactions, pending: pending, pendingLabel: pendingLabel, canEdit: canEdit, canDelete: canDelete, canReport: canReport, attachments: attachments, pendingFiles: pendingFiles)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PostSummary {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct PostView: Hashable, Equatable {
    public var id: String
    public var post: PostSummary?
    public var comments: [CommentView]
    public var loading: Bool
    public var error: String?
    public var emptyText: String?
    public var canComment: Bool

    public init(id: String, post: PostSummary?, comments: [CommentView], loading: Bool, error: String?, emptyText: String?, canComment: Bool) {
        self.id = id
        self.post = post
        self.comments = comments
        self.loading = loading
        self.error = error
        self.emptyText = emptyText
        self.canComment = canComment
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializeOption(value: self.post, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializeArray(value: self.comments, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canComment)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PostView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let post = try deserializeOption(deserializer: deserializer) { deserializer in
            try PostSummary.deserialize(deserializer: deserializer)
        }
        let comments = try deserializeArray(deserializer: deserializer) { deserializer in
            try CommentView.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canComment = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return PostView(id: id, post: post, comments: comments, loading: loading, error: error, emptyText: emptyText, canComment: canComment)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PostView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum PostsEvent: Hashable, Equatable {
    case delete(id: String)
    case deleteComment(id: String)
    case react(targetId: String, emoji: String)
    case unreact(targetId: String, emoji: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .delete(let id):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: id)
        case .deleteComment(let id):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: id)
        case .react(let targetId, let emoji):
            try serializer.serialize_variant_index(value: 2)
            try serializer.serialize_str(value: targetId)
            try serializer.serialize_str(value: emoji)
        case .unreact(let targetId, let emoji):
            try serializer.serialize_variant_index(value: 3)
            try serializer.serialize_str(value: targetId)
            try serializer.serialize_str(value: emoji)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PostsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .delete(id: id)
        case 1:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .deleteComment(id: id)
        case 2:
            let targetId = try deserializer.deserialize_str()
            let emoji = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .react(targetId: targetId, emoji: emoji)
        case 3:
            let targetId = try deserializer.deserialize_str()
            let emoji = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .unreact(targetId: targetId, emoji: emoji)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for PostsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PostsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ProfileEditorView: Hashable, Equatable {
    public var displayName: String
    public var function: String
    public var bio: String
    public var skills: [String]
    public var interests: [String]
    public var federationVisible: Bool
    public var error: String?

    public init(displayName: String, function: String, bio: String, skills: [String], interests: [String], federationVisible: Bool, error: String?) {
        self.displayName = displayName
        self.function = function
        self.bio = bio
        self.skills = skills
        self.interests = interests
        self.federationVisible = federationVisible
        self.error = error
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.displayName)
        try serializer.serialize_str(value: self.function)
        try serializer.serialize_str(value: self.bio)
        try serializeArray(value: self.skills, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializeArray(value: self.interests, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.serialize_bool(value: self.federationVisible)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ProfileEditorView {
        try deserializer.increase_container_depth()
        let displayName = try deserializer.deserialize_str()
        let function = try deserializer.deserialize_str()
        let bio = try deserializer.deserialize_str()
        let skills = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let interests = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let federationVisible = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return ProfileEditorView(displayName: displayName, function: function, bio: bio, skills: skills, interests: interests, federationVisible: federationVisible, error: error)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ProfileEditorView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ProfileView: Hashable, Equatable {
    public var id: String
    public var displayName: String
    public var function: String
    public var organisationName: String
    public var skills: [String]
    public var interests: [String]
    public var bio: String
    /// Visible to the whole federation (otherwise to one's own association).
    public var federationVisible: Bool

    public init(id: String, displayName: String, function: String, organisationName: String, skills: [String], interests: [String], bio: String, federationVisible: Bool) {
        self.id = id
        self.displayName = displayName
        self.function = function
        self.organisationName = organisationName
        self.skills = skills
        self.interests = interests
        self.bio = bio
        self.federationVisible = federationVisible
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.displayName)
        try serializer.serialize_str(value: self.function)
        try serializer.serialize_str(value: self.organisationName)
        try serializeArray(value: self.skills, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializeArray(value: self.interests, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.serialize_str(value: self.bio)
        try serializer.serialize_bool(value: self.federationVisible)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ProfileView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let displayName = try deserializer.deserialize_str()
        let function = try deserializer.deserialize_str()
        let organisationName = try deserializer.deserialize_str()
        let skills = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let interests = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let bio = try deserializer.deserialize_str()
        let federationVisible = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return ProfileView(id: id, displayName: displayName, function: function, organisationName: organisationName, skills: skills, interests: interests, bio: bio, federationVisible: federationVisible)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ProfileView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// What the shell does for pushes: subscribe this device with the platform's push
/// service (UnifiedPush on Android, a relay to APNs on iOS) and say where pushes go.
indirect public enum PushOperation: Hashable, Equatable {
    /// Subscribe with the server's VAPID public key (base64url, the `applicationServerKey`).
    case register(applicationServerKey: String)
    /// Stop receiving pushes on this device (signed out).
    case unregister

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .register(let applicationServerKey):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: applicationServerKey)
        case .unregister:
            try serializer.serialize_variant_index(value: 1)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PushOperation {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let applicationServerKey = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .register(applicationServerKey: applicationServerKey)
        case 1:
            try deserializer.decrease_container_depth()
            return .unregister
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for PushOperation: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PushOperation {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum PushRegistration: Hashable, Equatable {
    /// Where the push service takes pushes for this device, and its keys (base64url).
    case subscribed(endpoint: String, p256dh: String, auth: String, label: String)
    /// No push on this device (no distributor, permission refused): the in-app list still works.
    case unavailable(reason: String)
    case unregistered

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .subscribed(let endpoint, let p256dh, let auth, let label):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: endpoint)
            try serializer.serialize_str(value: p256dh)
            try serializer.serialize_str(value: auth)
            try serializer.serialize_str(value: label)
        case .unavailable(let reason):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: reason)
        case .unregistered:
            try serializer.serialize_variant_index(value: 2)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> PushRegistration {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let endpoint = try deserializer.deserialize_str()
            let p256dh = try deserializer.deserialize_str()
            let auth = try deserializer.deserialize_str()
            let label = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .subscribed(endpoint: endpoint, p256dh: p256dh, auth: auth, label: label)
        case 1:
            let reason = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .unavailable(reason: reason)
        case 2:
            try deserializer.decrease_container_depth()
            return .unregistered
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for PushRegistration: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> PushRegistration {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct QuestionSummary: Hashable, Equatable {
    public var id: String
    public var title: String
    public var details: String
    public var authorName: String
    public var groupNames: [String]
    public var tags: [String]
    public var answered: Bool
    public var answerCount: UInt32
    /// "1 réponse", "3 réponses".
    public var answersLabel: String
    /// Sent on to the organisers (or the federation) for want of an answer.
    public var escalated: Bool
    public var createdAt: String
    public var following: Bool
    public var pending: Bool
    public var pendingLabel: String?

    public init(id: String, title: String, details: String, authorName: String, groupNames: [String], tags: [String], answered: Bool, answerCount: UInt32, answersLabel: String, escalated: Bool, createdAt: String, following: Bool, pending: Bool, pendingLabel: String?) {
        self.id = id
        self.title = title
        self.details = details
        self.authorName = authorName
        self.groupNames = groupNames
        self.tags = tags
        self.answered = answered
        self.answerCount = answerCount
        self.answersLabel = answersLabel
        self.escalated = escalated
        self.createdAt = createdAt
        self.following = following
        self.pending = pending
        self.pendingLabel = pendingLabel
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.details)
        try serializer.serialize_str(value: self.authorName)
        try serializeArray(value: self.groupNames, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializeArray(value: self.tags, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.serialize_bool(value: self.answered)
        try serializer.serialize_u32(value: self.answerCount)
        try serializer.serialize_str(value: self.answersLabel)
        try serializer.serialize_bool(value: self.escalated)
        try serializer.serialize_str(value: self.createdAt)
        try serializer.serialize_bool(value: self.following)
        try serializer.serialize_bool(value: self.pending)
        try serializeOption(value: self.pendingLabel, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> QuestionSummary {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let details = try deserializer.deserialize_str()
        let authorName = try deserializer.deserialize_str()
        let groupNames = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let tags = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let answered = try deserializer.deserialize_bool()
        let answerCount = try deserializer.deserialize_u32()
        let answersLabel = try deserializer.deserialize_str()
        let escalated = try deserializer.deserialize_bool()
        let createdAt = try deserializer.deserialize_str()
        let following = try deserializer.deserialize_bool()
        let pending = try deserializer.deserialize_bool()
        let pendingLabel = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return QuestionSummary(id: id, title: title, details: details, authorName: authorName, groupNames: groupNames, tags: tags, answered: answered, answerCount: answerCount, answersLabel: answersLabel, escalated: escalated, createdAt: createdAt, following: following, pending: pending, pendingLabel: pendingLabel)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> QuestionSummary {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct QuestionView: Hashable, Equatable {
    public var id: String
    public var question: QuestionSummary?
    public var answers: [AnswerView]
    public var loading: Bool
    public var error: String?
    public var emptyText: String?
    public var canAnswer: Bool
    public var canAccept: Bool
    public var canDelete: Bool
    public var attachments: [AttachmentView]

    public init(id: String, question: QuestionSummary?, answers: [AnswerView], loading: Bool, error: String?, emptyText: String?, canAnswer: Bool, canAccept: Bool, canDelete: Bool, attachments: [AttachmentView]) {
        self.id = id
        self.question = question
        self.answers = answers
        self.loading = loading
        self.error = error
        self.emptyText = emptyText
        self.canAnswer = canAnswer
        self.canAccept = canAccept
        self.canDelete = canDelete
        self.attachments = attachments
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.id)
        try serializeOption(value: self.question, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializeArray(value: self.answers, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_bool(value: self.canAnswer)
        try serializer.serialize_bool(value: self.canAccept)
        try serializer.serialize_bool(value: self.canDelete)
        try serializeArray(value: self.attachments, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> QuestionView {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_str()
        let question = try deserializeOption(deserializer: deserializer) { deserializer in
            try QuestionSummary.deserialize(deserializer: deserializer)
        }
        let answers = try deserializeArray(deserializer: deserializer) { deserializer in
            try AnswerView.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let canAnswer = try deserializer.deserialize_bool()
        let canAccept = try deserializer.deserialize_bool()
        let canDelete = try deserializer.deserialize_bool()
        let attachments = try deserializeArray(deserializer: deserializer) { deserializer in
            try AttachmentView.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return QuestionView(id: id, question: question, answers: answers, loading: loading, error: error, emptyText: emptyText, canAnswer: canAnswer, canAccept: canAccept, canDelete: canDelete, attachments: attachments)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> QuestionView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum QuestionsEvent: Hashable, Equatable {
    /// Open the form to ask a question in this group.
    case startAsk(groupId: String)
    /// What the form holds, as the person types: answered questions like the title are suggested.
    case askChanged(groupIds: [String], title: String, details: String, tags: [String])
    case submitAsk
    case cancelAsk
    case accept(questionId: String, answerId: String)
    case follow(id: String)
    case unfollow(id: String)
    case deleteQuestion(id: String)
    case deleteAnswer(id: String)
    /// More of "questions for me".
    case moreForMe

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .startAsk(let groupId):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: groupId)
        case .askChanged(let groupIds, let title, let details, let tags):
            try serializer.serialize_variant_index(value: 1)
            try serializeArray(value: groupIds, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
            try serializer.serialize_str(value: title)
            try serializer.serialize_str(value: details)
            try serializeArray(value: tags, serializer: serializer) { item, serializer in
                try serializer.serialize_str(value: item)
            }
        case .submitAsk:
            try serializer.serialize_variant_index(value: 2)
        case .cancelAsk:
            try serializer.serialize_variant_index(value: 3)
        case .accept(let questionId, let answerId):
            try serializer.serialize_variant_index(value: 4)
            try serializer.serialize_str(value: questionId)
            try serializer.serialize_str(value: answerId)
        case .follow(let id):
            try serializer.serialize_variant_index(value: 5)
            try serializer.serialize_str(value: id)
        case .unfollow(let id):
            try serializer.serialize_variant_index(value: 6)
            try serializer.serialize_str(value: id)
        case .deleteQuestion(let id):
            try serializer.serialize_variant_index(value: 7)
            try serializer.serialize_str(value: id)
        case .deleteAnswer(let id):
            try serializer.serialize_variant_index(value: 8)
            try serializer.serialize_str(value: id)
        case .moreForMe:
            try serializer.serialize_variant_index(value: 9)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> QuestionsEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let groupId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .startAsk(groupId: groupId)
        case 1:
            let groupIds = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            let title = try deserializer.deserialize_str()
            let details = try deserializer.deserialize_str()
            let tags = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_str()
            }
            try deserializer.decrease_container_depth()
            return .askChanged(groupIds: groupIds, title: title, details: details, tags: tags)
        case 2:
            try deserializer.decrease_container_depth()
            return .submitAsk
        case 3:
            try deserializer.decrease_container_depth()
            return .cancelAsk
        case 4:
            let questionId = try deserializer.deserialize_str()
            let answerId = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .accept(questionId: questionId, answerId: answerId)
        case 5:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .follow(id: id)
        case 6:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .unfollow(id: id)
        case 7:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .deleteQuestion(id: id)
        case 8:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .deleteAnswer(id: id)
        case 9:
            try deserializer.decrease_container_depth()
            return .moreForMe
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for QuestionsEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> QuestionsEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct QuestionsForMeView: Hashable, Equatable {
    public var items: [QuestionSummary]
    public var loading: Bool
    public var hasMore: Bool
    public var error: String?
    public var emptyText: String?

    public init(items: [QuestionSummary], loading: Bool, hasMore: Bool, error: String?, emptyText: String?) {
        self.items = items
        self.loading = loading
        self.hasMore = hasMore
        self.error = error
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.items, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializer.serialize_bool(value: self.hasMore)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> QuestionsForMeView {
        try deserializer.increase_container_depth()
        let items = try deserializeArray(deserializer: deserializer) { deserializer in
            try QuestionSummary.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let hasMore = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return QuestionsForMeView(items: items, loading: loading, hasMore: hasMore, error: error, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> QuestionsForMeView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ReachView: Hashable, Equatable {
    /// "4 personnes sur 5 atteintes (80 %)".
    public var summary: String
    /// 0 to 100, for a progress bar.
    public var percent: UInt32
    /// "Lu dans l'application : 2", "Reçu par e-mail : 2", "Pas encore atteint : 1".
    public var lines: [String]
    /// When and to whom it is mailed.
    public var mailText: String
    /// "Pas encore atteints :" and their names (the first page).
    public var notReachedTitle: String?
    public var notReached: [String]
    /// More names than shown: the console lists them all.
    public var moreText: String?

    public init(summary: String, percent: UInt32, lines: [String], mailText: String, notReachedTitle: String?, notReached: [String], moreText: String?) {
        self.summary = summary
        self.percent = percent
        self.lines = lines
        self.mailText = mailText
        self.notReachedTitle = notReachedTitle
        self.notReached = notReached
        self.moreText = moreText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.summary)
        try serializer.serialize_u32(value: self.percent)
        try serializeArray(value: self.lines, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializer.serialize_str(value: self.mailText)
        try serializeOption(value: self.notReachedTitle, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeArray(value: self.notReached, serializer: serializer) { item, serializer in
            try serializer.serialize_str(value: item)
        }
        try serializeOption(value: self.moreText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ReachView {
        try deserializer.increase_container_depth()
        let summary = try deserializer.deserialize_str()
        let percent = try deserializer.deserialize_u32()
        let lines = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let mailText = try deserializer.deserialize_str()
        let notReachedTitle = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let notReached = try deserializeArray(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let moreText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return ReachView(summary: summary, percent: percent, lines: lines, mailText: mailText, notReachedTitle: notReachedTitle, notReached: notReached, moreText: moreText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ReachView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ReactionCount: Hashable, Equatable {
    public var emoji: String
    public var count: UInt32
    public var mine: Bool

    public init(emoji: String, count: UInt32, mine: Bool) {
        self.emoji = emoji
        self.count = count
        self.mine = mine
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.emoji)
        try serializer.serialize_u32(value: self.count)
        try serializer.serialize_bool(value: self.mine)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ReactionCount {
        try deserializer.increase_container_depth()
        let emoji = try deserializer.deserialize_str()
        let count = try deserializer.deserialize_u32()
        let mine = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return ReactionCount(emoji: emoji, count: count, mine: mine)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ReactionCount {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum RealtimeOperation: Hashable, Equatable {
    /// Open (or re-open) the stream at `url` with this bearer token; reconnect by yourself
    /// after a drop, and send `Event::Poked` after reconnecting (changes may have been missed).
    case connect(url: String, token: String)
    /// Close the stream (signed out, or the app went to the background).
    case disconnect

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .connect(let url, let token):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: url)
            try serializer.serialize_str(value: token)
        case .disconnect:
            try serializer.serialize_variant_index(value: 1)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> RealtimeOperation {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let url = try deserializer.deserialize_str()
            let token = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .connect(url: url, token: token)
        case 1:
            try deserializer.decrease_container_depth()
            return .disconnect
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for RealtimeOperation: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> RealtimeOperation {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// The single operation `Render` implements.
public struct RenderOperation: Hashable, Equatable {
    public init() {
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> RenderOperation {
        try deserializer.increase_container_depth()
        try deserializer.decrease_container_depth()
        return RenderOperation()
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> RenderOperation {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ReportReasonView: Hashable, Equatable {
    public var reason: ReportWhy
    public var label: String

    public init(reason: ReportWhy, label: String) {
        self.reason = reason
        self.label = label
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.reason.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.label)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ReportReasonView {
        try deserializer.increase_container_depth()
        let reason = try ReportWhy.deserialize(deserializer: deserializer)
        let label = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return ReportReasonView(reason: reason, label: label)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ReportReasonView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ReportView: Hashable, Equatable {
    public var what: ReportWhat
    public var id: String
    public var title: String
    public var hint: String
    public var reasons: [ReportReasonView]
    public var detailsLabel: String

    public init(what: ReportWhat, id: String, title: String, hint: String, reasons: [ReportReasonView], detailsLabel: String) {
        self.what = what
        self.id = id
        self.title = title
        self.hint = hint
        self.reasons = reasons
        self.detailsLabel = detailsLabel
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.what.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.title)
        try serializer.serialize_str(value: self.hint)
        try serializeArray(value: self.reasons, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_str(value: self.detailsLabel)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ReportView {
        try deserializer.increase_container_depth()
        let what = try ReportWhat.deserialize(deserializer: deserializer)
        let id = try deserializer.deserialize_str()
        let title = try deserializer.deserialize_str()
        let hint = try deserializer.deserialize_str()
        let reasons = try deserializeArray(deserializer: deserializer) { deserializer in
            try ReportReasonView.deserialize(deserializer: deserializer)
        }
        let detailsLabel = try deserializer.deserialize_str()
        try deserializer.decrease_container_depth()
        return ReportView(what: what, id: id, title: title, hint: hint, reasons: reasons, detailsLabel: detailsLabel)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ReportView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// What can be reported, as the shells send it.
indirect public enum ReportWhat: Hashable, Equatable {
    case post
    case comment
    case question
    case answer
    case person

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .post:
            try serializer.serialize_variant_index(value: 0)
        case .comment:
            try serializer.serialize_variant_index(value: 1)
        case .question:
            try serializer.serialize_variant_index(value: 2)
        case .answer:
            try serializer.serialize_variant_index(value: 3)
        case .person:
            try serializer.serialize_variant_index(value: 4)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ReportWhat {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .post
        case 1:
            try deserializer.decrease_container_depth()
            return .comment
        case 2:
            try deserializer.decrease_container_depth()
            return .question
        case 3:
            try deserializer.decrease_container_depth()
            return .answer
        case 4:
            try deserializer.decrease_container_depth()
            return .person
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for ReportWhat: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ReportWhat {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Why, as the shells send it (the labels come from the area's `report_view`).
indirect public enum ReportWhy: Hashable, Equatable {
    case spam
    case harassment
    case hateful
    case falseInformation
    case privateInformation
    case other

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .spam:
            try serializer.serialize_variant_index(value: 0)
        case .harassment:
            try serializer.serialize_variant_index(value: 1)
        case .hateful:
            try serializer.serialize_variant_index(value: 2)
        case .falseInformation:
            try serializer.serialize_variant_index(value: 3)
        case .privateInformation:
            try serializer.serialize_variant_index(value: 4)
        case .other:
            try serializer.serialize_variant_index(value: 5)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ReportWhy {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .spam
        case 1:
            try deserializer.decrease_container_depth()
            return .harassment
        case 2:
            try deserializer.decrease_container_depth()
            return .hateful
        case 3:
            try deserializer.decrease_container_depth()
            return .falseInformation
        case 4:
            try deserializer.decrease_container_depth()
            return .privateInformation
        case 5:
            try deserializer.decrease_container_depth()
            return .other
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for ReportWhy: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ReportWhy {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Request for a side-effect passed from the Core to the Shell.
/// 
/// The `EffectId` links the `Request` with the corresponding call to [`Core::resolve`] to pass the data back
/// to the [`App::update`] function (wrapped in the event provided to the capability originating the effect).
public struct Request: Hashable, Equatable {
    public var id: UInt32
    public var effect: Effect

    public init(id: UInt32, effect: Effect) {
        self.id = id
        self.effect = effect
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_u32(value: self.id)
        try self.effect.serialize(serializer: serializer)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Request {
        try deserializer.increase_container_depth()
        let id = try deserializer.deserialize_u32()
        let effect = try Effect.deserialize(deserializer: deserializer)
        try deserializer.decrease_container_depth()
        return Request(id: id, effect: effect)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Request {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
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
public struct Requests: Hashable, Equatable {
    public var value: [Request]

    public init(value: [Request]) {
        self.value = value
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializeArray(value: self.value, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Requests {
        try deserializer.increase_container_depth()
        let value = try deserializeArray(deserializer: deserializer) { deserializer in
            try Request.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return Requests(value: value)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Requests {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum ResultKind: Hashable, Equatable {
    case post
    case question
    case answer
    case group
    case person

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .post:
            try serializer.serialize_variant_index(value: 0)
        case .question:
            try serializer.serialize_variant_index(value: 1)
        case .answer:
            try serializer.serialize_variant_index(value: 2)
        case .group:
            try serializer.serialize_variant_index(value: 3)
        case .person:
            try serializer.serialize_variant_index(value: 4)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ResultKind {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .post
        case 1:
            try deserializer.decrease_container_depth()
            return .question
        case 2:
            try deserializer.decrease_container_depth()
            return .answer
        case 3:
            try deserializer.decrease_container_depth()
            return .group
        case 4:
            try deserializer.decrease_container_depth()
            return .person
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for ResultKind: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ResultKind {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// Where a person can go. Feed, groups, browse and profile are the tabs; the others open on top.
indirect public enum Route: Hashable, Equatable {
    case feed
    case myGroups
    case browseGroups
    case myProfile
    case group(id: String)
    case post(id: String)
    case person(id: String)
    /// Open questions matching my skills, or escalated to me.
    case questionsForMe
    case question(id: String)
    case search
    case directory
    /// My notifications.
    case notifications
    /// How I want to be told: kinds, quiet hours, each group's level.
    case notificationSettings
    /// The coming events of my groups.
    case events
    case event(id: String)
    /// Every coming event I answered.
    case calendar
    /// The federation's charter, to read and accept.
    case charter
    /// Report something to the moderators.
    case report(what: ReportWhat, id: String)
    /// My conversations.
    case conversations
    case conversation(id: String)
    /// A must-read message, whole (with its reach for its sender).
    case mustRead(id: String)
    /// Choose people from the directory: to invite into a group, to start or widen a
    /// conversation.
    case pickPeople(purpose: PickPurpose)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .feed:
            try serializer.serialize_variant_index(value: 0)
        case .myGroups:
            try serializer.serialize_variant_index(value: 1)
        case .browseGroups:
            try serializer.serialize_variant_index(value: 2)
        case .myProfile:
            try serializer.serialize_variant_index(value: 3)
        case .group(let id):
            try serializer.serialize_variant_index(value: 4)
            try serializer.serialize_str(value: id)
        case .post(let id):
            try serializer.serialize_variant_index(value: 5)
            try serializer.serialize_str(value: id)
        case .person(let id):
            try serializer.serialize_variant_index(value: 6)
            try serializer.serialize_str(value: id)
        case .questionsForMe:
            try serializer.serialize_variant_index(value: 7)
        case .question(let id):
            try serializer.serialize_variant_index(value: 8)
            try serializer.serialize_str(value: id)
        case .search:
            try serializer.serialize_variant_index(value: 9)
        case .directory:
            try serializer.serialize_variant_index(value: 10)
        case .notifications:
            try serializer.serialize_variant_index(value: 11)
        case .notificationSettings:
            try serializer.serialize_variant_index(value: 12)
        case .events:
            try serializer.serialize_variant_index(value: 13)
        case .event(let id):
            try serializer.serialize_variant_index(value: 14)
            try serializer.serialize_str(value: id)
        case .calendar:
            try serializer.serialize_variant_index(value: 15)
        case .charter:
            try serializer.serialize_variant_index(value: 16)
        case .report(let what, let id):
            try serializer.serialize_variant_index(value: 17)
            try what.serialize(serializer: serializer)
            try serializer.serialize_str(value: id)
        case .conversations:
            try serializer.serialize_variant_index(value: 18)
        case .conversation(let id):
            try serializer.serialize_variant_index(value: 19)
            try serializer.serialize_str(value: id)
        case .mustRead(let id):
            try serializer.serialize_variant_index(value: 20)
            try serializer.serialize_str(value: id)
        case .pickPeople(let purpose):
            try serializer.serialize_variant_index(value: 21)
            try purpose.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Route {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .feed
        case 1:
            try deserializer.decrease_container_depth()
            return .myGroups
        case 2:
            try deserializer.decrease_container_depth()
            return .browseGroups
        case 3:
            try deserializer.decrease_container_depth()
            return .myProfile
        case 4:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .group(id: id)
        case 5:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .post(id: id)
        case 6:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .person(id: id)
        case 7:
            try deserializer.decrease_container_depth()
            return .questionsForMe
        case 8:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .question(id: id)
        case 9:
            try deserializer.decrease_container_depth()
            return .search
        case 10:
            try deserializer.decrease_container_depth()
            return .directory
        case 11:
            try deserializer.decrease_container_depth()
            return .notifications
        case 12:
            try deserializer.decrease_container_depth()
            return .notificationSettings
        case 13:
            try deserializer.decrease_container_depth()
            return .events
        case 14:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .event(id: id)
        case 15:
            try deserializer.decrease_container_depth()
            return .calendar
        case 16:
            try deserializer.decrease_container_depth()
            return .charter
        case 17:
            let what = try ReportWhat.deserialize(deserializer: deserializer)
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .report(what: what, id: id)
        case 18:
            try deserializer.decrease_container_depth()
            return .conversations
        case 19:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .conversation(id: id)
        case 20:
            let id = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .mustRead(id: id)
        case 21:
            let purpose = try PickPurpose.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .pickPeople(purpose: purpose)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Route: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Route {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// What a person answers, as the shells send it.
indirect public enum Rsvp: Hashable, Equatable {
    case going
    case maybe
    case declined

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .going:
            try serializer.serialize_variant_index(value: 0)
        case .maybe:
            try serializer.serialize_variant_index(value: 1)
        case .declined:
            try serializer.serialize_variant_index(value: 2)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Rsvp {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .going
        case 1:
            try deserializer.decrease_container_depth()
            return .maybe
        case 2:
            try deserializer.decrease_container_depth()
            return .declined
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Rsvp: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Rsvp {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct RsvpButton: Hashable, Equatable {
    public var choice: Rsvp
    public var label: String
    public var selected: Bool

    public init(choice: Rsvp, label: String, selected: Bool) {
        self.choice = choice
        self.label = label
        self.selected = selected
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.choice.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.label)
        try serializer.serialize_bool(value: self.selected)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> RsvpButton {
        try deserializer.increase_container_depth()
        let choice = try Rsvp.deserialize(deserializer: deserializer)
        let label = try deserializer.deserialize_str()
        let selected = try deserializer.deserialize_bool()
        try deserializer.decrease_container_depth()
        return RsvpButton(choice: choice, label: label, selected: selected)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> RsvpButton {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum Screen: Hashable, Equatable {
    /// Reading what the device holds.
    case loading
    /// Which federation: its address, typed once (or given by an invitation link).
    case federation(FederationView)
    case signIn(SignInView)
    case feed(FeedView)
    case myGroups(MyGroupsView)
    case browseGroups(BrowseView)
    case group(GroupView)
    case post(PostView)
    case myProfile(MyProfileView)
    case person(PersonView)
    case questionsForMe(QuestionsForMeView)
    case question(QuestionView)
    case search(SearchView)
    case directory(DirectoryView)
    case notifications(NotificationsView)
    case notificationSettings(NotificationSettingsView)
    case events(EventsView)
    case event(EventView)
    case calendar(CalendarView)
    case charter(CharterView)
    case report(ReportView)
    case conversations(ConversationsView)
    case conversation(ConversationView)
    case mustRead(MustReadView)
    /// Choosing people: to invite into a group, to start or widen a conversation.
    case pickPeople(PickPeopleView)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .loading:
            try serializer.serialize_variant_index(value: 0)
        case .federation(let x):
            try serializer.serialize_variant_index(value: 1)
            try x.serialize(serializer: serializer)
        case .signIn(let x):
            try serializer.serialize_variant_index(value: 2)
            try x.serialize(serializer: serializer)
        case .feed(let x):
            try serializer.serialize_variant_index(value: 3)
            try x.serialize(serializer: serializer)
        case .myGroups(let x):
            try serializer.serialize_variant_index(value: 4)
            try x.serialize(serializer: serializer)
        case .browseGroups(let x):
            try serializer.serialize_variant_index(value: 5)
            try x.serialize(serializer: serializer)
        case .group(let x):
            try serializer.serialize_variant_index(value: 6)
            try x.serialize(serializer: serializer)
        case .post(let x):
            try serializer.serialize_variant_index(value: 7)
            try x.serialize(serializer: serializer)
        case .myProfile(let x):
            try serializer.serialize_variant_index(value: 8)
            try x.serialize(serializer: serializer)
        case .person(let x):
            try serializer.serialize_variant_index(value: 9)
            try x.serialize(serializer: serializer)
        case .questionsForMe(let x):
            try serializer.serialize_variant_index(value: 10)
            try x.serialize(serializer: serializer)
        case .question(let x):
            try serializer.serialize_variant_index(value: 11)
            try x.serialize(serializer: serializer)
        case .search(let x):
            try serializer.serialize_variant_index(value: 12)
            try x.serialize(serializer: serializer)
        case .directory(let x):
            try serializer.serialize_variant_index(value: 13)
            try x.serialize(serializer: serializer)
        case .notifications(let x):
            try serializer.serialize_variant_index(value: 14)
            try x.serialize(serializer: serializer)
        case .notificationSettings(let x):
            try serializer.serialize_variant_index(value: 15)
            try x.serialize(serializer: serializer)
        case .events(let x):
            try serializer.serialize_variant_index(value: 16)
            try x.serialize(serializer: serializer)
        case .event(let x):
            try serializer.serialize_variant_index(value: 17)
            try x.serialize(serializer: serializer)
        case .calendar(let x):
            try serializer.serialize_variant_index(value: 18)
            try x.serialize(serializer: serializer)
        case .charter(let x):
            try serializer.serialize_variant_index(value: 19)
            try x.serialize(serializer: serializer)
        case .report(let x):
            try serializer.serialize_variant_index(value: 20)
            try x.serialize(serializer: serializer)
        case .conversations(let x):
            try serializer.serialize_variant_index(value: 21)
            try x.serialize(serializer: serializer)
        case .conversation(let x):
            try serializer.serialize_variant_index(value: 22)
            try x.serialize(serializer: serializer)
        case .mustRead(let x):
            try serializer.serialize_variant_index(value: 23)
            try x.serialize(serializer: serializer)
        case .pickPeople(let x):
            try serializer.serialize_variant_index(value: 24)
            try x.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Screen {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .loading
        case 1:
            let x = try FederationView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .federation(x)
        case 2:
            let x = try SignInView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .signIn(x)
        case 3:
            let x = try FeedView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .feed(x)
        case 4:
            let x = try MyGroupsView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .myGroups(x)
        case 5:
            let x = try BrowseView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .browseGroups(x)
        case 6:
            let x = try GroupView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .group(x)
        case 7:
            let x = try PostView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .post(x)
        case 8:
            let x = try MyProfileView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .myProfile(x)
        case 9:
            let x = try PersonView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .person(x)
        case 10:
            let x = try QuestionsForMeView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .questionsForMe(x)
        case 11:
            let x = try QuestionView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .question(x)
        case 12:
            let x = try SearchView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .search(x)
        case 13:
            let x = try DirectoryView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .directory(x)
        case 14:
            let x = try NotificationsView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .notifications(x)
        case 15:
            let x = try NotificationSettingsView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .notificationSettings(x)
        case 16:
            let x = try EventsView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .events(x)
        case 17:
            let x = try EventView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .event(x)
        case 18:
            let x = try CalendarView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .calendar(x)
        case 19:
            let x = try CharterView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .charter(x)
        case 20:
            let x = try ReportView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .report(x)
        case 21:
            let x = try ConversationsView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .conversations(x)
        case 22:
            let x = try ConversationView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .conversation(x)
        case 23:
            let x = try MustReadView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .mustRead(x)
        case 24:
            let x = try PickPeopleView.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .pickPeople(x)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Screen: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Screen {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum SearchEvent: Hashable, Equatable {
    /// Search for `query` (everything, or one kind of result).
    case query(query: String, kind: ResultKind?)
    case more

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .query(let query, let kind):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: query)
            try serializeOption(value: kind, serializer: serializer) { value, serializer in
                try value.serialize(serializer: serializer)
            }
        case .more:
            try serializer.serialize_variant_index(value: 1)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> SearchEvent {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let query = try deserializer.deserialize_str()
            let kind = try deserializeOption(deserializer: deserializer) { deserializer in
                try ResultKind.deserialize(deserializer: deserializer)
            }
            try deserializer.decrease_container_depth()
            return .query(query: query, kind: kind)
        case 1:
            try deserializer.decrease_container_depth()
            return .more
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for SearchEvent: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> SearchEvent {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct SearchResultView: Hashable, Equatable {
    public var kind: ResultKind
    public var id: String
    /// The id of what a tap opens: an answer's question; the item itself otherwise.
    public var opensId: String
    public var title: HighlightedView
    public var snippet: HighlightedView
    public var groupName: String?
    public var createdAt: String?

    public init(kind: ResultKind, id: String, opensId: String, title: HighlightedView, snippet: HighlightedView, groupName: String?, createdAt: String?) {
        self.kind = kind
        self.id = id
        self.opensId = opensId
        self.title = title
        self.snippet = snippet
        self.groupName = groupName
        self.createdAt = createdAt
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.kind.serialize(serializer: serializer)
        try serializer.serialize_str(value: self.id)
        try serializer.serialize_str(value: self.opensId)
        try self.title.serialize(serializer: serializer)
        try self.snippet.serialize(serializer: serializer)
        try serializeOption(value: self.groupName, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.createdAt, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> SearchResultView {
        try deserializer.increase_container_depth()
        let kind = try ResultKind.deserialize(deserializer: deserializer)
        let id = try deserializer.deserialize_str()
        let opensId = try deserializer.deserialize_str()
        let title = try HighlightedView.deserialize(deserializer: deserializer)
        let snippet = try HighlightedView.deserialize(deserializer: deserializer)
        let groupName = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let createdAt = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return SearchResultView(kind: kind, id: id, opensId: opensId, title: title, snippet: snippet, groupName: groupName, createdAt: createdAt)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> SearchResultView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct SearchView: Hashable, Equatable {
    public var query: String
    public var kind: ResultKind?
    public var results: [SearchResultView]
    public var loading: Bool
    public var hasMore: Bool
    public var error: String?
    public var emptyText: String?

    public init(query: String, kind: ResultKind?, results: [SearchResultView], loading: Bool, hasMore: Bool, error: String?, emptyText: String?) {
        self.query = query
        self.kind = kind
        self.results = results
        self.loading = loading
        self.hasMore = hasMore
        self.error = error
        self.emptyText = emptyText
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_str(value: self.query)
        try serializeOption(value: self.kind, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializeArray(value: self.results, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.loading)
        try serializer.serialize_bool(value: self.hasMore)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.emptyText, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> SearchView {
        try deserializer.increase_container_depth()
        let query = try deserializer.deserialize_str()
        let kind = try deserializeOption(deserializer: deserializer) { deserializer in
            try ResultKind.deserialize(deserializer: deserializer)
        }
        let results = try deserializeArray(deserializer: deserializer) { deserializer in
            try SearchResultView.deserialize(deserializer: deserializer)
        }
        let loading = try deserializer.deserialize_bool()
        let hasMore = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let emptyText = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return SearchView(query: query, kind: kind, results: results, loading: loading, hasMore: hasMore, error: error, emptyText: emptyText)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> SearchView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct SignInView: Hashable, Equatable {
    public var busy: Bool
    public var error: String?
    public var notice: String?
    /// The federation's name, and its address (`fabrique.ma-federation.fr`) below it, with
    /// a way to change it (`AccountsEvent::ChangeFederation`).
    public var federation: String
    public var address: String
    /// From the invitation link the app was opened with: the shell opens the form that
    /// creates one's account with this code filled in.
    public var invitationCode: String?

    public init(busy: Bool, error: String?, notice: String?, federation: String, address: String, invitationCode: String?) {
        self.busy = busy
        self.error = error
        self.notice = notice
        self.federation = federation
        self.address = address
        self.invitationCode = invitationCode
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_bool(value: self.busy)
        try serializeOption(value: self.error, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.notice, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_str(value: self.federation)
        try serializer.serialize_str(value: self.address)
        try serializeOption(value: self.invitationCode, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> SignInView {
        try deserializer.increase_container_depth()
        let busy = try deserializer.deserialize_bool()
        let error = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let notice = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let federation = try deserializer.deserialize_str()
        let address = try deserializer.deserialize_str()
        let invitationCode = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        try deserializer.decrease_container_depth()
        return SignInView(busy: busy, error: error, notice: notice, federation: federation, address: address, invitationCode: invitationCode)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> SignInView {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct Status: Hashable, Equatable {
    public var online: Bool
    public var syncing: Bool
    /// Why the last sync stopped (offline, server trouble), if it did.
    public var problem: String?
    /// Writes kept on the phone that the server has not confirmed yet.
    public var notSentCount: UInt32
    public var notSentLabel: String
    /// Writes the server refused, with the reason, until dismissed.
    public var failed: [FailedWriteView]

    public init(online: Bool, syncing: Bool, problem: String?, notSentCount: UInt32, notSentLabel: String, failed: [FailedWriteView]) {
        self.online = online
        self.syncing = syncing
        self.problem = problem
        self.notSentCount = notSentCount
        self.notSentLabel = notSentLabel
        self.failed = failed
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_bool(value: self.online)
        try serializer.serialize_bool(value: self.syncing)
        try serializeOption(value: self.problem, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_u32(value: self.notSentCount)
        try serializer.serialize_str(value: self.notSentLabel)
        try serializeArray(value: self.failed, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Status {
        try deserializer.increase_container_depth()
        let online = try deserializer.deserialize_bool()
        let syncing = try deserializer.deserialize_bool()
        let problem = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let notSentCount = try deserializer.deserialize_u32()
        let notSentLabel = try deserializer.deserialize_str()
        let failed = try deserializeArray(deserializer: deserializer) { deserializer in
            try FailedWriteView.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return Status(online: online, syncing: syncing, problem: problem, notSentCount: notSentCount, notSentLabel: notSentLabel, failed: failed)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Status {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum TimeRequest: Hashable, Equatable {
    case now
    case notifyAt(id: TimerId, instant: Instant)
    case notifyAfter(id: TimerId, duration: Duration)
    case clear(id: TimerId)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .now:
            try serializer.serialize_variant_index(value: 0)
        case .notifyAt(let id, let instant):
            try serializer.serialize_variant_index(value: 1)
            try id.serialize(serializer: serializer)
            try instant.serialize(serializer: serializer)
        case .notifyAfter(let id, let duration):
            try serializer.serialize_variant_index(value: 2)
            try id.serialize(serializer: serializer)
            try duration.serialize(serializer: serializer)
        case .clear(let id):
            try serializer.serialize_variant_index(value: 3)
            try id.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> TimeRequest {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .now
        case 1:
            let id = try TimerId.deserialize(deserializer: deserializer)
            let instant = try Instant.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .notifyAt(id: id, instant: instant)
        case 2:
            let id = try TimerId.deserialize(deserializer: deserializer)
            let duration = try Duration.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .notifyAfter(id: id, duration: duration)
        case 3:
            let id = try TimerId.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .clear(id: id)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for TimeRequest: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> TimeRequest {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum TimeResponse: Hashable, Equatable {
    case now(instant: Instant)
    case instantArrived(id: TimerId)
    case durationElapsed(id: TimerId)
    case cleared(id: TimerId)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .now(let instant):
            try serializer.serialize_variant_index(value: 0)
            try instant.serialize(serializer: serializer)
        case .instantArrived(let id):
            try serializer.serialize_variant_index(value: 1)
            try id.serialize(serializer: serializer)
        case .durationElapsed(let id):
            try serializer.serialize_variant_index(value: 2)
            try id.serialize(serializer: serializer)
        case .cleared(let id):
            try serializer.serialize_variant_index(value: 3)
            try id.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> TimeResponse {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let instant = try Instant.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .now(instant: instant)
        case 1:
            let id = try TimerId.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .instantArrived(id: id)
        case 2:
            let id = try TimerId.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .durationElapsed(id: id)
        case 3:
            let id = try TimerId.deserialize(deserializer: deserializer)
            try deserializer.decrease_container_depth()
            return .cleared(id: id)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for TimeResponse: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> TimeResponse {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct TimerId: Hashable, Equatable {
    public var value: UInt64

    public init(value: UInt64) {
        self.value = value
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try serializer.serialize_u64(value: self.value)
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> TimerId {
        try deserializer.increase_container_depth()
        let value = try deserializer.deserialize_u64()
        try deserializer.decrease_container_depth()
        return TimerId(value: value)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> TimerId {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// What the shell is asked to do with a file the person chose.
indirect public enum UploadOperation: Hashable, Equatable {
    /// `PUT` the file the shell keeps at `file` (what it gave in [`AttachmentsEvent::Add`]) to
    /// `url`, with `Authorization: Bearer <token>`, its length known in advance. Answer
    /// `Sent` as bytes go (every few percent is enough), then exactly one of the others.
    case send(url: String, token: String, file: String)
    /// The core no longer needs this file (sent, or removed): the shell deletes its copy.
    case discard(file: String)

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .send(let url, let token, let file):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_str(value: url)
            try serializer.serialize_str(value: token)
            try serializer.serialize_str(value: file)
        case .discard(let file):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_str(value: file)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> UploadOperation {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let url = try deserializer.deserialize_str()
            let token = try deserializer.deserialize_str()
            let file = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .send(url: url, token: token, file: file)
        case 1:
            let file = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .discard(file: file)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for UploadOperation: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> UploadOperation {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

indirect public enum UploadProgress: Hashable, Equatable {
    case sent(bytes: UInt64, total: UInt64)
    /// The server answered: its status and body (JSON text).
    case answered(status: UInt16, body: String)
    /// No answer (no network, connection cut): tried again later.
    case unreachable
    /// The shell no longer has the file.
    case fileMissing

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .sent(let bytes, let total):
            try serializer.serialize_variant_index(value: 0)
            try serializer.serialize_u64(value: bytes)
            try serializer.serialize_u64(value: total)
        case .answered(let status, let body):
            try serializer.serialize_variant_index(value: 1)
            try serializer.serialize_u16(value: status)
            try serializer.serialize_str(value: body)
        case .unreachable:
            try serializer.serialize_variant_index(value: 2)
        case .fileMissing:
            try serializer.serialize_variant_index(value: 3)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> UploadProgress {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            let bytes = try deserializer.deserialize_u64()
            let total = try deserializer.deserialize_u64()
            try deserializer.decrease_container_depth()
            return .sent(bytes: bytes, total: total)
        case 1:
            let status = try deserializer.deserialize_u16()
            let body = try deserializer.deserialize_str()
            try deserializer.decrease_container_depth()
            return .answered(status: status, body: body)
        case 2:
            try deserializer.decrease_container_depth()
            return .unreachable
        case 3:
            try deserializer.decrease_container_depth()
            return .fileMissing
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for UploadProgress: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> UploadProgress {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

/// The value stored under a key.
/// 
/// `Value::None` is used to represent the absence of a value.
/// 
/// Note: we can't use `Option` here because generics are not currently
/// supported across the FFI boundary, when using the builtin typegen.
indirect public enum Value: Hashable, Equatable {
    case none
    case bytes([UInt8])

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        switch self {
        case .none:
            try serializer.serialize_variant_index(value: 0)
        case .bytes(let x):
            try serializer.serialize_variant_index(value: 1)
            try serializeArray(value: x, serializer: serializer) { item, serializer in
                try serializer.serialize_u8(value: item)
            }
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> Value {
        let index = try deserializer.deserialize_variant_index()
        try deserializer.increase_container_depth()
        switch index {
        case 0:
            try deserializer.decrease_container_depth()
            return .none
        case 1:
            let x = try deserializeArray(deserializer: deserializer) { deserializer in
                try deserializer.deserialize_u8()
            }
            try deserializer.decrease_container_depth()
            return .bytes(x)
        default: throw DeserializationError.invalidInput(issue: "Unknown variant index for Value: \(index)")
        }
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> Value {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}

public struct ViewModel: Hashable, Equatable {
    public var language: Language
    public var screen: Screen
    public var status: Status
    public var notice: String?
    public var composer: ComposerView?
    /// The form to ask a question, over the current screen.
    public var ask: AskView?
    public var canGoBack: Bool
    /// Unread notifications: the badge.
    public var unreadNotifications: UInt32
    /// An organiser's event form, over the current screen.
    public var eventForm: EventFormView?
    /// An organiser's message and how many it will reach, over the current screen.
    public var message: MessageView?
    /// "Before posting, read and accept the charter": a banner that opens `Route::Charter`.
    public var charterPrompt: String?
    /// Messages I have not read, in all my conversations: the badge of `Route::Conversations`.
    public var unreadMessages: UInt32
    /// The form open now takes files (a new post, question or event, a conversation): the
    /// shell offers to add a photo or a document (`AttachmentsEvent::Add`).
    public var canAttach: Bool
    /// The files of the form open now, with how far each has gone.
    public var formFiles: [FileView]
    /// The `Authorization` header value to load attachment URLs (`AttachmentView`) with.
    public var mediaAuthorization: String?
    /// A file fetched for a tap, to open now in the system's viewer; then
    /// `AttachmentsEvent::Opened`.
    public var openFile: OpenFileView?

    public init(language: Language, screen: Screen, status: Status, notice: String?, composer: ComposerView?, ask: AskView?, canGoBack: Bool, unreadNotifications: UInt32, eventForm: EventFormView?, message: MessageView?, charterPrompt: String?, unreadMessages: UInt32, canAttach: Bool, formFiles: [FileView], mediaAuthorization: String?, openFile: OpenFileView?) {
        self.language = language
        self.screen = screen
        self.status = status
        self.notice = notice
        self.composer = composer
        self.ask = ask
        self.canGoBack = canGoBack
        self.unreadNotifications = unreadNotifications
        self.eventForm = eventForm
        self.message = message
        self.charterPrompt = charterPrompt
        self.unreadMessages = unreadMessages
        self.canAttach = canAttach
        self.formFiles = formFiles
        self.mediaAuthorization = mediaAuthorization
        self.openFile = openFile
    }

    public func serialize<S: Serializer>(serializer: S) throws {
        try serializer.increase_container_depth()
        try self.language.serialize(serializer: serializer)
        try self.screen.serialize(serializer: serializer)
        try self.status.serialize(serializer: serializer)
        try serializeOption(value: self.notice, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.composer, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializeOption(value: self.ask, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializer.serialize_bool(value: self.canGoBack)
        try serializer.serialize_u32(value: self.unreadNotifications)
        try serializeOption(value: self.eventForm, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializeOption(value: self.message, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializeOption(value: self.charterPrompt, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializer.serialize_u32(value: self.unreadMessages)
        try serializer.serialize_bool(value: self.canAttach)
        try serializeArray(value: self.formFiles, serializer: serializer) { item, serializer in
            try item.serialize(serializer: serializer)
        }
        try serializeOption(value: self.mediaAuthorization, serializer: serializer) { value, serializer in
            try serializer.serialize_str(value: value)
        }
        try serializeOption(value: self.openFile, serializer: serializer) { value, serializer in
            try value.serialize(serializer: serializer)
        }
        try serializer.decrease_container_depth()
    }

    public func bincodeSerialize() throws -> [UInt8] {
        let serializer = BincodeSerializer.init();
        try self.serialize(serializer: serializer)
        return serializer.get_bytes()
    }

    public static func deserialize<D: Deserializer>(deserializer: D) throws -> ViewModel {
        try deserializer.increase_container_depth()
        let language = try Language.deserialize(deserializer: deserializer)
        let screen = try Screen.deserialize(deserializer: deserializer)
        let status = try Status.deserialize(deserializer: deserializer)
        let notice = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let composer = try deserializeOption(deserializer: deserializer) { deserializer in
            try ComposerView.deserialize(deserializer: deserializer)
        }
        let ask = try deserializeOption(deserializer: deserializer) { deserializer in
            try AskView.deserialize(deserializer: deserializer)
        }
        let canGoBack = try deserializer.deserialize_bool()
        let unreadNotifications = try deserializer.deserialize_u32()
        let eventForm = try deserializeOption(deserializer: deserializer) { deserializer in
            try EventFormView.deserialize(deserializer: deserializer)
        }
        let message = try deserializeOption(deserializer: deserializer) { deserializer in
            try MessageView.deserialize(deserializer: deserializer)
        }
        let charterPrompt = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let unreadMessages = try deserializer.deserialize_u32()
        let canAttach = try deserializer.deserialize_bool()
        let formFiles = try deserializeArray(deserializer: deserializer) { deserializer in
            try FileView.deserialize(deserializer: deserializer)
        }
        let mediaAuthorization = try deserializeOption(deserializer: deserializer) { deserializer in
            try deserializer.deserialize_str()
        }
        let openFile = try deserializeOption(deserializer: deserializer) { deserializer in
            try OpenFileView.deserialize(deserializer: deserializer)
        }
        try deserializer.decrease_container_depth()
        return ViewModel(language: language, screen: screen, status: status, notice: notice, composer: composer, ask: ask, canGoBack: canGoBack, unreadNotifications: unreadNotifications, eventForm: eventForm, message: message, charterPrompt: charterPrompt, unreadMessages: unreadMessages, canAttach: canAttach, formFiles: formFiles, mediaAuthorization: mediaAuthorization, openFile: openFile)
    }

    public static func bincodeDeserialize(input: [UInt8]) throws -> ViewModel {
        let deserializer = BincodeDeserializer.init(input: input);
        let obj = try deserialize(deserializer: deserializer)
        if deserializer.get_buffer_offset() < input.count {
            throw DeserializationError.invalidInput(issue: "Some input bytes were not read")
        }
        return obj
    }
}
