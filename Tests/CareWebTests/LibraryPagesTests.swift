import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The co-op's library through the real server, on both engines: the header links to it; the administrator
/// adds a policy with the upload form (a bad one comes back with the summary, nothing kept); everyone opens
/// it; a worker adds minutes to their circle's shelf only; the phone does the same through the API.
@Suite("Pages: the co-op's library")
struct LibraryPagesTests {
  static let pdf = DocumentPagesTests.pdf

  @Test(arguments: Engine.allCases)
  func theAdministratorAddsAPolicyAndEveryoneOpensIt(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let admin = try await t.session(for: demo.admin)
      let family = try await t.session(for: demo.family)
      let worker = try await t.session(for: demo.teamWorker)
      var page = try await t.send(.GET, "/library", session: family).text
      #expect(page.contains(#"<a href="/library">Library</a>"#) && page.contains("<h1>The co-op's library</h1>"))
      #expect(!page.contains("Add a document"))
      page = try await t.send(.GET, "/library", session: worker).text
      #expect(page.contains("Add a document") && !page.contains(#"value="coop""#))
      let boundary = "----carecoop-library-7Q"
      let type = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
      let token = try await t.csrfToken(session: admin)
      var fields = [
        ("csrf_token", token), ("title", ""), ("kind", "policy"), ("shelf", "coop"), ("audience", "everyone"),
      ]
      let bad = try await t.send(
        .POST, "/library", session: admin,
        bytes: MediaPagesTests.multipart(
          fields, file: Self.pdf, boundary: boundary, fileName: "p.pdf", type: "application/pdf"),
        headers: type)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains("Enter the document&#39;s title") || bad.text.contains("Enter the document's title"))
      #expect(try await t.send(.GET, "/library", session: admin).text.contains("Nothing here yet."))
      fields[1] = ("title", "Lone working policy")
      let sent = try await t.send(
        .POST, "/library", session: admin,
        bytes: MediaPagesTests.multipart(
          fields, file: Self.pdf, boundary: boundary, fileName: "lone-working.pdf", type: "application/pdf"),
        headers: type)
      #expect(sent.status == .seeOther)
      let location = try #require(sent.headers.first(name: .location))
      let document = String(location.prefix { $0 != "?" })
      #expect(try await t.send(.GET, location, session: admin).text.contains("Kept: the document is in the library."))
      // Everyone in the co-op finds and opens it.
      page = try await t.send(.GET, "/library", session: family).text
      #expect(page.contains(##"<a href="\##(document)">Lone working policy</a>"##))
      let file = try await t.send(.GET, "\(document)/versions/1", session: family)
      #expect(file.status == .ok && Array(buffer: file.body) == Self.pdf)
      #expect(
        file.headers.first(name: .contentDisposition)?.hasPrefix(#"attachment; filename="lone-working.pdf""#) == true)
      // Only those who keep the co-op's shelf add a version.
      #expect(!(try await t.send(.GET, document, session: worker).text.contains("Add a new version")))
      #expect(try await t.send(.GET, document, session: admin).text.contains("Add a new version"))
    }
  }

  @Test(arguments: Engine.allCases)
  func aWorkerAddsMinutesToTheirCircleThroughTheAPI(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let phone = try await t.session(for: demo.teamWorker, kind: "api")
      let circle = try #require(
        try await t.store.team(demo.person.id, coop: demo.coop.id)?.person.circleID)
      let add = "/api/v1/library?title=Circle%20meeting&kind=minutes&audience=members&fileName=minutes.pdf"
      let coopShelf = try await t.send(.POST, add + "&shelf=coop", bearer: phone, bytes: Self.pdf)
      #expect(coopShelf.status == .forbidden)
      let kept = try await t.send(.POST, add + "&shelf=\(circle)", bearer: phone, bytes: Self.pdf)
      #expect(kept.status == .created && kept.text.contains(#""audience":"members""#))
      let library = try await t.send(.GET, "/api/v1/library", bearer: phone)
      #expect(library.status == .ok && library.text.contains(#""title":"Circle meeting""#))
    }
  }
}
