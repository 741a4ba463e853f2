import Crypto
import Foundation

/// Where uploaded files live (visit videos, documents, signed plans): an effect given to the use cases, so
/// tests use a real folder of their own and production can use a mounted volume. Files are kept by an id
/// the app chose, never by a name a user typed; the database keeps who may see them.
public protocol FileStorage: Sendable {
  /// Keeps the bytes under the id, whole or not at all, and says what was kept.
  func put(_ data: Data, as id: UUID) async throws -> StoredFile
  /// The bytes kept under the id, checked against the digest given when they were kept; nil if none.
  func get(_ id: UUID, expecting digest: String) async throws -> Data?
  /// Forgets the bytes (a file withdrawn by consent); nothing happens if there were none.
  func delete(_ id: UUID) async throws
}

/// What was kept: its size and SHA-256 (hex), which the database stores beside the id.
public struct StoredFile: Hashable, Sendable {
  public let id: UUID
  public let bytes: Int
  public let sha256: String
}

public enum FileStorageError: Error, Equatable, CustomStringConvertible {
  /// The bytes read back are not the ones kept: the disk or someone changed them.
  case damaged(UUID)
  case tooLarge(bytes: Int, limit: Int)

  public var description: String {
    switch self {
    case .damaged(let id): "the file \(id) is not what was kept (its digest differs)"
    case .tooLarge(let bytes, let limit): "a file of \(bytes) bytes is over the limit of \(limit)"
    }
  }
}

/// Files in a folder on disk (`CARECOOP_FILES`, default `./carecoop-files`), spread over 256 subfolders by
/// the id's first two hex digits. A file is written to a temporary name and renamed into place, so a crash
/// never leaves half a file under an id.
public struct DiskFileStorage: FileStorage {
  public let root: URL
  public let limit: Int

  /// `limit`: the largest file kept, in bytes (default 512 MiB: a few minutes of phone video).
  public init(root: URL, limit: Int = 512 * 1024 * 1024) throws {
    self.root = root
    self.limit = limit
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func url(_ id: UUID) -> URL {
    let name = id.lowercasedString
    return root.appendingPathComponent(String(name.prefix(2)), isDirectory: true).appendingPathComponent(name)
  }

  public func put(_ data: Data, as id: UUID) async throws -> StoredFile {
    guard data.count <= limit else { throw FileStorageError.tooLarge(bytes: data.count, limit: limit) }
    let target = url(id)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().lowercasedString).part")
    try data.write(to: temporary, options: .atomic)
    if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
    try FileManager.default.moveItem(at: temporary, to: target)
    return StoredFile(id: id, bytes: data.count, sha256: Self.digest(data))
  }

  public func get(_ id: UUID, expecting digest: String) async throws -> Data? {
    let target = url(id)
    guard FileManager.default.fileExists(atPath: target.path) else { return nil }
    let data = try Data(contentsOf: target)
    guard Self.digest(data) == digest else { throw FileStorageError.damaged(id) }
    return data
  }

  public func delete(_ id: UUID) async throws {
    let target = url(id)
    if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
  }

  static func digest(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }
}
