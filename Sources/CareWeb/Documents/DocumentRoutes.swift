import CareCases
import CareCore
import NIOCore
import Vapor

/// The person's documents: the library with its upload form, one document (its versions, who sees it, a new
/// version), a version's file, who sees it (in two steps), the person's sharing agreements with
/// professionals; and the API.
enum DocumentsWeb: WebCapability {
  static let openAPI: String? = "documents"

  static func pages(_ r: PageRoutes) {
    r.get(.teamDocuments(.key), DocumentController.list)
    r.postStream(.teamDocuments(.key), limit: DocumentController.largest, DocumentController.upload)
    r.get(.teamSharing(.key), DocumentController.sharing)
    r.post(.teamSharing(.key), DocumentController.recordSharing)
    r.post(.teamSharingEnd(.key, .key), DocumentController.endSharing)
    r.get(.document(.key), DocumentController.show)
    r.postStream(.documentVersions(.key), limit: DocumentController.largest, DocumentController.addVersion)
    r.get(.documentFile(.key, .key), DocumentController.file)
    r.post(.documentVisibility(.key), DocumentController.visibility)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamDocuments(.key)) { req async throws -> DTO.DocumentsOut in
      DTO.DocumentsOut(try await req.cases.documents(try req.id(), by: try await req.actor()))
    }
    v1.postStream(.teamDocuments(.key), limit: PersonDocument.limit) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayAddDocument(person, by: actor)  // the policy before a byte is read
      let (new, fileName) = try DTO.DocumentUpload.read(req)
      let document = try await req.cases.addDocument(
        new, fileName: fileName, person: person, chunks: BodyChunks(body: req.body), by: actor)
      return try await DTO.DocumentOut(document).encodeResponse(status: .created, for: req)
    }
    v1.get(.document(.key)) { req async throws -> DTO.DocumentOut in
      DTO.DocumentOut(try await req.cases.document(try req.documentID(), by: try await req.actor()).document)
    }
    v1.postStream(.documentVersions(.key), limit: PersonDocument.limit) { req async throws -> Response in
      let actor = try await req.actor()
      let id = try req.documentID()
      try await req.cases.checkMayAddDocumentVersion(id, by: actor)
      let document = try await req.cases.addDocumentVersion(
        id, fileName: req.query[String.self, at: "fileName"], note: req.query[String.self, at: "note"],
        chunks: BodyChunks(body: req.body), by: actor)
      return try await DTO.DocumentOut(document).encodeResponse(status: .created, for: req)
    }
    v1.get(.documentFile(.key, .key)) { req async throws -> Response in try await DocumentController.file(req) }
    v1.put(.documentVisibility(.key)) { req async throws -> DTO.DocumentOut in
      let actor = try await req.actor()
      let id = try req.documentID()
      try await req.cases.checkMayChangeDocumentVisibility(id, by: actor)
      let body = try req.content.decode(DTO.VisibilityIn.self)
      return DTO.DocumentOut(
        try await req.cases.setDocumentVisibility(
          id, visibility: body.visibility, named: body.named ?? [], by: actor))
    }
    v1.post(.teamSharingAgreements(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayShareDocuments(person, by: actor)
      let body = try req.content.decode(DTO.SharingIn.self)
      let agreement = try await req.cases.recordSharingAgreement(
        person, professional: body.professionalID, kinds: body.kinds, until: body.until, by: actor)
      return try await DTO.SharingAgreementOut(agreement).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamSharingAgreementEnd(.key, .key)) { req async throws -> DTO.SharingAgreementOut in
      let actor = try await req.actor()
      return DTO.SharingAgreementOut(
        try await req.cases.endSharingAgreement(
          try req.id(), agreement: try req.id(SharingAgreement.self, SiteURL.agreementID), by: actor))
    }
  }
}

extension Request {
  /// The `:documentID` of a document's route.
  func documentID() throws -> ID<PersonDocument> { try id(PersonDocument.self, SiteURL.documentID) }
}

extension DTO {
  enum DocumentUpload {
    /// A new document's details from the query (its bytes are the body): every problem at once.
    static func read(_ req: Request) throws -> (NewDocument, String?) {
      var errors: [FieldError] = []
      func text(_ name: String) -> String? { req.query[String.self, at: name] }
      let kind = text("kind").flatMap(DocumentKind.init(rawValue:))
      if kind == nil {
        errors.append(
          FieldError("kind", "kind must be one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"))
      }
      let visibility = text("visibility").flatMap(DocumentVisibility.init(rawValue:))
      if visibility == nil {
        errors.append(
          FieldError(
            "visibility",
            "visibility must be one of \(DocumentVisibility.allCases.map(\.rawValue).joined(separator: ", "))"))
      }
      var named: Set<ID<Account>> = []
      for raw in (text("named") ?? "").split(separator: ",", omittingEmptySubsequences: false) where !raw.isEmpty {
        guard let id = ID<Account>(string: String(raw)) else {
          errors.append(FieldError("named", "named must be account ids separated by commas"))
          break
        }
        named.insert(id)
      }
      if !errors.isEmpty { throw CareError.invalid(errors) }
      return (
        NewDocument(title: text("title") ?? "", kind: kind, visibility: visibility, named: named), text("fileName")
      )
    }
  }

