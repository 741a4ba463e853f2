import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// The co-op's library on both engines: the administrator keeps the co-op's shelf, a circle's workers and
/// rota keeper keep its own; everyone in the co-op reads, minutes for members only reach members; versions
/// are numbered once and kept; a refused upload leaves no file; another co-op learns nothing.
@Suite("Use cases: the co-op's library")
struct LibraryCasesTests {
  static let pdf = DocumentCasesTests.pdf

  @Test(arguments: Engine.allCases)
  func shelvesAreKeptByTheirCircleAndReadByTheCoop(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let other = try await w.cases.requester(for: demo.otherCircleWorker)
      let person = try await w.cases.requester(for: demo.personAccount)
      let circle = try #require(worker.circleIDs.first)
      func policy(_ shelf: String, audience: LibraryAudience = .everyone) -> NewLibraryDocument {
        NewLibraryDocument(title: "Lone working", kind: .policy, audience: audience, shelf: shelf)
      }
      // The co-op's shelf: the administrator's, not a worker's.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.addLibraryDocument(
          policy("coop"), fileName: "lone.pdf", chunks: ChunkList([Self.pdf]), by: worker)
      }
      let kept = try await w.cases.addLibraryDocument(
        policy("coop"), fileName: "lone.pdf", chunks: ChunkList([Self.pdf]), by: admin)
      #expect(kept.circleID == nil && kept.versions.map(\.number) == [1])
      // A circle's shelf: its own workers', not another circle's.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.addLibraryDocument(
          policy(circle.description, audience: .members), fileName: "m.pdf", chunks: ChunkList([Self.pdf]), by: other)
      }
      let minutes = try await w.cases.addLibraryDocument(
        NewLibraryDocument(
          title: "Circle meeting, June", kind: .minutes, audience: .members, shelf: circle.description),
        fileName: "june.pdf", chunks: ChunkList([Self.pdf]), by: worker)
      // Everyone in the co-op reads both (everyone here is a member); the shelves say who may add.
      let seen = try await w.cases.library(by: person)
      #expect(seen.shelves[0].circle == nil && seen.shelves[0].documents.map(\.title) == ["Lone working"])
      #expect(seen.shelves.flatMap(\.documents).map(\.title).contains("Circle meeting, June"))
      #expect(!seen.mayAdd)
      let workers = try await w.cases.library(by: worker)
      #expect(workers.shelves.filter(\.mayAdd).map(\.value) == [circle.description])
      // Versions: the next number, by those who keep the shelf.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.addLibraryVersion(
          kept.id, fileName: "lone-2.pdf", note: "Reviewed", chunks: ChunkList([Self.pdf]), by: worker)
      }
      let second = try await w.cases.addLibraryVersion(
        kept.id, fileName: "lone-2.pdf", note: "Reviewed by the board", chunks: ChunkList([Self.pdf]), by: admin)
      #expect(second.versions.map(\.number) == [1, 2] && second.latest?.note == "Reviewed by the board")
      let content = try await w.cases.libraryContent(kept.id, version: 2, by: person)
      var bytes: [UInt8] = []
      for try await chunk in content.chunks { bytes += chunk }
      #expect(bytes == Self.pdf && content.version.fileName == "lone-2.pdf")
      await #expect(throws: CareError.notFound) { try await w.cases.libraryContent(kept.id, version: 3, by: person) }
      // Someone who is not a member (an invitee with an account only) does not find the members' minutes.
      let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      let invitee = try await w.store.invite(
        Invitation(name: "Ivy Invitee", email: "ivy@example.org", relationship: .friend, isArranger: false),
        to: team, by: demo.personAccount.id, onBehalfOf: nil, env: w.clock.env
      ).invitee
      let ivy = try await w.cases.requester(for: invitee)
      await #expect(throws: CareError.notFound) { try await w.cases.libraryDocument(minutes.id, by: ivy) }
      #expect(try await w.cases.libraryDocument(kept.id, by: ivy).document.title == "Lone working")
      #expect(!(try await w.cases.library(by: ivy).shelves.flatMap(\.documents).map(\.id).contains(minutes.id)))
      // The audit log has both additions and the version.
      let log = try await w.store.auditEvents(coop: demo.coop.id, limit: 500)
      #expect(log.filter { $0.action == .addToLibrary }.count == 2 && log.contains { $0.action == .addLibraryVersion })
      // Nothing is edited or removed.
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE library_documents SET title = 'x'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM library_versions").run() }
    }
  }

  @Test(arguments: Engine.allCases)
  func badUploadsAreRefusedWholeAndLeaveNoFile(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let before = DocumentCasesTests.filesOnDisk(w)
      // Every problem with what was typed at once, before a byte is read.
      do {
        try await w.cases.addLibraryDocument(
          NewLibraryDocument(title: " ", kind: nil, audience: nil, shelf: "the attic"), fileName: "../x.pdf",
          chunks: ChunkList([Self.pdf]), by: admin)
        Issue.record("a document with no title, kind, audience or shelf was kept")
      } catch CareError.invalid(let errors) {
        #expect(Set(errors.map(\.field)) == ["title", "kind", "audience", "shelf", "file"])
      }
      let good = NewLibraryDocument(title: "Complaints policy", kind: .policy, audience: .everyone, shelf: "coop")
      await #expect(throws: CareError.self) {
        try await w.cases.addLibraryDocument(
          good, fileName: "video.pdf", chunks: ChunkList([DocumentCasesTests.mp4]), by: admin)
      }
      let big = ChunkList([Self.pdf] + Array(repeating: [UInt8](repeating: 0x20, count: 1024 * 1024), count: 26))
      await #expect(throws: CareError.self) {
        try await w.cases.addLibraryDocument(good, fileName: "big.pdf", chunks: big, by: admin)
      }
      #expect(DocumentCasesTests.filesOnDisk(w) == before)
      #expect(try await w.cases.library(by: admin).shelves.allSatisfy { $0.documents.isEmpty })
      // Another co-op's document: not found.
      let kept = try await w.cases.addLibraryDocument(good, fileName: "c.pdf", chunks: ChunkList([Self.pdf]), by: admin)
      let (_, otherAdmin) = try await w.store.setUpCoop(
        CoopSetup(
          coopName: "Elsewhere", registeredNumber: "9", address: "a", adminName: "E A", adminEmail: "e@a.org",
          password: "long enough password"), passwordHash: "x", env: w.clock.env)
      let elsewhere = try await w.cases.requester(for: otherAdmin)
      await #expect(throws: CareError.notFound) { try await w.cases.libraryDocument(kept.id, by: elsewhere) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.addLibraryVersion(
          kept.id, fileName: "d.pdf", note: nil, chunks: ChunkList([Self.pdf]), by: elsewhere)
      }
    }
  }
}
