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