  struct VisibilityIn: Content {
    let visibility: String
    let named: [String]?
  }

  struct SharingIn: Content {
    let professionalID: String
    let kinds: [String]
    let until: String?
  }

  struct DocumentsOut: Content {
    let personID: String
    let documents: [DocumentOut]
    let agreements: [SharingAgreementOut]

    init(_ m: DocumentsModel) {
      personID = m.team.person.id.description
      documents = m.documents.map(DocumentOut.init)
      agreements = m.agreements.map(SharingAgreementOut.init)
    }
  }

  struct DocumentOut: Content {
    let id: String
    let personID: String
    let title: String
    let kind: String
    let visibility: String
    let named: [String]
    let addedBy: String
    let addedAt: Date
    let versions: [VersionOut]

    init(_ d: PersonDocument) {
      (id, personID, title, kind) = (d.id.description, d.personID.description, d.title, d.kind.rawValue)
      (visibility, named) = (d.visibility.rawValue, d.named.map(\.description).sorted())
      (addedBy, addedAt, versions) = (d.addedBy.description, d.addedAt, d.versions.map(VersionOut.init))
    }
  }

  struct VersionOut: Content {
    let number: Int
    let fileName: String
    let contentType: String
    let bytes: Int
    let sha256: String
    let note: String
    let addedBy: String
    let addedAt: Date

    init(_ v: DocumentVersion) {
      (number, fileName, contentType, bytes, sha256) = (v.number, v.fileName, v.contentType, v.bytes, v.sha256)
      (note, addedBy, addedAt) = (v.note, v.addedBy.description, v.addedAt)
    }
  }

  struct SharingAgreementOut: Content {
    let id: String
    let professionalID: String
    let kinds: [String]
    let until: String?
    let madeBy: String
    let madeAt: Date
    let endedAt: Date?

    init(_ a: SharingAgreement) {
      (id, professionalID) = (a.id.description, a.professionalID.description)
      kinds = DocumentKind.allCases.filter(a.kinds.contains).map(\.rawValue)
      (until, madeBy, madeAt, endedAt) = (a.until?.iso, a.madeBy.description, a.madeAt, a.endedAt)
    }
  }
}

enum DocumentController {
  /// The most an upload form's body may be: the largest file and its fields.
  static let largest = PersonDocument.limit + 64 * 1024

  static func crumbs(_ team: Team) -> [Layout.Crumb] {
    MedicineController.crumbs(team) + [.init(label: "Documents", url: .teamDocuments(.value(team.person.id)))]
  }

  enum Notice: String {
    case added, version, changed, shared, ended
  }

