import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Documents through the real server, on both engines: the library's upload form (a file name with folders
/// refused with the problem shown, the fields kept), a download under the name it came with, the person
/// changing who sees it in two steps (nothing changes at the first), the API's stream upload and its
/// refusals, and every look in the person's "who looked" list.
@Suite("Pages: documents the person controls")
struct DocumentPagesTests {
  static let pdf: [UInt8] = Array("%PDF-1.7\n% a letter\n".utf8) + Array(repeating: 0x41, count: 3000)

  @Test(arguments: Engine.allCases)
  func uploadDownloadAndWhoSeesItInTwoSteps(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let library = "/teams/\(demo.person.id)/documents"
      let person = try await t.session(for: demo.personAccount)
      let worker = try await t.session(for: demo.teamWorker)
      let family = try await t.session(for: demo.family)
      #expect(try await t.send(.GET, library, session: person).text.contains(#"enctype="multipart/form-data""#))
      let boundary = "----carecoop-docs-3K"
      let type = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
      let token = try await t.csrfToken(session: person)
      let fields = [
        ("csrf_token", token), ("title", "Letter from the council"), ("kind", "letter"), ("visibility", "my-workers"),
      ]
      // A name with folders in it: refused, the problem at the file, the title kept, nothing kept.
      let bad = try await t.send(
        .POST, library, session: person,
        bytes: MediaPagesTests.multipart(
          fields, file: Self.pdf, boundary: boundary, fileName: "../letters/council.pdf", type: "application/pdf"),
        headers: type)
      #expect(bad.status == .unprocessableEntity)
      #expect(
        bad.text.contains("The file&#39;s name must be a plain name, without folders (like letter.pdf)</a>")
          || bad.text.contains("The file's name must be a plain name, without folders (like letter.pdf)</a>"))
      #expect(bad.text.contains(#"value="Letter from the council""#))
      #expect(try await t.send(.GET, library, session: person).text.contains("No documents yet"))
      // Kept, under the name it came with (shown, and given back on download, never used as a path).
      let sent = try await t.send(
        .POST, library, session: person,
        bytes: MediaPagesTests.multipart(
          fields, file: Self.pdf, boundary: boundary, fileName: "Council letter – May.pdf", type: "application/pdf"),
        headers: type)
      #expect(sent.status == .seeOther)
      let location = try #require(sent.headers.first(name: .location))
      let page = String(location.prefix { $0 != "?" })
      #expect(try await t.send(.GET, location, session: person).text.contains("Kept: the document is in the library."))
      let file = try await t.send(.GET, "\(page)/versions/1", session: worker)
      #expect(file.status == .ok && Array(buffer: file.body) == Self.pdf)
      #expect(file.headers.first(name: .contentType) == "application/pdf")
      #expect(
        file.headers.first(name: .contentDisposition)
          == #"attachment; filename="Council letter _ May.pdf"; filename*=UTF-8''Council%20letter%20%E2%80%93%20May.pdf"#
      )
      // Workers only: the family member learns nothing of it.
      #expect(try await t.send(.GET, page, session: family).status == .notFound)
      #expect(try await t.send(.GET, "\(page)/versions/1", session: family).status == .notFound)
      // Step one: who would lose it, and nothing changes yet.
      let check = try await t.send(.POST, "\(page)/visibility", session: person, form: ["visibility": "only-me"])
      #expect(check.status == .ok && check.text.contains("Who will no longer see it"))
      #expect(check.text.contains(demo.teamWorker.name) && check.text.contains("Yes, change who sees it"))
      #expect(try await t.send(.GET, page, session: worker).status == .ok)
      // A choice of named people with nobody named: the problem on the document's page.
      let nobody = try await t.send(.POST, "\(page)/visibility", session: person, form: ["visibility": "named-people"])
      #expect(nobody.status == .unprocessableEntity)
      #expect(nobody.text.contains(##"<a href="#named">Choose at least one person to show it to</a>"##))
      // Step two, confirmed: the worker no longer finds it.
      let done = try await t.send(
        .POST, "\(page)/visibility", session: person, form: ["visibility": "only-me", "confirm": "yes"])
      #expect(done.status == .seeOther)
      #expect(try await t.send(.GET, page, session: worker).status == .notFound)
      // The worker cannot change who sees it, even a document they see.
      let shared = try await t.app.care.cases.seedDemoDocuments(demo)
      #expect(
        try await t.send(.POST, "/documents/\(shared.id)/visibility", session: worker, form: ["visibility": "only-me"])
          .status == .forbidden)
      // Every look and download is in the person's "who looked" list, in plain words.
      let looked = try await t.send(.GET, "/teams/\(demo.person.id)/who-looked", session: person).text
      #expect(looked.contains("opened a document: “Letter from the council”, version 1"))
      #expect(looked.contains("looked at documents: the documents"))
      let log = try await t.store.auditEvents(coop: demo.coop.id, person: demo.person.id, limit: 500)
      #expect(
        log.contains {
          $0.action == .downloadDocument && $0.actorID == demo.teamWorker.id
            && $0.detail == "“Letter from the council”, version 1"
        })
    }
  }

  @Test(arguments: Engine.allCases)
  func theAPIStreamsAnUploadAndRefusesWhatItCannotKeep(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let phone = try await t.session(for: demo.teamWorker, kind: "api")
      let base = "/api/v1/teams/\(demo.person.id)/documents"
      let upload = "\(base)?title=Care%20assessment&kind=assessment&visibility=my-team&fileName=assessment.pdf"
      let sent = try await t.send(.POST, upload, bearer: phone, bytes: Self.pdf)
      #expect(sent.status == .created)
      let document = try JSONDecoder().decode(DocumentOut.self, from: Data(buffer: sent.body))
      #expect(document.versions.map(\.number) == [1] && document.versions[0].bytes == Self.pdf.count)
      // Not a PDF or a picture, whatever its name says: 415; a name with folders: 422 before a byte is kept.
      let text = try await t.send(.POST, upload, bearer: phone, bytes: Array("just some words".utf8))
      #expect(text.status == .unsupportedMediaType)
      #expect(text.text.contains("That is not a document we can keep"))
      let folders = try await t.send(
        .POST, "\(base)?title=A&kind=letter&visibility=my-team&fileName=..%2Fx.pdf", bearer: phone, bytes: Self.pdf)
      #expect(folders.status == .unprocessableEntity)
      // A new version, then the first version's bytes by number.
      let two = try await t.send(
        .POST, "/api/v1/documents/\(document.id)/versions?fileName=signed.pdf&note=Signed", bearer: phone,
        bytes: Self.pdf + [0x0A])
      #expect(two.status == .created)
      let first = try await t.send(.GET, "/api/v1/documents/\(document.id)/versions/1", bearer: phone)
      #expect(Array(buffer: first.body) == Self.pdf)
      #expect(try await t.send(.GET, "/api/v1/documents/\(document.id)/versions/3", bearer: phone).status == .notFound)
      // The library lists it, with both versions; the person's own list the same.
      let list = try JSONDecoder().decode(
        DocumentsOut.self, from: Data(buffer: try await t.send(.GET, base, bearer: phone).body))
      #expect(list.documents.first { $0.id == document.id }?.versions.count == 2)
    }
  }

  /// The search page finds the demo's agreement by a word of its title, for the team; a search with no word
  /// in it comes back with the error summary; the API answers the same.
  @Test(arguments: Engine.allCases)
  func theSearchPageFindsByAWordInTheTitle(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let document = try await t.app.care.cases.seedDemoDocuments(demo)
      let search = "/teams/\(demo.person.id)/search"
      let family = try await t.session(for: demo.family)
      let empty = try await t.send(.GET, search, session: family)
      #expect(empty.status == .ok && empty.text.contains(#"role="search""#) && !empty.text.contains("No documents"))
      let found = try await t.send(.GET, "\(search)?q=Agree", session: family).text
      #expect(found.contains(##"<a href="/documents/\##(document.id)">Support agreement with the co-op</a>"##))
      #expect(found.contains(#"value="Agree""#))
      let none = try await t.send(.GET, "\(search)?q=%3F%21", session: family)
      #expect(none.status == .unprocessableEntity)
      #expect(none.text.contains(##"<a href="#q">Enter a word to search for</a>"##))
      let phone = try await t.session(for: demo.family, kind: "api")
      let api = try await t.send(.GET, "/api/v1\(search)?q=signed", bearer: phone)
      #expect(api.status == .ok && api.text.contains(#""title":"Support agreement with the co-op""#))
    }
  }

  struct VersionOut: Decodable {
    let number: Int
    let bytes: Int
  }

  struct DocumentOut: Decodable {
    let id: String
    let versions: [VersionOut]
  }

  struct DocumentsOut: Decodable {
    let documents: [DocumentOut]
  }
}
