import CareCases
import Foundation
import Testing

@Suite("Files kept on disk")
struct FileStorageTests {
  func folder() throws -> DiskFileStorage {
    try DiskFileStorage(
      root: FileManager.default.temporaryDirectory.appendingPathComponent("carecoop-files-\(UUID())"), limit: 1024)
  }

  @Test func aFileComesBackAsKeptAndIsGoneOnceDeleted() async throws {
    let files = try folder()
    let id = UUID()
    let video = Data((0..<1000).map { UInt8($0 % 251) })
    let kept = try await files.put(video, as: id)
    #expect(kept.bytes == 1000 && kept.sha256.count == 64)
    #expect(try await files.get(id, expecting: kept.sha256) == video)
    // Nothing half-written is left beside it.
    let folder = files.root.appendingPathComponent(String(id.uuidString.lowercased().prefix(2)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [id.uuidString.lowercased()])
    try await files.delete(id)
    #expect(try await files.get(id, expecting: kept.sha256) == nil)
    try await files.delete(id)  // a second delete is no error
  }

  @Test func aChangedFileIsReportedNotServed() async throws {
    let files = try folder()
    let id = UUID()
    let kept = try await files.put(Data("the plan, signed".utf8), as: id)
    let path = files.root.appendingPathComponent(String(id.uuidString.lowercased().prefix(2)))
      .appendingPathComponent(id.uuidString.lowercased())
    try Data("the plan, changed".utf8).write(to: path)
    await #expect(throws: FileStorageError.damaged(id)) { try await files.get(id, expecting: kept.sha256) }
  }

  @Test func aFileOverTheLimitIsRefusedAndNothingIsKept() async throws {
    let files = try folder()
    let id = UUID()
    await #expect(throws: FileStorageError.tooLarge(bytes: 1025, limit: 1024)) {
      try await files.put(Data(count: 1025), as: id)
    }
    #expect(try await files.get(id, expecting: "") == nil)
  }
}

/// Uploads streamed to disk and read back in parts: the way media will arrive from phones and be seeked.
@Suite("Files kept on disk: streams and ranges")
struct FileStreamTests {
  struct Broken: Error {}

  static func folder(limit: Int = 8 * 1024 * 1024) throws -> DiskFileStorage {
    try DiskFileStorage(
      root: FileManager.default.temporaryDirectory.appendingPathComponent("carecoop-files-\(UUID())"), limit: limit)
  }

  /// `bytes` in chunks of `size`, failing after `failAfter` chunks when given.
  static func chunks(_ bytes: [UInt8], size: Int, failAfter: Int? = nil) -> AsyncThrowingStream<[UInt8], any Error> {
    AsyncThrowingStream { continuation in
      var sent = 0
      for start in stride(from: 0, to: bytes.count, by: size) {
        if let failAfter, sent == failAfter {
          continuation.finish(throwing: Broken())
          return
        }
        continuation.yield(Array(bytes[start..<min(start + size, bytes.count)]))
        sent += 1
      }
      continuation.finish()
    }
  }

  /// Every file under the root (not the 2-digit folders themselves).
  static func leftovers(_ files: DiskFileStorage) throws -> [String] {
    let all = FileManager.default.enumerator(atPath: files.root.path)?.allObjects as? [String] ?? []
    return all.filter { $0.contains("/") }
  }

  static let video: [UInt8] = (0..<3_000_001).map { UInt8(($0 * 7 + 3) % 256) }

  @Test(arguments: [1, 1000, 65_536, 1_000_000])
  func aStreamKeepsTheSameBytesAndDigestAsAWholeFile(chunk: Int) async throws {
    let files = try Self.folder()
    let id = UUID()
    let kept = try await files.put(chunks: Self.chunks(Self.video, size: chunk), as: id, limit: 4_000_000)
    #expect(kept.bytes == Self.video.count)
    // The same digest as the bytes kept whole (the other way in).
    #expect(kept.sha256 == (try await files.put(Data(Self.video), as: UUID())).sha256)
    #expect(try await files.get(id, expecting: kept.sha256) == Data(Self.video))
  }

  @Test func anUploadOverTheLimitStopsThereAndLeavesNothing() async throws {
    let files = try Self.folder()
    let id = UUID()
    await #expect(throws: FileStorageError.tooLarge(bytes: 1_048_576 + 65_536, limit: 1_048_576 + 1)) {
      try await files.put(chunks: Self.chunks(Self.video, size: 65_536), as: id, limit: 1_048_576 + 1)
    }
    #expect(try Self.leftovers(files) == [], "no partial file")
    #expect(try await files.read(id, range: nil) == nil)
  }

  @Test func aDroppedUploadLeavesNoPartialFileAndKeepsTheOldOne() async throws {
    let files = try Self.folder()
    let id = UUID()
    let old = try await files.put(Data("the first version".utf8), as: id)
    await #expect(throws: Broken.self) {
      try await files.put(chunks: Self.chunks(Self.video, size: 65_536, failAfter: 10), as: id, limit: 4_000_000)
    }
    #expect(try await files.get(id, expecting: old.sha256) == Data("the first version".utf8))
    let folder = files.root.appendingPathComponent(String(id.uuidString.lowercased().prefix(2)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [id.uuidString.lowercased()])
  }

  @Test(arguments: [(0, 0), (0, 99), (65_530, 65_545), (2_999_000, 3_000_000), (1, 3_000_000)])
  func aRangeReadsExactlyThoseBytes(from: Int, through: Int) async throws {
    let files = try Self.folder()
    let id = UUID()
    _ = try await files.put(chunks: Self.chunks(Self.video, size: 100_000), as: id, limit: 4_000_000)
    let (total, chunks) = try #require(try await files.read(id, range: from...through))
    #expect(total == Self.video.count)
    var got: [UInt8] = []
    for try await chunk in chunks {
      #expect(chunk.count <= 64 * 1024)
      got += chunk
    }
    #expect(got == Array(Self.video[from...through]))
  }

  @Test func aRangeOutsideTheFileIsRefused() async throws {
    let files = try Self.folder()
    let id = UUID()
    _ = try await files.put(Data(count: 100), as: id)
    await #expect(throws: FileStorageError.outOfRange(total: 100)) { try await files.read(id, range: 50...100) }
  }

  @Test(
    arguments: [
      ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], MediaType.jpeg),
      ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .png),
      (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), .webp),
      (Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8), .wav),
      ([0, 0, 0, 0x18] + Array("ftypmp42".utf8), .mp4),
      ([0x1A, 0x45, 0xDF, 0xA3, 0x9F], .webm),
      (Array("OggS\u{0}\u{2}".utf8), .ogg),
      (Array("ID3\u{4}\u{0}".utf8), .mp3),
      (Array("%PDF-1.7\n".utf8), .pdf),
    ] as [([UInt8], MediaType)])
  func theTypeIsToldFromTheBytes(head: [UInt8], type: MediaType) {
    #expect(MediaType.sniff(head) == type)
  }

  @Test(arguments: [Array("<html><script>".utf8), Array("MZ\u{90}\u{0}".utf8), [], Array("RIFF1234AVI ".utf8)])
  func bytesOfAnotherKindAreNotMedia(head: [UInt8]) {
    #expect(MediaType.sniff(head) == nil, "a page, a program or an AVI named .mp4 is still not media")
  }
}
