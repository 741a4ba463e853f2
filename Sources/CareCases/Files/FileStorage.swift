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
  /// Keeps bytes as they arrive (an upload), never holding them whole: written to a temporary file chunk by
  /// chunk and hashed on the way; over `limit` it stops at once (`tooLarge`); only a complete file is moved
  /// into place. A stream that fails or stops midway leaves nothing behind.
  func put<Chunks: AsyncSequence>(chunks: Chunks, as id: UUID, limit: Int) async throws -> StoredFile
  where Chunks.Element == [UInt8]
  /// The size of the bytes kept under the id and a part of them (`range`, in bytes, inclusive; all when nil)
  /// read in chunks, for HTTP range requests (a phone seeking in a video); nil if none are kept.
  func read(_ id: UUID, range: ClosedRange<Int>?) async throws -> (
    total: Int, chunks: AsyncThrowingStream<[UInt8], any Error>
  )?
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
  /// A range that does not lie within the file (HTTP 416).
  case outOfRange(total: Int)

  public var description: String {
    switch self {
    case .damaged(let id): "the file \(id) is not what was kept (its digest differs)"
    case .tooLarge(let bytes, let limit): "a file of \(bytes) bytes is over the limit of \(limit)"
    case .outOfRange(let total): "the range asked for is not within the file's \(total) bytes"
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

  /// The chunk size for reading and writing files (64 KiB).
  static let chunk = 64 * 1024

  public func put<Chunks: AsyncSequence>(chunks: Chunks, as id: UUID, limit: Int) async throws -> StoredFile
  where Chunks.Element == [UInt8] {
    let limit = min(limit, self.limit)
    let target = url(id)
    let folder = target.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(UUID().lowercasedString).part")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown)
    }
    var kept = false
    defer { if !kept { try? FileManager.default.removeItem(at: temporary) } }
    let handle = try FileHandle(forWritingTo: temporary)
    var hash = SHA256()
    var bytes = 0
    do {
      for try await chunk in chunks {
        bytes += chunk.count
        guard bytes <= limit else { throw FileStorageError.tooLarge(bytes: bytes, limit: limit) }
        hash.update(data: chunk)
        try handle.write(contentsOf: chunk)
      }
      try handle.synchronize()
      try handle.close()
    } catch {
      try? handle.close()
      throw error
    }
    if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
    try FileManager.default.moveItem(at: temporary, to: target)
    kept = true
    return StoredFile(id: id, bytes: bytes, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined())
  }

  public func read(_ id: UUID, range: ClosedRange<Int>?) async throws
    -> (total: Int, chunks: AsyncThrowingStream<[UInt8], any Error>)?
  {
    let target = url(id)
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: target.path),
      let total = (attributes[.size] as? NSNumber)?.intValue
    else { return nil }
    let wanted = range ?? 0...max(total - 1, 0)
    guard total > 0 || range == nil, wanted.lowerBound >= 0, wanted.upperBound < max(total, 1) else {
      throw FileStorageError.outOfRange(total: total)
    }
    let reader = try ChunkReader(target, from: wanted.lowerBound, count: total == 0 ? 0 : wanted.count)
    // Pulled one chunk at a time as the response is sent: a slow phone never makes the server hold the file.
    let stream = AsyncThrowingStream<[UInt8], any Error>(unfolding: { try reader.next(Self.chunk) })
    return (total, stream)
  }

  static func digest(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }
}

/// Reads part of a file in chunks, on demand (one reader per response, used by one task at a time).
final class ChunkReader: @unchecked Sendable {
  private let handle: FileHandle
  private var left: Int

  init(_ url: URL, from offset: Int, count: Int) throws {
    handle = try FileHandle(forReadingFrom: url)
    left = count
    do {
      try handle.seek(toOffset: UInt64(offset))
    } catch {
      try? handle.close()
      throw error
    }
  }

  /// The next chunk, or nil at the end (the file is closed then).
  func next(_ size: Int) throws -> [UInt8]? {
    guard left > 0, let data = try handle.read(upToCount: min(size, left)), !data.isEmpty else {
      try? handle.close()
      return nil
    }
    left -= data.count
    return [UInt8](data)
  }

  deinit { try? handle.close() }
}

/// What an upload is, told from its first bytes (never from its name): the kinds the co-op keeps.
public enum MediaType: String, Sendable, Hashable, CaseIterable {
  case jpeg, png, webp, mp4, webm, ogg, mp3, wav, pdf

  public var mime: String {
    switch self {
    case .jpeg: "image/jpeg"
    case .png: "image/png"
    case .webp: "image/webp"
    case .mp4: "video/mp4"
    case .webm: "video/webm"
    case .ogg: "audio/ogg"
    case .mp3: "audio/mpeg"
    case .wav: "audio/wav"
    case .pdf: "application/pdf"
    }
  }

  /// How many first bytes `sniff` needs to decide.
  public static let sniffLength = 16

  /// The type the bytes begin like, or nil (refused: 415).
  public static func sniff(_ head: [UInt8]) -> MediaType? {
    func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
      head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
    }
    let ascii = { (text: String) in Array(text.utf8) }
    if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    if starts(ascii("RIFF")) && starts(ascii("WEBP"), at: 8) { return .webp }
    if starts(ascii("RIFF")) && starts(ascii("WAVE"), at: 8) { return .wav }
    if starts(ascii("ftyp"), at: 4) { return .mp4 }
    if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
    if starts(ascii("OggS")) { return .ogg }
    if starts(ascii("ID3")) || starts([0xFF, 0xFB]) || starts([0xFF, 0xF3]) || starts([0xFF, 0xF2]) { return .mp3 }
    if starts(ascii("%PDF-")) { return .pdf }
    return nil
  }
}
