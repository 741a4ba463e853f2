import CareCases
import CareCore
import Vapor

/// The co-op's library and its circles': the shelves with the upload form, one document with its versions
/// and a new version, a version's file; and the API.
enum LibraryWeb: WebCapability {
  static let openAPI: String? = "library"

  static func pages(_ r: PageRoutes) {
    r.get(.library, LibraryController.list)
    r.postStream(.library, limit: DocumentController.largest, LibraryController.upload)
    r.get(.libraryDocument(.key), LibraryController.show)
    r.postStream(.libraryVersions(.key), limit: DocumentController.largest, LibraryController.addVersion)
    r.get(.libraryFile(.key, .key), LibraryController.file)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.library) { req async throws -> DTO.LibraryOut in
      DTO.LibraryOut(try await req.cases.library(by: try await req.actor()))
    }
    v1.postStream(.library, limit: PersonDocument.limit) { req async throws -> Response in
      let actor = try await req.actor()
      // The policy before a byte is read: the requester keeps some shelf, and the one named.
      try await req.cases.checkMayAddToLibrary(by: actor)
      let new = try DTO.LibraryUpload.read(req)
      try await req.cases.checkMayAddToLibrary(shelf: new.shelf, by: actor)
      let document = try await req.cases.addLibraryDocument(
        new, fileName: req.query[String.self, at: "fileName"], note: req.query[String.self, at: "note"],
        chunks: BodyChunks(body: req.body), by: actor)
      return try await DTO.LibraryDocumentOut(document).encodeResponse(status: .created, for: req)
    }
    v1.get(.libraryDocument(.key)) { req async throws -> DTO.LibraryDocumentOut in
      DTO.LibraryDocumentOut(
        try await req.cases.libraryDocument(try req.libraryID(), by: try await req.actor()).document)
    }
    v1.postStream(.libraryVersions(.key), limit: PersonDocument.limit) { req async throws -> Response in
      let actor = try await req.actor()
      let id = try req.libraryID()
      try await req.cases.checkMayAddLibraryVersion(id, by: actor)
      let document = try await req.cases.addLibraryVersion(
        id, fileName: req.query[String.self, at: "fileName"], note: req.query[String.self, at: "note"],
        chunks: BodyChunks(body: req.body), by: actor)
      return try await DTO.LibraryDocumentOut(document).encodeResponse(status: .created, for: req)
    }
    v1.get(.libraryFile(.key, .key)) { req async throws -> Response in try await LibraryController.file(req) }
  }
}

extension Request {
  /// The `:libraryID` of a library document's route.
  func libraryID() throws -> ID<LibraryDocument> { try id(LibraryDocument.self, SiteURL.libraryID) }
}

extension DTO {
  enum LibraryUpload {
    /// A new library document's details from the query (its bytes are the body): every problem at once.
    static func read(_ req: Request) throws -> NewLibraryDocument {
      func text(_ name: String) -> String? { req.query[String.self, at: name] }
      var errors: [FieldError] = []
      let kind = text("kind").flatMap(LibraryKind.init(rawValue:))
      if kind == nil {
        errors.append(
          FieldError("kind", "kind must be one of \(LibraryKind.allCases.map(\.rawValue).joined(separator: ", "))"))
      }
      let audience = text("audience").flatMap(LibraryAudience.init(rawValue:))
      if audience == nil {
        errors.append(
          FieldError(
            "audience",
            "audience must be one of \(LibraryAudience.allCases.map(\.rawValue).joined(separator: ", "))"))
      }
      if !errors.isEmpty { throw CareError.invalid(errors) }
      return NewLibraryDocument(title: text("title") ?? "", kind: kind, audience: audience, shelf: text("shelf") ?? "")
    }
  }

  struct LibraryOut: Content {
    let shelves: [ShelfOut]

    init(_ m: LibraryModel) {
      shelves = m.shelves.map {
        ShelfOut(
          shelf: $0.value, name: $0.name, mayAdd: $0.mayAdd, documents: $0.documents.map(LibraryDocumentOut.init))
      }
    }
  }

