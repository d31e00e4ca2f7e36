import PhotosUI
import SwiftUI
import UniformTypeIdentifiers
import SharedTypes

/// "Not sent yet" beside a choice kept on the phone (an answer, a vote, a setting) until
/// the server has it.
struct NotSentYet: View {
    let pending: Bool
    var body: some View {
        if pending { Text("not_sent_yet").font(.caption) }
    }
}

/// Offline, syncing, "3 not sent yet", and writes the server refused (each dismissable).
struct StatusBanner: View {
    let status: Status
    let send: (Event) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            if status.syncing { ProgressView().accessibilityLabel(Text("syncing")) }
            if let problem = status.problem { Text(problem).font(.callout) }
            if status.notSentCount > 0 { Text("\(status.notSentCount) · \(status.notSentLabel)").font(.callout) }
            ForEach(status.failed, id: \.id) { failed in
                VStack(alignment: .leading) {
                    Text(failed.label).font(.headline)
                    Text(failed.text)
                    Text(failed.reason).foregroundStyle(.red)
                    Button("understood") { send(.dismissFailed(id: failed.id)) }
                }
                .padding(8)
                .background(.thinMaterial, in: RoundedRectangle(cornerRadius: 8))
            }
        }
        .frame(maxWidth: .infinity, alignment: .leading)
        .padding(.horizontal)
    }
}

/// What to say when a list is empty: the core's sentence says what to do next.
struct EmptyText: View {
    let text: String?
    var body: some View {
        if let text { Text(text).font(.body).foregroundStyle(.secondary).padding() }
    }
}

struct ErrorText: View {
    let text: String?
    var body: some View {
        if let text { Text(text).foregroundStyle(.red) }
    }
}

struct MoreButton: View {
    let hasMore: Bool
    let action: () -> Void
    var body: some View {
        if hasMore { Button("show_more", action: action) }
    }
}

/// Photos (thumbnails, loaded with the session's header) and documents (opened by the phone).
struct AttachmentsView: View {
    let items: [AttachmentView]
    let authorization: String?
    let send: (Event) -> Void

    var body: some View {
        ForEach(items, id: \.id) { item in
            // A tap opens it whole: the core fetches it with the session, then Quick Look
            // shows it (a photo full screen with zoom, a PDF, an office document).
            Button { send(.attachments(.open(id: item.id, name: item.name))) } label: {
                if item.isImage, let thumbnail = item.thumbnailUrl {
                    AuthorizedImage(url: thumbnail, authorization: authorization)
                        .frame(maxWidth: 240, maxHeight: 240)
                } else {
                    Label("\(item.name) · \(item.size)", systemImage: "doc")
                }
            }
            .buttonStyle(.borderless)
            .accessibilityLabel(Text(item.name))
            if let opening = item.opening { ProgressView(value: Double(opening), total: 100) }
            ErrorText(text: item.error)
        }
    }
}

/// An image the server serves only with the session's `Authorization` header.
struct AuthorizedImage: View {
    let url: String
    let authorization: String?
    @State private var image: UIImage?

    var body: some View {
        Group {
            if let image { Image(uiImage: image).resizable().scaledToFit() } else { ProgressView() }
        }
        .task(id: url) {
            guard let address = URL(string: url) else { return }
            var request = URLRequest(url: address)
            if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
            if let (data, _) = try? await URLSession.shared.data(for: request) { image = UIImage(data: data) }
        }
    }
}

/// The files of something written on this phone, as they go up (read only).
struct PendingFilesView: View {
    let files: [FileView]

    var body: some View {
        ForEach(files, id: \.id) { file in
            VStack(alignment: .leading) {
                Text("\(file.name) · \(file.size)").font(.caption)
                if let error = file.error {
                    Text(error).foregroundStyle(.red)
                } else {
                    ProgressView(value: Double(file.progress), total: 100)
                        .accessibilityLabel(Text(file.name))
                        .accessibilityValue(Text(file.status))
                }
            }
        }
    }
}

/// The files chosen for the open form, each with its progress and, if refused, why.
struct FormFiles: View {
    let model: ViewModel
    let send: (Event) -> Void
    @State private var picking = false
    @State private var photo: PhotosPickerItem?

    var body: some View {
        ForEach(model.formFiles, id: \.id) { file in
            HStack {
                VStack(alignment: .leading) {
                    Text("\(file.name) · \(file.size)")
                    if let error = file.error {
                        Text(error).foregroundStyle(.red)
                    } else {
                        ProgressView(value: Double(file.progress), total: 100).accessibilityValue(Text(file.status))
                        Text(file.status).font(.caption)
                    }
                }
                Button("remove") { send(.attachments(.remove(id: file.id))) }
            }
        }
        if model.canAttach {
            // Photos from the photo library (what people mean by "a photo"), documents from Files.
            PhotosPicker(selection: $photo, matching: .images) { Label("add_photo", systemImage: "photo") }
                .onChange(of: photo) { _, item in
                    guard let item else { return }
                    photo = nil
                    Task {
                        guard let data = try? await item.loadTransferable(type: Data.self),
                              let copy = FileCopy.intoOutgoing(data: data) else { return }
                        let kind = item.supportedContentTypes.first
                        let name = "photo.\(kind?.preferredFilenameExtension ?? "jpg")"
                        send(.attachments(.add(file: copy.path, name: name, size: copy.size)))
                    }
                }
            Button("add_file") { picking = true }
                .fileImporter(isPresented: $picking, allowedContentTypes: [.pdf, .content, .image]) { result in
                    guard case .success(let url) = result, let copy = FileCopy.intoOutgoing(url) else { return }
                    send(.attachments(.add(file: copy.path, name: url.lastPathComponent, size: copy.size)))
                }
        }
    }
}

/// A picked file is copied into the app's storage (the picker's access does not last); the
/// core says when the copy may go.
enum FileCopy {
    /// A photo from the library, written into the app's storage.
    static func intoOutgoing(data: Data) -> (path: String, size: UInt64)? {
        let folder = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0].appendingPathComponent("outgoing", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent(UUID().uuidString)
        guard (try? data.write(to: copy, options: .atomic)) != nil else { return nil }
        return (copy.path, UInt64(data.count))
    }

    static func intoOutgoing(_ url: URL) -> (path: String, size: UInt64)? {
        let scoped = url.startAccessingSecurityScopedResource()
        defer { if scoped { url.stopAccessingSecurityScopedResource() } }
        let folder = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0].appendingPathComponent("outgoing", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent(UUID().uuidString)
        guard (try? FileManager.default.copyItem(at: url, to: copy)) != nil,
              let size = try? FileManager.default.attributesOfItem(atPath: copy.path)[.size] as? NSNumber else { return nil }
        return (copy.path, size.uint64Value)
    }
}