  static func list(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ person: ID<Person>, _ state: FormState, _ status: HTTPStatus)
    async throws -> Response
  {
    let model = try await req.cases.documents(person, by: actor)
    var state = state
    if state.values.isEmpty { state.values = ["visibility": DocumentVisibility.team.rawValue] }
    let isOwner = actor.account.id == model.team.personAccount.id
    return DocumentsPage(
      layout: req.layout(
        isOwner ? "Your documents" : "\(model.personName)'s documents", crumbs: MedicineController.crumbs(model.team),
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(Notice.init(rawValue:))
    ).response(status)
  }

  /// Checkboxes named `<prefix>-<value>` (people to name, kinds to share): their values.
  static func ticked(_ state: FormState, _ prefix: String) -> [String] {
    state.values.filter { $0.key.hasPrefix("\(prefix)-") && $0.value == "true" }.map {
      String($0.key.dropFirst(prefix.count + 1))
    }
    .sorted()
  }

  static func upload(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    try await req.cases.checkMayAddDocument(person, by: actor)
    return try await MultipartUpload.receive(
      req, missingFile: "Choose a document to send",
      keep: { upload, state in
        let named = Set(ticked(state, "named").compactMap { ID<Account>(string: $0) })
        let new = NewDocument(
          title: state["title"], kind: DocumentKind(rawValue: state["kind"]),
          visibility: DocumentVisibility(rawValue: state["visibility"]), named: named)
        let document = try await req.cases.addDocument(
          new, fileName: upload.fileName, person: person, chunks: upload.file, by: actor)
        return req.redirect(to: SiteURL.document(.value(document.id)).path + "?added", redirectType: .normal)
      },
      refused: { state, status in try await page(req, actor, person, state, status) })
  }

  static func show(_ req: Request) async throws -> Response {
    try await documentPage(req, try await req.actor(), try req.documentID(), FormState(), .ok)
  }

  static func documentPage(
    _ req: Request, _ actor: Requester, _ id: ID<PersonDocument>, _ state: FormState, _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.document(id, by: actor)
    var state = state
    if state.values["visibility"] == nil {
      state.values["visibility"] = model.document.visibility.rawValue
      for named in model.document.named { state.values["named-\(named)"] = "true" }
    }
    return DocumentPage(
      layout: req.layout(
        "\(model.document.title): \(model.personName)'s document", crumbs: crumbs(model.team),
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(Notice.init(rawValue:))
    ).response(status)
  }

  static func addVersion(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.documentID()
    try await req.cases.checkMayAddDocumentVersion(id, by: actor)
    return try await MultipartUpload.receive(
      req, missingFile: "Choose the new version's file",
      keep: { upload, state in
        try await req.cases.addDocumentVersion(
          id, fileName: upload.fileName, note: state["note"], chunks: upload.file, by: actor)
        return req.redirect(to: SiteURL.document(.value(id)).path + "?version", redirectType: .normal)
      },
      refused: { state, status in try await documentPage(req, actor, id, state, status) })
  }

  /// Who sees a document, in two steps: without `confirm` the choice is checked and what would change is
  /// shown, with a button to confirm it; confirmed, it is changed.
  static func visibility(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.documentID()
    var state = try req.formState()
    do {
      let named = ticked(state, "named")
      if state["confirm"] == "yes" {
        try await req.cases.setDocumentVisibility(id, visibility: state["visibility"], named: named, by: actor)
        return req.redirect(to: SiteURL.document(.value(id)).path + "?changed", redirectType: .normal)
      }
      let preview = try await req.cases.previewDocumentVisibility(
        id, visibility: state["visibility"], named: named, by: actor)
      return VisibilityConfirmPage(
        layout: req.layout("Check who will see “\(preview.model.document.title)”", crumbs: crumbs(preview.model.team)),
        preview: preview
      ).response()
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await documentPage(req, actor, id, state, status)
    }
  }

  /// A version's bytes, as a download with the name it came with; never guessed at by the browser.
  static func file(_ req: Request) async throws -> Response {
    let content = try await req.cases.documentContent(
      try req.documentID(), version: try req.versionNumber(), by: try await req.actor())
    return download(
      content.chunks, count: content.total, contentType: content.version.contentType,
      fileName: content.version.fileName)
  }

  /// A kept file's bytes as a download (the person's documents, the library): its own type, the name it came
  /// with, never cached, never guessed at by the browser.
  static func download(
    _ chunks: AsyncThrowingStream<[UInt8], any Error>, count: Int, contentType: String, fileName: String
  ) -> Response {
    let response = Response(status: .ok)
    response.headers.replaceOrAdd(name: .contentType, value: contentType)
    response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
    response.headers.replaceOrAdd(name: .contentDisposition, value: disposition(fileName))
    response.body = .streaming(chunks, count: count)
    return response
  }

  /// `attachment` with the file's name: plain ASCII in `filename` (anything else replaced), the real name in
  /// `filename*` (RFC 6266, RFC 8187).
  static func disposition(_ name: String) -> String {
    let plain = String(
      name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
    let encoded =
      name.addingPercentEncoding(
        withAllowedCharacters: CharacterSet(charactersIn: "!#$&+-.^_`|~").union(.alphanumerics))
      ?? plain
    return "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(encoded)"
  }

  static func sharing(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    try await req.cases.checkMayShareDocuments(person, by: actor)
    return try await sharingPage(req, actor, person, FormState(), .ok)
  }

  static func sharingPage(
    _ req: Request, _ actor: Requester, _ person: ID<Person>, _ state: FormState, _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.documents(person, by: actor)
    return SharingPage(
      layout: req.layout(
        "Sharing \(model.personName)'s documents with professionals", crumbs: crumbs(model.team),
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(Notice.init(rawValue:))
    ).response(status)
  }

  static func recordSharing(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    try await req.cases.checkMayShareDocuments(person, by: actor)
    do {
      try await req.cases.recordSharingAgreement(
        person, professional: state["professional"], kinds: ticked(state, "kind"),
        until: state["until"].isEmpty ? nil : state["until"], by: actor)
      return req.redirect(to: SiteURL.teamSharing(.value(person)).path + "?shared", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields.map {
        $0.field == "kinds" ? FieldError("kind-\(DocumentKind.allCases[0].rawValue)", $0.message) : $0
      }
      return try await sharingPage(req, actor, person, state, status)
    }
  }

  static func endSharing(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    _ = try req.formState()
    try await req.cases.endSharingAgreement(
      person, agreement: try req.id(SharingAgreement.self, SiteURL.agreementID), by: actor)
    return req.redirect(to: SiteURL.teamSharing(.value(person)).path + "?ended", redirectType: .normal)
  }
}