  struct ShelfOut: Content {
    /// `coop`, or the circle's id.
    let shelf: String
    let name: String
    let mayAdd: Bool
    let documents: [LibraryDocumentOut]
  }

  struct LibraryDocumentOut: Content {
    let id: String
    let shelf: String
    let title: String
    let kind: String
    let audience: String
    let addedBy: String
    let addedAt: Date
    let versions: [LibraryVersionOut]

    init(_ d: LibraryDocument) {
      (id, shelf, title) = (d.id.description, d.circleID?.description ?? "coop", d.title)
      (kind, audience, addedBy, addedAt) = (d.kind.rawValue, d.audience.rawValue, d.addedBy.description, d.addedAt)
      versions = d.versions.map(LibraryVersionOut.init)
    }
  }

  struct LibraryVersionOut: Content {
    let number: Int
    let fileName: String
    let contentType: String
    let bytes: Int
    let sha256: String
    let note: String
    let addedBy: String
    let addedAt: Date

    init(_ v: LibraryVersion) {
      (number, fileName, contentType, bytes, sha256) = (v.number, v.fileName, v.contentType, v.bytes, v.sha256)
      (note, addedBy, addedAt) = (v.note, v.addedBy.description, v.addedAt)
    }
  }
}

enum LibraryController {
  enum Notice: String {
    case added, version
  }

  static let crumbs: [Layout.Crumb] = [.init(label: "Library", url: .library)]

  static func list(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    let model = try await req.cases.library(by: actor)
    var state = state
    if state.values.isEmpty {
      state.values = [
        "audience": LibraryAudience.everyone.rawValue,
        "shelf": model.shelves.first(where: \.mayAdd)?.value ?? "",
      ]
    }
    return LibraryPage(
      layout: req.layout("The co-op's library", hasErrors: !state.errors.isEmpty), model: model, state: state,
      notice: req.url.query.flatMap(Notice.init(rawValue:))
    ).response(status)
  }

  static func upload(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try await req.cases.checkMayAddToLibrary(by: actor)
    return try await MultipartUpload.receive(
      req, missingFile: "Choose a document to send",
      keep: { upload, state in
        let new = NewLibraryDocument(
          title: state["title"], kind: LibraryKind(rawValue: state["kind"]),
          audience: LibraryAudience(rawValue: state["audience"]), shelf: state["shelf"])
        let document = try await req.cases.addLibraryDocument(
          new, fileName: upload.fileName, chunks: upload.file, by: actor)
        return req.redirect(to: SiteURL.libraryDocument(.value(document.id)).path + "?added", redirectType: .normal)
      },
      refused: { state, status in try await page(req, actor, state, status) })
  }

  static func show(_ req: Request) async throws -> Response {
    try await documentPage(req, try await req.actor(), try req.libraryID(), FormState(), .ok)
  }

  static func documentPage(
    _ req: Request, _ actor: Requester, _ id: ID<LibraryDocument>, _ state: FormState, _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.libraryDocument(id, by: actor)
    return LibraryDocumentPage(
      layout: req.layout(
        "\(model.document.title): the co-op's library", crumbs: crumbs, hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(Notice.init(rawValue:))
    ).response(status)
  }

  static func addVersion(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.libraryID()
    try await req.cases.checkMayAddLibraryVersion(id, by: actor)
    return try await MultipartUpload.receive(
      req, missingFile: "Choose the new version's file",
      keep: { upload, state in
        try await req.cases.addLibraryVersion(
          id, fileName: upload.fileName, note: state["note"], chunks: upload.file, by: actor)
        return req.redirect(to: SiteURL.libraryDocument(.value(id)).path + "?version", redirectType: .normal)
      },
      refused: { state, status in try await documentPage(req, actor, id, state, status) })
  }

  /// A version's bytes, as a download with the name it came with.
  static func file(_ req: Request) async throws -> Response {
    let content = try await req.cases.libraryContent(
      try req.libraryID(), version: try req.versionNumber(), by: try await req.actor())
    return DocumentController.download(
      content.chunks, count: content.total, contentType: content.version.contentType,
      fileName: content.version.fileName)
  }
}
